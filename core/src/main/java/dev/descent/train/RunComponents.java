package dev.descent.train;

import dev.descent.api.DataSource;
import dev.descent.api.Device;
import dev.descent.api.Loss;
import dev.descent.api.Model;
import dev.descent.api.Optimizer;
import dev.descent.config.ConfigException;
import dev.descent.config.ConfigValue;
import dev.descent.config.RunConfig;
import dev.descent.io.ModelFile;
import dev.descent.io.ModelFiles;
import dev.descent.plugin.Names;
import dev.descent.plugin.OptionBinder;
import dev.descent.plugin.PluginDescriptor;
import dev.descent.plugin.PluginKind;
import dev.descent.plugin.PluginPaths;
import dev.descent.plugin.PluginRegistry;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The components of one run, created from a {@link RunConfig} by the {@link PluginRegistry}, with
 * every key of the config checked.
 *
 * @param data        the data source
 * @param model       the model
 * @param loss        the loss
 * @param optimizer   the optimizer
 * @param device      the device; the caller closes it when the run is over
 * @param settings    the {@code train.*} settings
 * @param seed        the run seed
 * @param descriptors what was chosen for each kind, for reports and provenance
 */
public record RunComponents(DataSource data, Model model, Loss loss, Optimizer optimizer, Device device,
                            TrainingSettings settings, long seed, Map<PluginKind, PluginDescriptor> descriptors) {

    private static final Logger LOG = LoggerFactory.getLogger(RunComponents.class);

    /** The components of the book's run, chosen when the config does not name one. */
    public static final Map<PluginKind, String> DEFAULTS = Collections.unmodifiableMap(new EnumMap<>(Map.of(
            PluginKind.DATA, "synthetic-gaussian",
            PluginKind.MODEL, "linreg",
            PluginKind.LOSS, "squared",
            PluginKind.OPTIMIZER, "sgd",
            PluginKind.DEVICE, "cpu")));

    static final String SEED_KEY = "seed";
    static final String TRAIN_PREFIX = "train";

    /**
     * Chooses and configures every component. Checks every key before creating anything that holds
     * resources, so a typo never leaves a device half-open.
     */
    public static RunComponents resolve(RunConfig config, PluginRegistry registry) {
        Map<PluginKind, PluginDescriptor> chosen = new EnumMap<>(PluginKind.class);
        for (PluginKind kind : PluginKind.values()) {
            Optional<ConfigValue> choice = config.get(kind.key());
            String name = choice.map(ConfigValue::value).orElse(DEFAULTS.get(kind));
            if (kind == PluginKind.DEVICE && name.equals(AutoDevice.NAME)) {
                AutoDevice.Choice auto = AutoDevice.choose(registry);
                LOG.info(auto.reason());
                chosen.put(kind, auto.descriptor());
                for (Map.Entry<String, String> option : auto.options().entrySet()) {
                    String key = kind.key() + "." + option.getKey();
                    if (config.get(key).isEmpty()) {
                        config = config.with(key, option.getValue(), "device = auto");
                    }
                }
                continue;
            }
            chosen.put(kind, registry.require(kind, name, choice.orElse(null)));
        }
        checkKeys(config, chosen);
        long seed = parseSeed(config);
        TrainingSettings settings = new TrainingSettings();
        OptionBinder.bind(settings, OptionBinder.optionsOf(TrainingSettings.class), TRAIN_PREFIX, "the trainer",
                config.section(TRAIN_PREFIX));

        Map<PluginKind, Object> instances = new EnumMap<>(PluginKind.class);
        for (PluginKind kind : PluginKind.values()) {
            PluginDescriptor d = chosen.get(kind);
            Object instance = registry.create(d, config.section(kind.key()));
            instances.put(kind, instance);
            if (LOG.isDebugEnabled()) {
                LOG.debug("{} = {} ({} from {}, version {}){}", kind.key(), d.name(), d.type().getName(), d.source(),
                        d.version(), d.options().values().stream()
                                .map(o -> " " + kind.key() + "." + o.name() + "=" + o.valueText(instance))
                                .collect(Collectors.joining(",")));
            }
        }
        LOG.debug("train.epochs={}, train.batch-size={}, seed={}", settings.epochs(), settings.batchSize(), seed);
        return new RunComponents((DataSource) instances.get(PluginKind.DATA), (Model) instances.get(PluginKind.MODEL),
                (Loss) instances.get(PluginKind.LOSS), (Optimizer) instances.get(PluginKind.OPTIMIZER),
                (Device) instances.get(PluginKind.DEVICE), settings, seed, Collections.unmodifiableMap(chosen));
    }

    /** The instance chosen for {@code kind}. */
    public Object component(PluginKind kind) {
        return switch (kind) {
            case DATA -> data;
            case MODEL -> model;
            case LOSS -> loss;
            case OPTIMIZER -> optimizer;
            case DEVICE -> device;
        };
    }

    /** Every key of this run with its effective value, defaults included: what a model file records. */
    public Map<String, String> resolvedConfig() {
        Map<String, String> config = new java.util.LinkedHashMap<>();
        for (PluginKind kind : PluginKind.values()) {
            PluginDescriptor d = descriptors.get(kind);
            config.put(kind.key(), d.name());
            d.options().values().forEach(o -> config.put(kind.key() + "." + o.name(), o.valueText(component(kind))));
        }
        OptionBinder.optionsOf(TrainingSettings.class).values()
                .forEach(o -> config.put(TRAIN_PREFIX + "." + o.name(), o.valueText(settings)));
        config.put(SEED_KEY, Long.toString(seed));
        return config;
    }

    /** The model file of this run after {@code result}: parameters, scaling, config and provenance. */
    public ModelFile toModelFile(TrainingResult result, java.time.Instant created) {
        Map<String, ModelFile.Component> components = new java.util.LinkedHashMap<>();
        for (PluginKind kind : PluginKind.values()) {
            PluginDescriptor d = descriptors.get(kind);
            Map<String, String> options = new java.util.LinkedHashMap<>();
            d.options().values().forEach(o -> options.put(o.name(), o.valueText(component(kind))));
            components.put(kind.key(), new ModelFile.Component(d.name(), d.version(), d.source(), options));
        }
        List<ModelFile.ParameterValues> parameters = new ArrayList<>();
        result.parameters().forEach((name, values) ->
                parameters.add(new ModelFile.ParameterValues(name, result.shapes().get(name).dims(), values)));
        ModelFile.Scaling scaling = result.standardization() == null ? null
                : new ModelFile.Scaling(result.standardization().mean(), result.standardization().std());
        String version = Optional.ofNullable(RunComponents.class.getPackage().getImplementationVersion())
                .orElse("development build");
        ModelFile.Provenance provenance = new ModelFile.Provenance(version, seed, created.toString(),
                result.epochLosses().size(), result.finalLoss(),
                result.finalValidationLoss().isPresent() ? result.finalValidationLoss().getAsDouble() : null,
                result.epochLosses(), result.validationLosses(), components);
        return new ModelFile(ModelFiles.FORMAT, ModelFiles.FORMAT_VERSION, components.get(PluginKind.MODEL.key()),
                result.featureNames(), result.labelName(), scaling, parameters, resolvedConfig(), provenance);
    }

    /** Every key a config may contain, given the chosen components. */
    public static List<String> validKeys(Map<PluginKind, PluginDescriptor> chosen) {
        List<String> keys = new ArrayList<>();
        for (PluginKind kind : PluginKind.values()) {
            keys.add(kind.key());
            chosen.get(kind).options().keySet().forEach(o -> keys.add(kind.key() + "." + o));
        }
        OptionBinder.optionsOf(TrainingSettings.class).keySet().forEach(o -> keys.add(TRAIN_PREFIX + "." + o));
        keys.add(SEED_KEY);
        keys.add(PluginPaths.KEY);
        return keys;
    }

    private static void checkKeys(RunConfig config, Map<PluginKind, PluginDescriptor> chosen) {
        List<String> valid = validKeys(chosen);
        for (ConfigValue value : config.values().values()) {
            String key = value.key();
            if (valid.contains(key)) {
                continue;
            }
            int dot = key.indexOf('.');
            String prefix = dot < 0 ? key : key.substring(0, dot);
            Optional<PluginKind> kind = PluginKind.ofKey(prefix);
            if (kind.isPresent() && dot > 0) {
                PluginDescriptor d = chosen.get(kind.get());
                throw OptionBinder.unknownKey(value, d.options(), prefix, d.label());
            }
            if (prefix.equals(TRAIN_PREFIX) && dot > 0) {
                throw OptionBinder.unknownKey(value, OptionBinder.optionsOf(TrainingSettings.class), TRAIN_PREFIX,
                        "the trainer");
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
