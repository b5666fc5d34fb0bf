package dev.descent.api;

import dev.descent.tensor.Device;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A kind of component: the config key that chooses it, the interface its components implement,
 * what is chosen when the config says nothing, and how it is described to users. Discovery, config
 * sections, Guice bindings, {@code descent plugins} and the generated option tables all follow from
 * this one declaration.
 *
 * <p>A kind is <em>single</em> ({@code loss = squared}: exactly one component, its options under
 * {@code loss.}) or a <em>list</em> ({@code callbacks = early-stopping, checkpoint}: any number of
 * components, each configured under its own name, {@code early-stopping.patience = 5}). The trainer
 * receives a single kind as its interface and a list kind as {@code List<Interface>}, in the order
 * the config names them.
 *
 * <p>The built-in kinds are the constants below; a plugin jar adds a kind with a {@link KindProvider}.
 *
 * @param key         the config key, lower case with dashes: {@code optimizer}
 * @param noun        the singular for messages: {@code optimizer}
 * @param plural      the plural for listings: {@code optimizers}
 * @param type        the interface a component of this kind implements
 * @param defaults    the components chosen when the config does not set {@code key}: one name for a
 *                    single kind, any number (often none) for a list kind
 * @param list        whether the config names a list of components
 * @param description one line for listings: what components of this kind do
 * @param composed    whether its components are parts other components compose (layers, in a model's
 *                    {@code model.layers}) rather than chosen by the kind's own key: then the config has
 *                    no key {@code key}, and the trainer is not given them
 * @param <T>         the interface
 */
public record ComponentKind<T>(String key, String noun, String plural, Class<T> type, List<String> defaults,
                               boolean list, String description, boolean composed) {

    private static final Pattern KEY = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");

    public ComponentKind {
        Objects.requireNonNull(type, "type");
        if (key == null || !KEY.matcher(key).matches()) {
            throw new IllegalArgumentException("a kind's key is lower case letters, digits and dashes, not '" + key + "'");
        }
        if (!type.isInterface()) {
            throw new IllegalArgumentException("kind '" + key + "': " + type.getName() + " is not an interface");
        }
        defaults = List.copyOf(defaults);
        if (composed && (!list || !defaults.isEmpty())) {
            throw new IllegalArgumentException("kind '" + key + "' is composed by other components, so it is a list"
                    + " kind without defaults");
        }
        if (!list && defaults.size() != 1) {
            throw new IllegalArgumentException("kind '" + key + "' chooses one component, so it needs exactly one"
                    + " default, not " + defaults);
        }
    }

    /** A kind chosen by its own key (API 2.1 and before: every kind). */
    public ComponentKind(String key, String noun, String plural, Class<T> type, List<String> defaults, boolean list,
                         String description) {
        this(key, noun, plural, type, defaults, list, description, false);
    }

    /** A kind choosing exactly one component, {@code defaultName} unless the config says otherwise. */
    public static <T> ComponentKind<T> single(String key, String noun, String plural, Class<T> type,
                                              String defaultName, String description) {
        return new ComponentKind<>(key, noun, plural, type, List.of(defaultName), false, description);
    }

    /** A kind choosing any number of components, each configured under its own name; none by default. */
    public static <T> ComponentKind<T> list(String key, String noun, String plural, Class<T> type,
                                            String description) {
        return new ComponentKind<>(key, noun, plural, type, List.of(), true, description);
    }

    /**
     * A kind whose components other components compose by name, in one of their options (as
     * {@code model.layers} composes layers), each with its own options; no config key chooses them.
     */
    public static <T> ComponentKind<T> composed(String key, String noun, String plural, Class<T> type,
                                                String description) {
        return new ComponentKind<>(key, noun, plural, type, List.of(), true, description, true);
    }

    public static final ComponentKind<DataSource> DATA = single("data", "data source", "data sources",
            DataSource.class, "synthetic-gaussian", "Where the examples come from");
    public static final ComponentKind<Model> MODEL = single("model", "model", "models", Model.class, "linreg",
            "The function of the features that is trained");
    public static final ComponentKind<Loss> LOSS = single("loss", "loss", "losses", Loss.class, "squared",
            "How far a prediction is from its label, per example");
    public static final ComponentKind<Optimizer> OPTIMIZER = single("optimizer", "optimizer", "optimizers",
            Optimizer.class, "sgd", "How parameters move along their gradients");
    public static final ComponentKind<Schedule> SCHEDULE = single("schedule", "schedule", "schedules",
            Schedule.class, "constant", "The optimizer's learning rate over the epochs");
    public static final ComponentKind<Callback> CALLBACKS = list("callbacks", "callback", "callbacks",
            Callback.class, "Code run as training goes, which may stop it (e.g. early stopping)");
    public static final ComponentKind<Device> DEVICE = single("device", "device", "devices",
            Device.class, "cpu", "Where tensors live and their arithmetic runs");
    /** Composed by models such as {@code sequential} and {@code mlp}: {@code model.layers = linear:256, relu, linear}. */
    public static final ComponentKind<Layer> LAYER = composed("layer", "layer", "layers", Layer.class,
            "A step of a composed model (model.layers = linear:256, relu, linear)");

    /** The kinds every Descent has, in the order listings and saved configs show them. */
    public static final List<ComponentKind<?>> BUILT_IN = List.of(DATA, MODEL, LOSS, OPTIMIZER, SCHEDULE, CALLBACKS,
            DEVICE, LAYER);

    /** {@code loss 'squared'}, for messages. */
    public String label(String name) {
        return noun + " '" + name + "'";
    }

    /**
     * The config prefix of a component's options: the kind's key for a single kind
     * ({@code optimizer.lr}), the component's own name for a list kind ({@code early-stopping.patience}).
     */
    public String optionPrefix(String componentName) {
        return list ? componentName : key;
    }

    /**
     * Kinds are equal when their keys are: a key names one kind in a run. Written out rather than
     * left to the record, whose generated {@code equals}/{@code hashCode} are bootstrapped through
     * method handles on first use, which costs a fresh JVM tens of milliseconds (kinds are map keys).
     */
    @Override
    public boolean equals(Object o) {
        return o instanceof ComponentKind<?> other && key.equals(other.key);
    }

    @Override
    public int hashCode() {
        return key.hashCode();
    }

    @Override
    public String toString() {
        return key;
    }
}
