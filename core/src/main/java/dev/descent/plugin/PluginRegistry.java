package dev.descent.plugin;

import dev.descent.api.ComponentKind;
import dev.descent.api.DescentApi;
import dev.descent.api.KindProvider;
import dev.descent.api.Plugin;
import dev.descent.config.ConfigValue;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;
import java.net.MalformedURLException;
import java.net.URISyntaxException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds every component through {@link ServiceLoader}, knows where each came from, and creates the
 * ones a run selects, with their options set.
 *
 * <p>Components come from the application's class path (the bundled plugins) and from plugin jars:
 * each jar in a plugin folder gets its own class loader whose parent is the application's, so a jar
 * can be added without rebuilding anything. Listing needs no instances: {@link ServiceLoader#stream()}
 * gives each provider's class.
 *
 * <p>Errors follow SLF4J's rule that one bad jar never hides the others: a provider that cannot be
 * loaded (missing class, wrong interface, no {@link Plugin} annotation) becomes a warning naming its
 * jar and class; a component without a usable constructor, or from a jar built for another
 * {@linkplain DescentApi API version}, is listed but refused when selected, with the reason; two
 * providers of one name are both kept, and selecting that name is an error naming both jars.
 */
public final class PluginRegistry implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PluginRegistry.class);

    /** Every kind, built-in first, then those plugin jars declare; each with its components by name. */
    private final Map<ComponentKind<?>, Map<String, List<PluginDescriptor>>> byKind;
    private final Map<ComponentKind<?>, List<String>> loadFailures;
    private final List<String> warnings;
    private final List<PluginJarClassLoader> jarLoaders;
    private final List<PluginJdbcDriver> jdbcDrivers;

    private PluginRegistry(Discovery discovery) {
        this.byKind = discovery.byKind;
        this.loadFailures = discovery.loadFailures;
        this.warnings = List.copyOf(discovery.warnings);
        this.jarLoaders = List.copyOf(discovery.jarLoaders);
        this.jdbcDrivers = List.copyOf(discovery.jdbcDrivers);
    }

    /** Discovers the components visible to {@code loader} (the application class path, usually). */
    public static PluginRegistry discover(ClassLoader loader) {
        return discover(loader, List.of());
    }

    /**
     * Discovers the components visible to {@code application} and those in {@code pluginPaths}: each
     * a folder whose {@code *.jar} files are plugins, or one jar file.
     *
     * @throws PluginException if a path does not exist or is neither a folder nor a jar
     */
    /** The largest services file read from a plugin jar: 1 MiB, tens of thousands of class names. */
    static final long MAX_SERVICES_FILE = 1L << 20;

    public static PluginRegistry discover(ClassLoader application, List<Path> pluginPaths) {
        Discovery discovery = new Discovery();
        List<Path> jars = pluginJars(pluginPaths, discovery.warnings);
        Map<Path, String> apiProblems = new LinkedHashMap<>();
        java.util.Set<Path> named = new java.util.HashSet<>();
        for (Path path : pluginPaths) {
            if (Files.isRegularFile(path)) {
                named.add(canonical(path));
            }
        }
        for (Path jar : jars) {
            discovery.openJar(jar, application, apiProblems, named.contains(jar));
        }
        // Kinds first, from everywhere, so that a jar's components may be of a kind another jar declares.
        discovery.declareKinds(application, null);
        for (PluginJarClassLoader loader : discovery.jarLoaders) {
            discovery.declareKinds(loader, apiProblems.get(loader.jar()));
        }
        discovery.scan(application, null);
        for (PluginJarClassLoader loader : discovery.jarLoaders) {
            discovery.scanJar(loader, apiProblems.get(loader.jar()));
        }
        discovery.warnings.forEach(LOG::warn);
        return new PluginRegistry(discovery);
    }

    /**
     * The plugin jars in {@code paths}, folder contents sorted by name so discovery order is stable;
     * a jar reached twice (a folder given as {@code --plugins plugins} that is also {@code ./descent-plugins},
     * or through a link) counts once.
     */
    private static List<Path> pluginJars(List<Path> paths, List<String> warnings) {
        java.util.Set<Path> jars = new java.util.LinkedHashSet<>();
        for (Path path : paths) {
            if (Files.isDirectory(path)) {
                List<Path> entries = new ArrayList<>();
                try (DirectoryStream<Path> folder = Files.newDirectoryStream(path)) {
                    folder.forEach(entries::add);
                } catch (IOException e) {
                    throw new PluginException("cannot read plugin folder " + path + ": " + e.getMessage(), e);
                }
                Collections.sort(entries);
                for (Path entry : entries) {
                    if (isJarName(entry) && Files.isRegularFile(entry)) {
                        jars.add(canonical(entry));
                    } else {
                        LOG.debug("ignoring {} in plugin folder {}: not a .jar file", entry.getFileName(), path);
                    }
                }
            } else if (Files.isRegularFile(path)) {
                if (!isJarName(path)) {
                    throw new PluginException("plugin path " + path + " is a file but not a .jar; give a folder of"
                            + " plugin jars or a jar file");
                }
                jars.add(canonical(path));
            } else {
                String relativeTo = path.isAbsolute() ? "" : " (relative to " + Path.of("").toAbsolutePath() + ")";
                throw new PluginException("plugin folder " + path + relativeTo + " does not exist; create it or correct"
                        + " its path");
            }
        }
        if (jars.isEmpty() && !paths.isEmpty()) {
            LOG.debug("no plugin jars in {}", paths);
        }
        return new ArrayList<>(jars);
    }

    private static Path canonical(Path jar) {
        try {
            return jar.toRealPath();
        } catch (IOException e) {
            return jar.toAbsolutePath().normalize();
        }
    }

    private static boolean isJarName(Path path) {
        return path.getFileName().toString().toLowerCase().endsWith(".jar");
    }

    /** What discovery has found so far. */
    private static final class Discovery {
        final Map<ComponentKind<?>, Map<String, List<PluginDescriptor>>> byKind = new LinkedHashMap<>();
        final Map<ComponentKind<?>, List<String>> loadFailures = new LinkedHashMap<>();
        final Map<String, String> kindSources = new LinkedHashMap<>();
        final List<String> warnings = new ArrayList<>();
        final List<PluginJarClassLoader> jarLoaders = new ArrayList<>();
        final List<PluginJdbcDriver> jdbcDrivers = new ArrayList<>();
        /** Per class-path jar: why it cannot be used with this API, if it cannot. */
        final Map<String, Optional<String>> classPathApiProblems = new LinkedHashMap<>();
        final java.util.Set<String> reportedApiProblems = new java.util.HashSet<>();

        Discovery() {
            ComponentKind.BUILT_IN.forEach(kind -> add(kind, "Descent"));
        }

        private void add(ComponentKind<?> kind, String source) {
            byKind.put(kind, new LinkedHashMap<>());
            loadFailures.put(kind, new ArrayList<>());
            kindSources.put(kind.key(), source);
        }

        /**
         * @param named whether the user named this jar itself (not a folder holding it): then a jar that
         *              cannot be used is an error, not a warning beside a run without it
         */
        void openJar(Path jar, ClassLoader application, Map<Path, String> apiProblems, boolean named) {
            String apiProblem;
            try (JarFile file = new JarFile(jar.toFile())) {
                apiProblem = apiProblem(jar, file.getManifest());
                String oversized = oversizedServicesFile(file);
                if (oversized != null) {
                    skip(jar, oversized, named);
                    return;
                }
            } catch (java.nio.file.AccessDeniedException e) {
                skip(jar, "it cannot be read (permission denied)", named);
                return;
            } catch (IOException e) {
                skip(jar, Files.isReadable(jar) ? "it is not a jar (not a zip file: " + e.getMessage() + ")"
                        : "it cannot be read (permission denied)", named);
                return;
            }
            try {
                jarLoaders.add(new PluginJarClassLoader(jar, jar.toUri().toURL(), application));
            } catch (MalformedURLException e) {
                warnings.add("skipped " + jar + ": " + e.getMessage());
                return;
            }
            if (apiProblem != null) {
                warnings.add(apiProblem);
                apiProblems.put(jar, apiProblem);
            }
        }

        private void skip(Path jar, String why, boolean named) {
            if (named) {
                throw new PluginException("plugin jar " + jar + " cannot be used: " + why + "; give a Descent plugin"
                        + " jar, or drop it from --plugins");
            }
            warnings.add("skipped " + jar + ": " + why);
        }

        /**
         * A services file (one class name a line) larger than {@link #MAX_SERVICES_FILE}, which
         * {@link ServiceLoader} would read whole into memory: named, so the jar is skipped with a reason.
         */
        private static String oversizedServicesFile(JarFile file) {
            java.util.Enumeration<java.util.jar.JarEntry> entries = file.entries();
            while (entries.hasMoreElements()) {
                java.util.jar.JarEntry entry = entries.nextElement();
                if (entry.getName().startsWith("META-INF/services/") && !entry.isDirectory()) {
                    long size = entry.getSize();
                    if (size < 0) {
                        size = measured(file, entry);
                    }
                    if (size > MAX_SERVICES_FILE) {
                        return "its services file " + entry.getName() + " holds " + (size > 1 << 20 ? (size >> 20)
                                + " MiB" : size + " bytes") + ", more than the " + (MAX_SERVICES_FILE >> 10)
                                + " KiB a list of class names needs (it is damaged or hostile)";
                    }
                }
            }
            return null;
        }

        /** The entry's size, read up to one byte past the limit. */
        private static long measured(JarFile file, java.util.jar.JarEntry entry) {
            try (java.io.InputStream in = file.getInputStream(entry)) {
                return in.readNBytes((int) MAX_SERVICES_FILE + 1).length;
            } catch (IOException e) {
                return 0;
            }
        }

        /** The kinds declared by {@link KindProvider}s visible to {@code loader}; none from an unusable jar. */
        void declareKinds(ClassLoader loader, String jarProblem) {
            if (jarProblem != null) {
                return;
            }
            String where = where(loader);
            Iterator<KindProvider> providers = ServiceLoader.load(KindProvider.class, loader).iterator();
            while (true) {
                KindProvider provider;
                try {
                    if (!providers.hasNext()) {
                        break;
                    }
                    provider = providers.next();
                } catch (ServiceConfigurationError | LinkageError e) {
                    warnings.add("skipped a kind declaration listed in " + where + ": " + reason(e));
                    continue;
                }
                String source = sourceOf(provider.getClass());
                List<ComponentKind<?>> kinds;
                try {
                    kinds = List.copyOf(provider.kinds());
                } catch (RuntimeException | LinkageError e) {
                    warnings.add("skipped the kinds of " + provider.getClass().getName() + " in " + source + ": "
                            + reason(e));
                    continue;
                }
                for (ComponentKind<?> kind : kinds) {
                    String clash = kindSources.get(kind.key());
                    if (byKind.containsKey(kind)) {
                        continue;   // the same declaration seen through another loader
                    }
                    if (clash != null) {
                        warnings.add("ignored kind '" + kind.key() + "' declared by " + provider.getClass().getName()
                                + " in " + source + ": " + clash + " already declares a kind with that key");
                    } else if (RESERVED_KEYS.contains(kind.key())) {
                        warnings.add("ignored kind '" + kind.key() + "' declared by " + provider.getClass().getName()
                                + " in " + source + ": '" + kind.key() + "' is a key of the trainer itself");
                    } else {
                        add(kind, source);
                        LOG.debug("found kind '{}' ({}) in {}", kind.key(), kind.type().getName(), source);
                    }
                }
            }
        }

        void scanJar(PluginJarClassLoader loader, String apiProblem) {
            int before = count();
            int failuresBefore = loadFailures.values().stream().mapToInt(List::size).sum();
            scan(loader, apiProblem);
            int failures = loadFailures.values().stream().mapToInt(List::size).sum() - failuresBefore;
            PluginJdbcDriver driver = apiProblem == null ? PluginJdbcDriver.registerIfDriver(loader) : null;
            if (driver != null) {
                jdbcDrivers.add(driver);
                LOG.debug("found a JDBC driver in {}", loader.jar());   // for data = sql; no Descent components
                return;
            }
            if (count() == before && failures == 0 && !kindSources.containsValue(loader.jar().toString())) {
                warnings.add("the jar " + loader.jar() + " offers no Descent components (no META-INF/services entries"
                        + " for dev.descent.api types)");
            }
        }

        private int count() {
            return byKind.values().stream().mapToInt(m -> m.values().stream().mapToInt(List::size).sum()).sum();
        }

        /** Every provider of every kind visible to {@code loader}; {@code jarProblem} marks them all unusable. */
        void scan(ClassLoader loader, String jarProblem) {
            String where = where(loader);
            for (ComponentKind<?> kind : byKind.keySet()) {
                Iterator<? extends ServiceLoader.Provider<?>> providers =
                        ServiceLoader.load(kind.type(), loader).stream().iterator();
                while (true) {
                    ServiceLoader.Provider<?> provider;
                    try {
                        if (!providers.hasNext()) {
                            break;
                        }
                        provider = providers.next();
                    } catch (ServiceConfigurationError | LinkageError e) {
                        fail(kind, "skipped a " + kind.noun() + " listed in " + where + ": " + reason(e));
                        continue;
                    }
                    describe(kind, provider.type(), jarProblem);
                }
            }
        }

        private void describe(ComponentKind<?> kind, Class<?> type, String jarProblem) {
            String source = sourceOf(type);
            Plugin plugin;
            Map<String, OptionDescriptor> options;
            try {
                plugin = type.getAnnotation(Plugin.class);
                if (plugin == null) {
                    fail(kind, "skipped " + kind.noun() + " " + type.getName() + " in " + source
                            + ": it has no @Plugin(name = ..., description = ...) annotation");
                    return;
                }
                options = OptionBinder.optionsOf(type);
            } catch (IllegalArgumentException | LinkageError e) {
                fail(kind, "skipped " + kind.noun() + " " + type.getName() + " in " + source + ": " + reason(e));
                return;
            }
            if (jarProblem == null && !(type.getClassLoader() instanceof PluginJarClassLoader)) {
                // On the class path too, a jar built for another API is refused rather than failing later.
                jarProblem = classPathApiProblems.computeIfAbsent(source, PluginRegistry::classPathApiProblem)
                        .orElse(null);
                if (jarProblem != null && reportedApiProblems.add(source)) {
                    warnings.add(jarProblem);
                }
            }
            String problem = jarProblem != null ? jarProblem : constructorProblem(type);
            if (problem != null && jarProblem == null) {
                warnings.add(kind.noun() + " '" + plugin.name() + "' (" + type.getName() + " in " + source + ") "
                        + problem);
            }
            String version = Optional.ofNullable(type.getPackage().getImplementationVersion()).orElse("unversioned");
            PluginDescriptor descriptor = new PluginDescriptor(kind, plugin.name(), plugin.description(), type, source,
                    version, options, problem);
            byKind.get(kind).computeIfAbsent(descriptor.name(), n -> new ArrayList<>()).add(descriptor);
            LOG.debug("found {} ({}) in {}, version {}", descriptor.label(), type.getName(), source, version);
        }

        private void fail(ComponentKind<?> kind, String message) {
            warnings.add(message);
            loadFailures.get(kind).add(message);
        }
    }

    private static String where(ClassLoader loader) {
        return loader instanceof PluginJarClassLoader jarLoader ? jarLoader.jar().toString() : "the class path";
    }

    /**
     * Top-level keys that are the trainer's own ({@code train.*}, {@code seed}, {@code plugins.*}, the test
     * data's {@code test.*}), never a kind's nor a list component's: the one list, which kinds and component
     * names are checked against.
     */
    public static final java.util.Set<String> RESERVED_KEYS = java.util.Set.of("train", "seed", "plugins", "test");

    /** {@link #apiProblem} for a class-path entry: none for a class folder or an unreadable jar. */
    private static Optional<String> classPathApiProblem(String source) {
        Path path = Path.of(source);
        if (!Files.isRegularFile(path) || !isJarName(path)) {
            return Optional.empty();
        }
        try (JarFile file = new JarFile(path.toFile())) {
            return Optional.ofNullable(apiProblem(path, file.getManifest()));
        } catch (IOException | java.nio.file.InvalidPathException e) {
            return Optional.empty();
        }
    }

    /** Why a jar cannot be used with this core, from its manifest's {@code Descent-Api}; null if it can. */
    private static String apiProblem(Path jar, Manifest manifest) {
        String declared = manifest == null ? null
                : manifest.getMainAttributes().getValue(new Attributes.Name(DescentApi.MANIFEST_ATTRIBUTE));
        if (declared == null) {
            LOG.debug("{} does not declare {} in its manifest; assuming it matches API {}", jar,
                    DescentApi.MANIFEST_ATTRIBUTE, DescentApi.version());
            return null;
        }
        String problem = DescentApi.problem(declared);
        return problem == null ? null : "the jar " + jar + " " + problem;
    }

    private static String constructorProblem(Class<?> type) {
        if (Modifier.isAbstract(type.getModifiers())) {
            return "is abstract; a component must be a concrete class";
        }
        try {
            type.getDeclaredConstructor();
            return null;
        } catch (NoSuchMethodException e) {
            return "has no constructor without parameters, which the registry needs to create it";
        }
    }

    private static String reason(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        String message = e.getMessage() == null ? e.toString() : e.getMessage();
        return cause == e ? message : message + " (" + cause + ")";
    }

    /** Every warning raised during discovery, for front ends that show them again. */
    public List<String> warnings() {
        return warnings;
    }

    /** Every kind of component, built-in first, then those plugin jars declare. */
    public List<ComponentKind<?>> kinds() {
        return List.copyOf(byKind.keySet());
    }

    /** The kind chosen with top-level key {@code key}, if any. */
    public Optional<ComponentKind<?>> kind(String key) {
        return byKind.keySet().stream().filter(k -> k.key().equals(key)).findFirst();
    }

    /** Every component of {@code kind}, sorted by name (duplicates included); none for an unknown kind. */
    public List<PluginDescriptor> list(ComponentKind<?> kind) {
        return byKind.getOrDefault(kind, Map.of()).entrySet().stream()
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
     * The usable component of {@code kind} called {@code name}, or an error saying why not: unknown
     * (listing what exists), offered twice (naming both), or unusable (with the reason).
     *
     * @param choice where the name was chosen, for the message; {@code null} for the built-in default
     */
    public PluginDescriptor require(ComponentKind<?> kind, String name, ConfigValue choice) {
        Map<String, List<PluginDescriptor>> ofKind = byKind.getOrDefault(kind, Map.of());
        List<PluginDescriptor> offers = ofKind.getOrDefault(name, List.of());
        String where = choice == null ? "the default" : choice.origin();
        if (offers.size() > 1) {
            throw new PluginException(kind.noun() + " '" + name + "' (" + where + ") is offered "
                    + offers.size() + " times: " + offers.stream().map(d -> d.type().getName() + " in " + d.source())
                    .collect(Collectors.joining(" and ")) + "; remove all but one of these jars");
        }
        if (offers.isEmpty()) {
            List<String> names = ofKind.keySet().stream().sorted().collect(Collectors.toList());
            StringBuilder message = new StringBuilder("unknown ").append(kind.noun()).append(" '").append(name)
                    .append("' (").append(where).append(")");
            Optional<String> nearest = Names.nearest(name, names);
            nearest.ifPresent(n -> message.append("; did you mean '").append(n).append("'?"));
            message.append(nearest.isPresent() ? " Available " : "; available ").append(kind.plural()).append(": ")
                    .append(names.isEmpty() ? "none" : String.join(", ", names));
            List<String> failures = loadFailures.getOrDefault(kind, List.of());
            if (!failures.isEmpty()) {
                message.append(". It may be one that failed to load: ").append(String.join("; ", failures));
            } else if (byKind.values().stream().allMatch(Map::isEmpty)) {
                message.append(". No plugin is available at all: put dev.descent:descent-bundle (every bundled"
                        + " plugin) on the class path, or load a plugin folder");
            } else if (names.isEmpty() || nearest.isEmpty()) {
                message.append(". Is its plugin jar on the class path or in a plugin folder?");
            }
            throw new PluginException(message.toString(), failures.isEmpty());
        }
        PluginDescriptor descriptor = offers.get(0);
        if (!descriptor.usable()) {
            throw new PluginException("cannot use " + descriptor.label() + " (" + where + "): "
                    + descriptor.type().getName() + " in " + descriptor.source() + " " + descriptor.problem());
        }
        return descriptor;
    }

    /**
     * A new instance of the component, with {@code options} (keyed by option name) written into its
     * {@code @Option} fields; unknown keys and bad values are errors naming the key.
     */
    public Object create(PluginDescriptor descriptor, Map<String, ConfigValue> options) {
        Object instance = instantiate(descriptor);
        Map<String, ConfigValue> plain = new LinkedHashMap<>(options);
        for (OptionDescriptor option : descriptor.options().values()) {
            Class<?> type = option.componentType();
            ConfigValue value = plain.remove(option.name());
            if (type != null && value != null) {
                option.setComponents(instance, Composition.create(this, composedKind(type, option),
                        value, option.holdsSeveral()));
            } else if (value != null) {
                plain.put(option.name(), value);
            }
        }
        OptionBinder.bind(instance, descriptor.options(), descriptor.optionPrefix(), descriptor.label(), plain);
        return instance;
    }

    /** The composed kind whose components implement {@code type}. */
    private ComponentKind<?> composedKind(Class<?> type, OptionDescriptor option) {
        for (ComponentKind<?> kind : byKind.keySet()) {
            if (kind.composed() && kind.type() == type) {
                return kind;
            }
        }
        throw new PluginException("option '" + option.name() + "' holds " + type.getName() + ", which is not the"
                + " interface of a composed kind (such as Layer)");
    }

    /** A new instance with every option at its default. */
    public static Object instantiate(PluginDescriptor descriptor) {
        Class<?> type = descriptor.type();
        String what = descriptor.label() + " (" + type.getName() + " in " + descriptor.source() + ")";
        if (!descriptor.usable()) {
            throw new PluginException("cannot create " + what + ": it " + descriptor.problem());
        }
        try {
            Constructor<?> constructor = type.getDeclaredConstructor();
            constructor.setAccessible(true);
            return constructor.newInstance();
        } catch (NoSuchMethodException e) {
            throw new PluginException("cannot create " + what + ": it needs a constructor without parameters");
        } catch (InvocationTargetException e) {
            throw new PluginException("cannot create " + what + ": its constructor threw " + e.getCause(), e.getCause());
        } catch (ExceptionInInitializerError e) {
            throw new PluginException("cannot create " + what + ": its static initialiser threw " + e.getCause()
                    + "; fix the plugin, or remove its jar", e.getCause());
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new PluginException("cannot create " + what + ": " + e, e);
        }
    }

    /** Closes the plugin jars' class loaders; components from them must not be used afterwards. */
    @Override
    public void close() {
        jdbcDrivers.forEach(PluginJdbcDriver::deregister);
        for (PluginJarClassLoader loader : jarLoaders) {
            try {
                loader.close();
            } catch (IOException e) {
                LOG.debug("closing the class loader of {} failed", loader.jar(), e);
            }
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
