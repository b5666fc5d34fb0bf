package dev.descent.run;

import dev.descent.api.ComponentKind;
import dev.descent.api.DataSource;
import dev.descent.config.ConfigException;
import dev.descent.config.ConfigValue;
import dev.descent.config.RunConfig;
import dev.descent.plugin.Names;
import dev.descent.plugin.OptionBinder;
import dev.descent.plugin.PluginDescriptor;
import dev.descent.plugin.PluginPaths;
import dev.descent.plugin.PluginRegistry;
import dev.descent.train.RandomStreams;
import dev.descent.train.Run;
import dev.descent.train.TrainingSettings;
import java.util.ArrayList;
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
 * Resolves a {@link RunConfig} into a {@link Run}: chooses every kind's components through the
 * {@link PluginRegistry} (one per single kind, any number per list kind, for every kind the registry
 * knows: the built-in ones and those plugin jars declare), checks every key of the config, and
 * creates the components with their options set.
 */
public final class RunResolver {

    private static final Logger LOG = LoggerFactory.getLogger(RunResolver.class);

    private static final String SEED_KEY = Run.SEED_KEY;
    private static final String TRAIN_PREFIX = TrainingSettings.PREFIX;
    private static final String TEST_KEY = Run.TEST_KEY;

    private RunResolver() {
    }

    /**
     * Chooses and configures every component. Checks every key before creating anything that holds
     * resources, so a typo never leaves a device half-open.
     */
    public static Run resolve(RunConfig config, PluginRegistry registry) {
        Map<ComponentKind<?>, List<PluginDescriptor>> descriptors = new LinkedHashMap<>();
        for (ComponentKind<?> kind : registry.kinds()) {
            if (kind.composed()) {
                continue;   // layers: a model creates them, from its own option
            }
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
        config = ownPrefixes(config, descriptors, registry);
        checkListNames(descriptors, registry, config);
        Optional<PluginDescriptor> test = testSource(config, registry);
        checkKeys(config, descriptors, test, registry);
        long seed = parseSeed(config);
        TrainingSettings settings = new TrainingSettings();
        OptionBinder.bind(settings, OptionBinder.optionsOf(TrainingSettings.class), TRAIN_PREFIX, "the trainer",
                config.section(TRAIN_PREFIX));

        Map<ComponentKind<?>, List<?>> chosen = new LinkedHashMap<>();
        for (Map.Entry<ComponentKind<?>, List<PluginDescriptor>> entry : descriptors.entrySet()) {
            List<Object> ofKind = new ArrayList<>();
            for (PluginDescriptor d : entry.getValue()) {
                Object instance = registry.create(d, config.section(d.optionPrefix()));
                String passed = OptionBinder.keysPrefixOf(d.type());
                if (passed != null) {
                    Map<String, String> keys = new LinkedHashMap<>();
                    config.values().values().stream().filter(v -> v.key().startsWith(passed + "."))
                            .forEach(v -> keys.put(v.key(), v.value()));
                    OptionBinder.bindKeysUnder(instance, keys);
                }
                ofKind.add(instance);
                if (LOG.isDebugEnabled()) {
                    LOG.debug("{} = {} ({} from {}, version {}){}", entry.getKey().key(), d.name(), d.type().getName(),
                            d.source(), d.version(), d.options().values().stream()
                                    .map(o -> " " + d.optionPrefix() + "." + o.name() + "=" + o.valueText(instance))
                                    .collect(Collectors.joining(",")));
                }
            }
            chosen.put(entry.getKey(), ofKind);
        }
        Map<String, ConfigValue> testConfig = config.section(TEST_KEY);
        Optional<DataSource> testData = test.map(d -> (DataSource) registry.create(d, testConfig));
        LOG.debug("train.epochs={}, train.batch-size={}, seed={}", settings.epochs(), settings.batchSize(), seed);
        return new Run(chosen, settings, seed, testData);
    }

    /**
     * The data source {@code test = NAME} chooses, any data source by name, configured under
     * {@code test.}; empty when the config has no key {@code test}.
     */
    private static Optional<PluginDescriptor> testSource(RunConfig config, PluginRegistry registry) {
        Optional<ConfigValue> choice = config.get(TEST_KEY);
        if (choice.isEmpty()) {
            Optional<ConfigValue> stray = config.values().values().stream()
                    .filter(v -> v.key().startsWith(TEST_KEY + ".")).findFirst();
            if (stray.isPresent()) {
                throw new ConfigException(stray.get().key() + " (" + stray.get().origin() + ") configures the test"
                        + " data, but the config does not choose a test data source; add test = NAME (a data source,"
                        + " e.g. test = " + config.get(ComponentKind.DATA.key()).map(ConfigValue::value)
                        .orElse("csv") + ") or remove the key");
            }
            return Optional.empty();
        }
        return Optional.of(registry.require(ComponentKind.DATA, choice.get().value(), choice.get()));
    }

    /**
     * Lets a single kind's component take its options under its own name too, as the book's configs
     * write them: with {@code model = mlp}, {@code mlp.hidden = 256} is {@code model.hidden = 256}.
     * Not for a name that is itself a kind's key, a reserved key, a list component's name or the
     * prefix whose keys a component takes whole ({@code spark.*}, the Spark engine's).
     */
    private static RunConfig ownPrefixes(RunConfig config, Map<ComponentKind<?>, List<PluginDescriptor>> descriptors,
                                         PluginRegistry registry) {
        for (Map.Entry<ComponentKind<?>, List<PluginDescriptor>> entry : descriptors.entrySet()) {
            ComponentKind<?> kind = entry.getKey();
            if (kind.list() || entry.getValue().size() != 1) {
                continue;
            }
            String name = entry.getValue().get(0).name();
            if (name.equals(kind.key()) || registry.kind(name).isPresent() || PluginRegistry.RESERVED_KEYS.contains(name)
                    || registry.kinds().stream().anyMatch(k -> registry.list(k).stream().anyMatch(d ->
                    k.list() && !k.composed() && d.name().equals(name) || name.equals(OptionBinder.keysPrefixOf(d.type()))))) {
                continue;
            }
            for (ConfigValue value : List.copyOf(config.values().values())) {
                if (value.key().startsWith(name + ".")) {
                    String key = kind.key() + value.key().substring(name.length());
                    if (config.get(key).isPresent()) {
                        throw new ConfigException(value.key() + " (" + value.origin() + ") and " + key + " ("
                                + config.get(key).get().origin() + ") set the same option of " + kind.label(name)
                                + "; keep one");
                    }
                    config = config.withKeyRenamed(value.key(), key);
                }
            }
        }
        return config;
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
                                  Optional<PluginDescriptor> test, PluginRegistry registry) {
        List<String> valid = new ArrayList<>(validKeys(chosen));
        test.ifPresent(d -> {
            valid.add(TEST_KEY);
            d.options().keySet().forEach(o -> valid.add(TEST_KEY + "." + o));
        });
        List<String> passed = chosen.values().stream().flatMap(List::stream)
                .map(d -> OptionBinder.keysPrefixOf(d.type())).filter(p -> p != null).map(p -> p + ".").toList();
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
                if (prefix.equals(TEST_KEY) && test.isPresent()) {
                    throw OptionBinder.unknownKey(value, test.get().options(), TEST_KEY,
                            "the test data (" + test.get().label() + ")");
                }
                if (prefix.equals(TRAIN_PREFIX)) {
                    throw OptionBinder.unknownKey(value, OptionBinder.optionsOf(TrainingSettings.class), TRAIN_PREFIX,
                            "the trainer");
                }
                for (ComponentKind<?> listKind : registry.kinds()) {
                    if (listKind.list() && !listKind.composed() && registry.list(listKind).stream().anyMatch(d -> d.name().equals(prefix))) {
                        throw new ConfigException(key + " (" + value.origin() + ") configures " + listKind.label(prefix)
                                + ", which this run does not use; add it to " + listKind.key() + " (e.g. "
                                + listKind.key() + " = " + prefix + ") or remove the key");
                    }
                }
            }
            if (dot > 0) {
                for (ComponentKind<?> kind : registry.kinds()) {
                    for (PluginDescriptor d : registry.list(kind)) {
                        if (prefix.equals(OptionBinder.keysPrefixOf(d.type()))) {
                            throw new ConfigException(key + " (" + value.origin() + ") is a setting of " + d.label()
                                    + ", which this run does not use; set " + kind.key() + " = " + d.name()
                                    + ", or remove the key");
                        }
                    }
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

    /** The run seed {@code config} gives ({@code seed}), or the default. */
    public static long resolveSeed(RunConfig config) {
        return parseSeed(config);
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
