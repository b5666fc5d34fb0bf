package dev.descent.train;

import dev.descent.api.Callback;
import dev.descent.api.ComponentKind;
import dev.descent.api.DataSource;
import dev.descent.api.Loss;
import dev.descent.api.Model;
import dev.descent.api.Optimizer;
import dev.descent.api.Schedule;
import dev.descent.plugin.ComponentInfo;
import dev.descent.plugin.OptionBinder;
import dev.descent.tensor.Device;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * One run, resolved and typed: the component of every kind (the config's choice, or what a Guice
 * module bound in its place), the {@code train.*} settings and the seed. Immutable; what
 * {@code dev.descent.run.RunResolver} makes of a config, what {@code TrainerModule} binds, what the loop trains
 * and what a {@link TrainingResult} records.
 *
 * <pre>{@code
 * Run run = RunResolver.resolve(config, registry).with(ComponentKind.LOSS, new MyLoss());
 * TrainingResult result = Descent.train(run, List.of(), List.of());
 * }</pre>
 *
 * @param components each kind's components, in the order of the registry's kinds (the built-in ones
 *                   first): one for a single kind, the config's list for a list kind
 * @param settings   the {@code train.*} settings
 * @param seed       the run seed, from which every random stream is drawn
 * @param test       the data the run reports after every epoch without learning from it ({@code test =
 *                   fashion-mnist}, {@code test.split = test}: the book's test accuracy), or empty
 */
public record Run(Map<ComponentKind<?>, List<?>> components, TrainingSettings settings, long seed,
                  Optional<DataSource> test) {

    /** The config key of the run seed. */
    public static final String SEED_KEY = "seed";
    /** The config key of the test data source; its options are under {@code test.}. */
    public static final String TEST_KEY = "test";

    /** A run without test data. */
    public Run(Map<ComponentKind<?>, List<?>> components, TrainingSettings settings, long seed) {
        this(components, settings, seed, Optional.empty());
    }

    public Run {
        Objects.requireNonNull(test, "test");
        Map<ComponentKind<?>, List<?>> copy = new LinkedHashMap<>();
        components.forEach((kind, list) -> {
            if (!kind.list() && list.size() != 1) {
                throw new IllegalArgumentException("kind '" + kind.key() + "' takes one component, not " + list.size());
            }
            for (Object component : list) {
                if (!kind.type().isInstance(component)) {
                    throw new IllegalArgumentException("a component of kind '" + kind.key() + "' must be a "
                            + kind.type().getName() + ", not " + component.getClass().getName());
                }
            }
            copy.put(kind, List.copyOf(list));
        });
        for (ComponentKind<?> kind : List.of(ComponentKind.DATA, ComponentKind.MODEL, ComponentKind.LOSS,
                ComponentKind.OPTIMIZER, ComponentKind.SCHEDULE, ComponentKind.DEVICE, TrainerKinds.ENGINE)) {
            if (!copy.containsKey(kind)) {
                throw new IllegalArgumentException("a run needs a component of kind '" + kind.key() + "'");
            }
        }
        copy.putIfAbsent(ComponentKind.CALLBACKS, List.of());
        components = Collections.unmodifiableMap(copy);
    }

    /** Every kind of this run, built-in first, then those plugin jars declared. */
    public List<ComponentKind<?>> kinds() {
        return List.copyOf(components.keySet());
    }

    /** The component of a single kind. */
    public <T> T component(ComponentKind<T> kind) {
        if (kind.list()) {
            throw new IllegalArgumentException("kind '" + kind.key() + "' is a list; use components(kind)");
        }
        return components(kind).get(0);
    }

    /**
     * The components of any kind, in the config's order: how an engine or a hook reaches the
     * components of a kind a plugin declared.
     */
    public <T> List<T> components(ComponentKind<T> kind) {
        List<?> list = components.get(kind);
        if (list == null) {
            throw new IllegalArgumentException("this run has no kind '" + kind.key() + "'; is the jar that declares"
                    + " it among the plugins?");
        }
        return list.stream().map(kind.type()::cast).toList();
    }

    /** This run with {@code component} for the single kind {@code kind}, everything else the same. */
    public <T> Run with(ComponentKind<T> kind, T component) {
        return withAll(kind, List.of(component));
    }

    /** This run with {@code components} for {@code kind}, everything else the same. */
    public <T> Run withAll(ComponentKind<T> kind, List<? extends T> list) {
        Map<ComponentKind<?>, List<?>> changed = new LinkedHashMap<>(components);
        changed.put(kind, list);
        return new Run(changed, settings, seed, test);
    }

    /** This run reporting its figures on {@code source}'s data after every epoch, everything else the same. */
    public Run withTest(DataSource source) {
        return new Run(components, settings, seed, Optional.of(source));
    }

    public DataSource data() {
        return component(ComponentKind.DATA);
    }

    public Model model() {
        return component(ComponentKind.MODEL);
    }

    public Loss loss() {
        return component(ComponentKind.LOSS);
    }

    public Optimizer optimizer() {
        return component(ComponentKind.OPTIMIZER);
    }

    public Schedule schedule() {
        return component(ComponentKind.SCHEDULE);
    }

    public List<Callback> callbacks() {
        return components(ComponentKind.CALLBACKS);
    }

    /** The device; whoever trains this run closes it when the run is over ({@code Descent.train} does). */
    public Device device() {
        return component(ComponentKind.DEVICE);
    }

    public Engine engine() {
        return component(TrainerKinds.ENGINE);
    }

    /**
     * Every key of this run with its effective value, defaults included: what a model file records
     * as its config, and what {@code --resume} reuses.
     */
    public Map<String, String> resolvedConfig() {
        Map<String, String> config = new LinkedHashMap<>();
        components.forEach((kind, instances) -> {
            List<ComponentInfo> infos = instances.stream().map(ComponentInfo::of).toList();
            config.put(kind.key(), infos.stream().map(ComponentInfo::name).collect(Collectors.joining(", ")));
            for (ComponentInfo info : infos) {
                String prefix = kind.optionPrefix(info.name());
                info.options().forEach((name, value) -> config.put(prefix + "." + name, value));
            }
        });
        test.map(ComponentInfo::of).ifPresent(info -> {
            config.put(TEST_KEY, info.name());
            info.options().forEach((name, value) -> config.put(TEST_KEY + "." + name, value));
        });
        OptionBinder.optionsOf(TrainingSettings.class).values()
                .forEach(o -> config.put(TrainingSettings.PREFIX + "." + o.name(), o.valueText(settings)));
        config.put(SEED_KEY, Long.toString(seed));
        return config;
    }

    /** Short, for logs and JShell: the chosen name of every kind. */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("Run[");
        components.forEach((kind, instances) -> text.append(text.length() > 4 ? ", " : "").append(kind.key())
                .append('=').append(instances.stream().map(c -> ComponentInfo.of(c).name())
                        .collect(Collectors.joining(","))));
        test.ifPresent(t -> text.append(", test=").append(ComponentInfo.of(t).name()));
        return text.append(", seed=").append(seed).append(']').toString();
    }
}
