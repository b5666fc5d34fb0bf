package dev.descent.train;

import dev.descent.api.Callback;
import dev.descent.api.ComponentKind;
import dev.descent.api.DataSource;
import dev.descent.api.Loss;
import dev.descent.api.Model;
import dev.descent.api.Optimizer;
import dev.descent.api.Schedule;
import dev.descent.config.ConfigException;
import dev.descent.config.ConfigValue;
import dev.descent.config.RunConfig;
import dev.descent.io.ModelFile;
import dev.descent.io.ModelFiles;
import dev.descent.plugin.ComponentInfo;
import dev.descent.plugin.Names;
import dev.descent.plugin.OptionBinder;
import dev.descent.plugin.PluginDescriptor;
import dev.descent.plugin.PluginPaths;
import dev.descent.plugin.PluginRegistry;
import dev.descent.tensor.Device;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The components of one run, created from a {@link RunConfig} by the {@link PluginRegistry}, with
 * every key of the config checked: one component per single kind, any number per list kind, for
 * every kind the registry knows (the built-in ones and those plugin jars declare).
 */
public final class RunComponents {

    private static final Logger LOG = LoggerFactory.getLogger(RunComponents.class);

    static final String SEED_KEY = "seed";
    static final String TRAIN_PREFIX = "train";

    /**
     * One component chosen for the run.
     *
     * @param descriptor what the registry knows of it
     * @param instance   the component, its options set
     */
    public record Chosen(PluginDescriptor descriptor, Object instance) {
    }

    private final Map<ComponentKind<?>, List<Chosen>> chosen;
    private final TrainingSettings settings;
    private final long seed;

    private RunComponents(Map<ComponentKind<?>, List<Chosen>> chosen, TrainingSettings settings, long seed) {
        this.chosen = chosen;
        this.settings = settings;
        this.seed = seed;
    }

    /**
     * Chooses and configures every component. Checks every key before creating anything that holds
     * resources, so a typo never leaves a device half-open.
     */
    public static RunComponents resolve(RunConfig config, PluginRegistry registry) {
        Map<ComponentKind<?>, List<PluginDescriptor>> descriptors = new LinkedHashMap<>();
        for (ComponentKind<?> kind : registry.kinds()) {
            Optional<ConfigValue> choice = config.get(kind.key());
            if (kind.equals(ComponentKind.DEVICE) && choice.map(ConfigValue::value).orElse("").equals(AutoDevice.NAME)) {
                AutoDevice.Choice auto = AutoDevice.choose(registry);
                LOG.info(auto.reason());
                descriptors.put(kind, List.of(auto.descriptor()));
                for (Map.Entry<String, String> option : auto.options().entrySet()) {
                    String key = kind.key() + "." + option.getKey();
                    if (config.get(key).isEmpty()) {
                        config = config.with(key, option.getValue(), "device = auto");
                    }
                }
                continue;
            }
            List<PluginDescriptor> ofKind = new ArrayList<>();
            for (String name : names(kind, choice)) {
                ofKind.add(registry.require(kind, name, choice.orElse(null)));
            }
            descriptors.put(kind, ofKind);
        }
        checkListNames(descriptors, registry, config);
        checkKeys(config, descriptors, registry);
        long seed = parseSeed(config);
        TrainingSettings settings = new TrainingSettings();
        OptionBinder.bind(settings, OptionBinder.optionsOf(TrainingSettings.class), TRAIN_PREFIX, "the trainer",
                config.section(TRAIN_PREFIX));

        Map<ComponentKind<?>, List<Chosen>> chosen = new LinkedHashMap<>();
        for (Map.Entry<ComponentKind<?>, List<PluginDescriptor>> entry : descriptors.entrySet()) {
            List<Chosen> ofKind = new ArrayList<>();
            for (PluginDescriptor d : entry.getValue()) {
                Object instance = registry.create(d, config.section(d.optionPrefix()));
                String passed = PassThroughKeys.prefixOf(d.type());
                if (passed != null) {
                    Map<String, String> keys = new LinkedHashMap<>();
                    config.values().values().stream().filter(v -> v.key().startsWith(passed + "."))
                            .forEach(v -> keys.put(v.key(), v.value()));
                    ((PassThroughKeys) instance).passThrough(keys);
                }
                ofKind.add(new Chosen(d, instance));
                if (LOG.isDebugEnabled()) {
                    LOG.debug("{} = {} ({} from {}, version {}){}", entry.getKey().key(), d.name(), d.type().getName(),
                            d.source(), d.version(), d.options().values().stream()
                                    .map(o -> " " + d.optionPrefix() + "." + o.name() + "=" + o.valueText(instance))
                                    .collect(Collectors.joining(",")));
                }
            }
            chosen.put(entry.getKey(), Collections.unmodifiableList(ofKind));
        }
        LOG.debug("train.epochs={}, train.batch-size={}, seed={}", settings.epochs(), settings.batchSize(), seed);
        return new RunComponents(Collections.unmodifiableMap(chosen), settings, seed);
    }

    /** The names {@code choice} selects for {@code kind}: its default when unset; a list kind's comma-separated names. */
    private static List<String> names(ComponentKind<?> kind, Optional<ConfigValue> choice) {
        if (choice.isEmpty()) {
            return kind.defaults();
        }
        String value = choice.get().value();
        if (!kind.list()) {
            return List.of(value);
        }
        Set<String> names = new LinkedHashSet<>();
        for (String part : value.split(",")) {
            String name = part.strip();
            if (!name.isEmpty() && !names.add(name)) {
                throw new ConfigException(kind.label(name) + " is named twice in " + kind.key() + " ("
                        + choice.get().origin() + "); name each " + kind.noun() + " once");
            }
        }
        return List.copyOf(names);
    }

    /** A list kind's components are configured under their own names, which must not be another key's prefix. */
    private static void checkListNames(Map<ComponentKind<?>, List<PluginDescriptor>> descriptors,
                                       PluginRegistry registry, RunConfig config) {
        for (Map.Entry<ComponentKind<?>, List<PluginDescriptor>> entry : descriptors.entrySet()) {
            if (!entry.getKey().list()) {
                continue;
            }
            for (PluginDescriptor d : entry.getValue()) {
                if (registry.kind(d.name()).isPresent() || PluginRegistry.RESERVED_KEYS.contains(d.name())) {
                    throw new ConfigException(d.label() + " (" + config.get(entry.getKey().key()).map(ConfigValue::origin)
                            .orElse("the default") + ") cannot be used: its options would be keys under '" + d.name()
                            + ".', which belongs to another part of the run; its author must rename it");
                }
            }
        }
    }

    // ----- the components ---------------------------------------------------------------------

    /** Every kind of this run, built-in first, then those plugin jars declared. */
    public List<ComponentKind<?>> kinds() {
        return List.copyOf(chosen.keySet());
    }

    /** What was chosen for {@code kind}: one entry for a single kind, any number for a list kind. */
    public List<Chosen> chosen(ComponentKind<?> kind) {
        List<Chosen> c = chosen.get(kind);
        if (c == null) {
            throw new IllegalArgumentException("this run has no kind '" + kind.key() + "'");
        }
        return c;
    }

    /** The component of a single kind. */
    public <T> T component(ComponentKind<T> kind) {
        if (kind.list()) {
            throw new IllegalArgumentException("kind '" + kind.key() + "' is a list; use components(kind)");
        }
        return kind.type().cast(chosen(kind).get(0).instance());
    }

    /** The components of a list kind, in the order the config names them. */
    public <T> List<T> components(ComponentKind<T> kind) {
        return chosen(kind).stream().map(c -> kind.type().cast(c.instance())).toList();
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

    /** The device; whoever trains with these components closes it when the run is over. */
    public Device device() {
        return component(ComponentKind.DEVICE);
    }

    public Engine engine() {
        return component(TrainerKinds.ENGINE);
    }

    /** The {@code train.*} settings. */
    public TrainingSettings settings() {
        return settings;
    }

    /** The run seed. */
    public long seed() {
        return seed;
    }

    // ----- what a model file records ----------------------------------------------------------

    /**
     * Every key of a run that used {@code components}, with its effective value, defaults included:
     * what a model file records, and what {@code --resume} reuses.
     */
    public Map<String, String> resolvedConfig(Map<ComponentKind<?>, List<Object>> components) {
        Map<String, String> config = new LinkedHashMap<>();
        components.forEach((kind, instances) -> {
            List<ComponentInfo> infos = instances.stream().map(ComponentInfo::of).toList();
            config.put(kind.key(), infos.stream().map(ComponentInfo::name).collect(Collectors.joining(", ")));
            for (ComponentInfo info : infos) {
                String prefix = kind.optionPrefix(info.name());
                info.options().forEach((name, value) -> config.put(prefix + "." + name, value));
            }
        });
        OptionBinder.optionsOf(TrainingSettings.class).values()
                .forEach(o -> config.put(TRAIN_PREFIX + "." + o.name(), o.valueText(settings)));
        config.put(SEED_KEY, Long.toString(seed));
        return config;
    }

    /**
     * The model file of this run after {@code result}: parameters, scaling, the state to resume from,
     * config and provenance, all describing the components the run actually used (an instance bound
     * in code included).
     */
    public ModelFile toModelFile(TrainingResult result, Instant created) {
        Map<String, ModelFile.Component> components = new LinkedHashMap<>();
        result.components().forEach((kind, instances) -> {
            for (Object instance : instances) {
                ComponentInfo info = ComponentInfo.of(instance);
                String key = kind.list() ? kind.key() + "." + info.name() : kind.key();
                components.put(key, new ModelFile.Component(info.name(), info.version(), info.source(), info.options()));
            }
        });
        List<ModelFile.ParameterValues> parameters = new ArrayList<>();
        result.parameters().forEach((name, values) ->
                parameters.add(new ModelFile.ParameterValues(name, result.shapes().get(name).dims(), values)));
        ModelFile.Scaling scaling = result.standardization() == null ? null
                : new ModelFile.Scaling(result.standardization().mean(), result.standardization().std());
        String version = Optional.ofNullable(RunComponents.class.getPackage().getImplementationVersion())
                .orElse("development build");
        ModelFile.Provenance provenance = new ModelFile.Provenance(version, seed, created.toString(),
                result.state().epoch(), result.finalLoss(),
                result.finalValidationLoss().isPresent() ? result.finalValidationLoss().getAsDouble() : null,
                result.epochLosses(), result.validationLosses(), components, result.epochMetrics());
        return new ModelFile(ModelFiles.FORMAT, ModelFiles.FORMAT_VERSION, components.get(ComponentKind.MODEL.key()),
                result.featureNames(), result.labelName(), result.outputs(), result.task().label(), result.classes(),
                scaling, parameters,
                savedState(result.state()), resolvedConfig(result.components()), provenance);
    }

    private static ModelFile.SavedState savedState(TrainingState state) {
        return new ModelFile.SavedState(state.epoch(),
                Double.isNaN(state.learningRate()) ? null : state.learningRate(), state.optimizer(), state.schedule(), state.callbacks());
    }

    // ----- checking keys ------------------------------------------------------------------------

    /** Every key a config may contain, given the chosen components. */
    public static List<String> validKeys(Map<ComponentKind<?>, List<PluginDescriptor>> chosen) {
        List<String> keys = new ArrayList<>();
        chosen.forEach((kind, descriptors) -> {
            keys.add(kind.key());
            for (PluginDescriptor d : descriptors) {
                d.options().keySet().forEach(o -> keys.add(d.optionPrefix() + "." + o));
            }
        });
        OptionBinder.optionsOf(TrainingSettings.class).keySet().forEach(o -> keys.add(TRAIN_PREFIX + "." + o));
        keys.add(SEED_KEY);
        keys.add(PluginPaths.KEY);
        return keys;
    }

    private static void checkKeys(RunConfig config, Map<ComponentKind<?>, List<PluginDescriptor>> chosen,
                                  PluginRegistry registry) {
        List<String> valid = validKeys(chosen);
        List<String> passed = chosen.values().stream().flatMap(List::stream)
                .map(d -> PassThroughKeys.prefixOf(d.type())).filter(p -> p != null).map(p -> p + ".").toList();
        for (ConfigValue value : config.values().values()) {
            String key = value.key();
            if (valid.contains(key) || passed.stream().anyMatch(key::startsWith)) {
                continue;
            }
            int dot = key.indexOf('.');
            String prefix = dot < 0 ? key : key.substring(0, dot);
            if (dot > 0) {
                Optional<ComponentKind<?>> kind = registry.kind(prefix);
                if (kind.isPresent() && !kind.get().list()) {
                    PluginDescriptor d = chosen.get(kind.get()).get(0);
                    throw OptionBinder.unknownKey(value, d.options(), prefix, d.label());
                }
                for (List<PluginDescriptor> descriptors : chosen.values()) {
                    for (PluginDescriptor d : descriptors) {
                        if (d.kind().list() && d.name().equals(prefix)) {
                            throw OptionBinder.unknownKey(value, d.options(), prefix, d.label());
                        }
                    }
                }
                if (prefix.equals(TRAIN_PREFIX)) {
                    throw OptionBinder.unknownKey(value, OptionBinder.optionsOf(TrainingSettings.class), TRAIN_PREFIX,
                            "the trainer");
                }
                for (ComponentKind<?> listKind : registry.kinds()) {
                    if (listKind.list() && registry.list(listKind).stream().anyMatch(d -> d.name().equals(prefix))) {
                        throw new ConfigException(key + " (" + value.origin() + ") configures " + listKind.label(prefix)
                                + ", which this run does not use; add it to " + listKind.key() + " (e.g. "
                                + listKind.key() + " = " + prefix + ") or remove the key");
                    }
                }
            }
            if (dot > 0) {
                for (ComponentKind<?> kind : registry.kinds()) {
                    for (PluginDescriptor d : registry.list(kind)) {
                        if (prefix.equals(PassThroughKeys.prefixOf(d.type()))) {
                            throw new ConfigException(key + " (" + value.origin() + ") is a setting of " + d.label()
                                    + ", which this run does not use; set " + kind.key() + " = " + d.name()
                                    + ", or remove the key");
                        }
                    }
                }
                if (prefix.equals("spark")) {
                    throw new ConfigException(key + " (" + value.origin() + ") is a setting of the spark engine, which"
                            + " this descent does not have: run with descent-spark (bin/descent-spark, or spark-submit"
                            + " with spark/target/descent-spark.jar) and engine = spark, or remove the key");
                }
            }
            StringBuilder message = new StringBuilder("unknown key ").append(key).append(" (").append(value.origin())
                    .append(")");
            Optional<String> nearest = Names.nearest(key, valid);
            nearest.ifPresent(n -> message.append("; did you mean ").append(n).append('?'));
            message.append(nearest.isPresent() ? " Valid keys: " : "; valid keys: ").append(String.join(", ", valid));
            throw new ConfigException(message.toString());
        }
    }

    private static long parseSeed(RunConfig config) {
        Optional<ConfigValue> seed = config.get(SEED_KEY);
        if (seed.isEmpty()) {
            return RandomStreams.DEFAULT_SEED;
        }
        try {
            return Long.parseLong(seed.get().value().replace("_", ""));
        } catch (NumberFormatException e) {
            throw new ConfigException("invalid value '" + seed.get().value() + "' for seed (" + seed.get().origin()
                    + "): expected a whole number, e.g. 42");
        }
    }
}
