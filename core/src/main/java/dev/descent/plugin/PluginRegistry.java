package dev.descent.plugin;

import dev.descent.api.Plugin;
import dev.descent.config.ConfigValue;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds every component through {@link ServiceLoader}, knows where each came from, and creates the
 * ones a run selects, with their options set.
 *
 * <p>Listing needs no instances: {@link ServiceLoader#stream()} gives each provider's class. A
 * provider that cannot be loaded (missing class, wrong interface, no {@link Plugin} annotation)
 * becomes a warning naming its jar and class; the others still load. Two providers of one kind with
 * the same name are kept both, and selecting that name is an error naming both.
 */
public final class PluginRegistry {

    private static final Logger LOG = LoggerFactory.getLogger(PluginRegistry.class);

    private final Map<PluginKind, Map<String, List<PluginDescriptor>>> byKind;
    private final List<String> warnings;

    private PluginRegistry(Map<PluginKind, Map<String, List<PluginDescriptor>>> byKind, List<String> warnings) {
        this.byKind = byKind;
        this.warnings = List.copyOf(warnings);
    }

    /** Discovers the components visible to {@code loader} (the application class path, usually). */
    public static PluginRegistry discover(ClassLoader loader) {
        Map<PluginKind, Map<String, List<PluginDescriptor>>> byKind = new EnumMap<>(PluginKind.class);
        List<String> warnings = new ArrayList<>();
        for (PluginKind kind : PluginKind.values()) {
            Map<String, List<PluginDescriptor>> byName = new LinkedHashMap<>();
            Iterator<? extends ServiceLoader.Provider<?>> providers =
                    ServiceLoader.load(kind.type(), loader).stream().iterator();
            while (true) {
                ServiceLoader.Provider<?> provider;
                try {
                    if (!providers.hasNext()) {
                        break;
                    }
                    provider = providers.next();
                } catch (ServiceConfigurationError e) {
                    warnings.add("skipped a " + kind.noun() + ": " + e.getMessage());
                    continue;
                }
                describe(kind, provider.type(), warnings)
                        .ifPresent(d -> byName.computeIfAbsent(d.name(), n -> new ArrayList<>()).add(d));
            }
            byKind.put(kind, byName);
        }
        warnings.forEach(LOG::warn);
        return new PluginRegistry(byKind, warnings);
    }

    private static Optional<PluginDescriptor> describe(PluginKind kind, Class<?> type, List<String> warnings) {
        String source = sourceOf(type);
        Plugin plugin = type.getAnnotation(Plugin.class);
        if (plugin == null) {
            warnings.add("skipped " + kind.noun() + " " + type.getName() + " in " + source
                    + ": it has no @Plugin(name = ..., description = ...) annotation");
            return Optional.empty();
        }
        Map<String, OptionDescriptor> options;
        try {
            options = OptionBinder.optionsOf(type);
        } catch (IllegalArgumentException e) {
            warnings.add("skipped " + kind.noun() + " '" + plugin.name() + "' (" + type.getName() + " in "
                    + source + "): " + e.getMessage());
            return Optional.empty();
        }
        String version = Optional.ofNullable(type.getPackage().getImplementationVersion()).orElse("unversioned");
        PluginDescriptor descriptor = new PluginDescriptor(kind, plugin.name(), plugin.description(), type, source,
                version, options);
        LOG.debug("found {} ({}) in {}, version {}", descriptor.label(), type.getName(), source, version);
        return Optional.of(descriptor);
    }

    /** Every warning raised during discovery, for front ends that show them again. */
    public List<String> warnings() {
        return warnings;
    }

    /** Every component of {@code kind}, sorted by name (duplicates included). */
    public List<PluginDescriptor> list(PluginKind kind) {
        return byKind.get(kind).entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .flatMap(e -> e.getValue().stream())
                .collect(Collectors.toUnmodifiableList());
    }

    /** The names offered more than once within a kind, with every offer. */
    public List<List<PluginDescriptor>> conflicts() {
        List<List<PluginDescriptor>> conflicts = new ArrayList<>();
        byKind.values().forEach(byName -> byName.values().stream().filter(l -> l.size() > 1).forEach(conflicts::add));
        return Collections.unmodifiableList(conflicts);
    }

    /**
     * The component of {@code kind} called {@code name}, or an error listing what exists.
     *
     * @param choice where the name was chosen, for the message; {@code null} for the built-in default
     */
    public PluginDescriptor require(PluginKind kind, String name, ConfigValue choice) {
        List<PluginDescriptor> offers = byKind.get(kind).getOrDefault(name, List.of());
        String where = choice == null ? "the default" : choice.origin();
        if (offers.size() > 1) {
            throw new PluginException(kind.noun() + " '" + name + "' (" + where + ") is offered "
                    + offers.size() + " times: " + offers.stream().map(d -> d.type().getName() + " in " + d.source())
                    .collect(Collectors.joining(" and ")) + "; remove all but one of these jars");
        }
        if (offers.isEmpty()) {
            List<String> names = byKind.get(kind).keySet().stream().sorted().collect(Collectors.toList());
            StringBuilder message = new StringBuilder("unknown ").append(kind.noun()).append(" '").append(name)
                    .append("' (").append(where).append(")");
            Optional<String> nearest = Names.nearest(name, names);
            nearest.ifPresent(n -> message.append("; did you mean '").append(n).append("'?"));
            message.append(nearest.isPresent() ? " Available " : "; available ").append(kind.plural()).append(": ")
                    .append(names.isEmpty() ? "none (is a plugin jar missing?)" : String.join(", ", names));
            throw new PluginException(message.toString());
        }
        return offers.get(0);
    }

    /**
     * A new instance of the component, with {@code options} (keyed by option name) written into its
     * {@code @Option} fields; unknown keys and bad values are errors naming the key.
     */
    public Object create(PluginDescriptor descriptor, Map<String, ConfigValue> options) {
        Object instance = instantiate(descriptor);
        OptionBinder.bind(instance, descriptor.options(), descriptor.kind().key(), descriptor.label(), options);
        return instance;
    }

    /** A new instance with every option at its default. */
    public static Object instantiate(PluginDescriptor descriptor) {
        Class<?> type = descriptor.type();
        String what = descriptor.label() + " (" + type.getName() + " in " + descriptor.source() + ")";
        if (Modifier.isAbstract(type.getModifiers())) {
            throw new PluginException("cannot create " + what + ": the class is abstract");
        }
        try {
            Constructor<?> constructor = type.getDeclaredConstructor();
            constructor.setAccessible(true);
            return constructor.newInstance();
        } catch (NoSuchMethodException e) {
            throw new PluginException("cannot create " + what + ": it needs a constructor without parameters");
        } catch (InvocationTargetException e) {
            throw new PluginException("cannot create " + what + ": its constructor threw " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new PluginException("cannot create " + what + ": " + e, e);
        }
    }

    /** The jar or class folder {@code type} was loaded from. */
    static String sourceOf(Class<?> type) {
        CodeSource code = type.getProtectionDomain().getCodeSource();
        if (code == null || code.getLocation() == null) {
            return "the runtime";
        }
        try {
            return Path.of(code.getLocation().toURI()).toString();
        } catch (URISyntaxException | IllegalArgumentException e) {
            return code.getLocation().toString();
        }
    }
}
