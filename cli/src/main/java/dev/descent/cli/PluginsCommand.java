package dev.descent.cli;

import dev.descent.api.ComponentKind;
import dev.descent.plugin.OptionBinder;
import dev.descent.plugin.OptionDescriptor;
import dev.descent.plugin.PluginDescriptor;
import dev.descent.plugin.PluginException;
import dev.descent.plugin.PluginPaths;
import dev.descent.plugin.PluginRegistry;
import dev.descent.config.RunConfig;
import java.nio.file.Path;
import dev.descent.train.TrainingSettings;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code descent plugins [KIND]}: every component, where it came from, and its options. */
@Command(name = "plugins", mixinStandardHelpOptions = true,
        description = "List the available components with their jar, version and options.")
final class PluginsCommand implements Callable<Integer> {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(PluginsCommand.class);

    @Spec
    private CommandSpec spec;

    @Parameters(arity = "0..1", paramLabel = "KIND",
            description = "Only this kind: data, model, loss, optimizer, schedule, callbacks, device, engine, layer, or a kind a plugin"
                    + " declares.")
    private String kindFilter;

    /** How the listing is written. */
    enum Format { TEXT, MARKDOWN }

    @picocli.CommandLine.Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "text (default) or markdown (the option tables of docs/configuration.md).")
    private Format format;

    @Override
    public Integer call() {
        List<Path> pluginPaths = PluginPaths.of(DescentCommand.commonOptions(spec.commandLine()).pluginPaths(),
                RunConfig.empty(), true);
        try (PluginRegistry registry = PluginRegistry.discover(PluginsCommand.class.getClassLoader(), pluginPaths)) {
            List<ComponentKind<?>> kinds = kindFilter == null ? registry.kinds() : List.of(parseKind(registry, kindFilter));
            if (format == Format.MARKDOWN) {
                printMarkdown(registry, kinds, spec.commandLine().getOut());
            } else {
                print(registry, kinds, spec.commandLine().getOut());
            }
        }
        return ExitCodes.OK;
    }

    private void print(PluginRegistry registry, List<ComponentKind<?>> kinds, PrintWriter out) {
        for (ComponentKind<?> kind : kinds) {
            out.printf("%s (%s)%n", capitalized(kind.plural()), howToChoose(kind));
            List<PluginDescriptor> plugins = registry.list(kind);
            if (plugins.isEmpty()) {
                out.println("  (none found)");
            }
            for (PluginDescriptor d : plugins) {
                out.printf("  %s%s - %s%n", d.name(), kind.defaults().contains(d.name()) ? " (default)" : "",
                        d.description());
                out.printf("    from %s, version %s%n", d.source(), d.version());
                if (!d.usable()) {
                    out.printf("    unusable: it %s%n", d.problem());
                }
                printOptions(out, d.optionPrefix() + separator(kind), d.options(), PluginRegistryDefaults.of(d));
            }
            out.println();
        }
        if (kindFilter == null) {
            out.println("Trainer (keys train.*, and seed)");
            printOptions(out, "train.", OptionBinder.optionsOf(TrainingSettings.class), new TrainingSettings());
            out.println("    seed = 42  (long)  The run seed: same seed, same results");
        }
        registry.conflicts().forEach(offers -> out.println("warning: " + offers.get(0).label() + " is offered by "
                + offers.stream().map(PluginDescriptor::source).collect(Collectors.joining(" and "))
                + "; selecting it is an error until one is removed"));
        out.flush();
    }

    /** The option tables of docs/configuration.md; no jar paths or versions, so the output is the same everywhere. */
    private void printMarkdown(PluginRegistry registry, List<ComponentKind<?>> kinds, PrintWriter out) {
        for (ComponentKind<?> kind : kinds) {
            out.printf("### %s (`%s`)%n%n%s.%n%n", capitalized(kind.plural()),
                    kind.composed() ? "NAME:OPTION=VALUE, ... in a model's option, e.g. model.layers"
                            : kind.list() ? kind.key() + " = NAME, NAME, ..." : kind.key() + " = NAME",
                    kind.description());
            if (registry.list(kind).isEmpty()) {
                out.printf("None among the bundled plugins; plugin jars add them.%n%n");
            }
            for (PluginDescriptor d : registry.list(kind)) {
                boolean isDefault = kind.defaults().contains(d.name());
                out.printf("#### `%s`%s%n%n%s.%n%n", d.name(), isDefault ? " (default)" : "", d.description());
                markdownTable(out, d.optionPrefix() + separator(kind), d.options(), PluginRegistryDefaults.of(d));
            }
        }
        if (kindFilter == null) {
            out.printf("### The trainer%n%n");
            markdownTable(out, "train.", OptionBinder.optionsOf(TrainingSettings.class), new TrainingSettings());
        }
        out.flush();
    }

    private static void markdownTable(PrintWriter out, String prefix, Map<String, OptionDescriptor> options,
                                      Object defaults) {
        if (options.isEmpty()) {
            out.printf("No options.%n%n");
            return;
        }
        out.printf("| key | type | default | range | meaning |%n|---|---|---|---|---|%n");
        for (OptionDescriptor o : options.values()) {
            String value = defaults == null ? "?" : o.valueText(defaults);
            out.printf("| `%s%s` | %s | %s | %s | %s |%n", prefix, o.name(), o.typeName().replace("|", "\\|"),
                    value.isEmpty() ? "" : "`" + value + "`", o.rangeText(), o.description());
        }
        out.println();
    }

    private static void printOptions(PrintWriter out, String prefix, Map<String, OptionDescriptor> options,
                                     Object defaults) {
        for (OptionDescriptor o : options.values()) {
            String value = defaults == null ? "?" : o.valueText(defaults);
            String range = o.rangeText().isEmpty() ? "" : ", " + o.rangeText();
            out.printf("    %s%s = %s  (%s%s)  %s%n", prefix, o.name(), value, o.typeName(), range, o.description());
        }
    }

    /** Between a component's name and its option's: {@code optimizer.lr}, but {@code linear:units} in a composition. */
    private static String separator(ComponentKind<?> kind) {
        return kind.composed() ? ":" : ".";
    }

    /** How a config chooses components of {@code kind}. */
    private static String howToChoose(ComponentKind<?> kind) {
        if (kind.composed()) {
            return "composed by a model, e.g. model.layers = linear:256, relu, linear; options by position or as"
                    + " NAME:OPTION=VALUE";
        }
        if (kind.list()) {
            return "choose any with " + kind.key() + " = NAME, NAME, ...; each one's options are NAME.OPTION";
        }
        return "choose with " + kind.key() + " = NAME";
    }

    private static ComponentKind<?> parseKind(PluginRegistry registry, String text) {
        for (ComponentKind<?> kind : registry.kinds()) {
            if (kind.key().equalsIgnoreCase(text) || kind.plural().equalsIgnoreCase(text)) {
                return kind;
            }
        }
        throw new PluginException("unknown kind '" + text + "'; kinds are: "
                + registry.kinds().stream().map(ComponentKind::key).collect(Collectors.joining(", ")));
    }

    private static String capitalized(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    /**
     * Default option values are the fields' initial values, so they need an instance. A listing must
     * not depend on a plugin's constructor: it runs on a daemon thread and is given
     * {@link #CONSTRUCTOR_WAIT}; a component that cannot be created in time shows {@code ?} (and a
     * warning names it), and the listing goes on.
     */
    private static final class PluginRegistryDefaults {
        static final java.time.Duration CONSTRUCTOR_WAIT = java.time.Duration.ofSeconds(2);

        static Object of(PluginDescriptor d) {
            java.util.concurrent.FutureTask<Object> task = new java.util.concurrent.FutureTask<>(
                    () -> PluginRegistry.instantiate(d));
            Thread thread = new Thread(task, "defaults of " + d.name());
            thread.setDaemon(true);   // a constructor that never returns does not keep the JVM alive
            thread.start();
            try {
                return task.get(CONSTRUCTOR_WAIT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                thread.interrupt();
                LOG.warn("{} '{}' ({}): its constructor did not return within {} s, so its defaults are shown as ?",
                        d.kind().key(), d.name(), d.type().getName(), CONSTRUCTOR_WAIT.toSeconds());
                return null;
            } catch (java.util.concurrent.ExecutionException | InterruptedException e) {
                return null;
            }
        }
    }
}
