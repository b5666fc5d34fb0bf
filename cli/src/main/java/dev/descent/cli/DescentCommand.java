package dev.descent.cli;

import dev.descent.api.DescentException;
import dev.descent.plugin.Names;
import java.io.PrintWriter;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The top-level {@code descent} command. */
@Command(name = "descent", mixinStandardHelpOptions = true, versionProvider = DescentCommand.Version.class,
        description = "Train models from scratch on the JVM; every component is a plugin chosen by name.")
final class DescentCommand implements Callable<Integer> {

    /** The subcommands by name, in the order the help lists them. */
    static final Map<String, Class<?>> SUBCOMMANDS = subcommands();

    private static Map<String, Class<?>> subcommands() {
        Map<String, Class<?>> commands = new LinkedHashMap<>();
        commands.put("train", TrainCommand.class);
        commands.put("predict", PredictCommand.class);
        commands.put("evaluate", EvaluateCommand.class);
        commands.put("cross-validate", CrossValidateCommand.class);
        commands.put("sweep", SweepCommand.class);
        commands.put("plot", PlotCommand.class);
        commands.put("export", ExportCommand.class);
        commands.put("inspect", InspectCommand.class);
        commands.put("plugins", PluginsCommand.class);
        commands.put("devices", DevicesCommand.class);
        commands.put("help", CommandLine.HelpCommand.class);
        return Collections.unmodifiableMap(commands);
    }

    /** Arguments that show the top command's help or version, which list or need every subcommand. */
    private static final Set<String> TOP_LEVEL_REQUESTS = Set.of("-h", "--help", "-V", "--version", "help");

    @Spec
    private CommandSpec spec;

    @Mixin
    private CommonOptions common;

    CommonOptions common() {
        return common;
    }

    /** The options of the top command, which every subcommand inherits. */
    static CommonOptions commonOptions(CommandLine cmd) {
        CommandLine root = cmd;
        while (root.getParent() != null) {
            root = root.getParent();
        }
        return ((DescentCommand) root.getCommand()).common;
    }

    @Override
    public Integer call() {
        spec.commandLine().getErr().println("descent: a command is needed, e.g. 'descent train'; see 'descent --help'");
        return ExitCodes.USER_ERROR;
    }

    /** The command line with every subcommand, for help, documentation and tests. */
    static CommandLine commandLine() {
        return commandLine(SUBCOMMANDS.keySet());
    }

    /**
     * The command line for running {@code args}: with only the subcommands they name when they name
     * any (picocli builds each subcommand's model by reflection: building only {@code train} makes
     * {@code descent train} ~0.016 s faster, docs/performance.md), otherwise — or when they ask for
     * the top help or version — with all.
     */
    static CommandLine commandLine(String... args) {
        Set<String> named = new LinkedHashSet<>();
        for (String arg : args) {
            if (TOP_LEVEL_REQUESTS.contains(arg)) {
                return commandLine();
            }
            if (SUBCOMMANDS.containsKey(arg)) {
                named.add(arg);
            }
        }
        return commandLine(named.isEmpty() ? SUBCOMMANDS.keySet() : named);
    }

    private static CommandLine commandLine(Set<String> subcommands) {
        CommandLine cli = new CommandLine(new DescentCommand());
        for (String name : subcommands) {
            cli.addSubcommand(name, SUBCOMMANDS.get(name));
        }
        CommandLine help = cli.getSubcommands().get("help");
        if (help != null) {   // help loads no plugins: it inherits only --verbose
            help.getCommandSpec().remove(help.getCommandSpec().findOption("--plugins"));
        }
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setParameterExceptionHandler(DescentCommand::badArguments);
        cli.setExecutionExceptionHandler(DescentCommand::failed);
        HelpText.wrapAtSpaces(cli);
        return cli;
    }

    /** Bad command-line syntax: one line and a pointer to the help, no usage dump. */
    private static int badArguments(CommandLine.ParameterException e, String[] args) {
        CommandLine cmd = e.getCommandLine();
        PrintWriter err = cmd.getErr();
        if (e instanceof CommandLine.UnmatchedArgumentException unmatched && cmd.getParent() == null
                && !unmatched.getUnmatched().isEmpty() && !unmatched.getUnmatched().get(0).startsWith("-")) {
            String typed = unmatched.getUnmatched().get(0);
            err.println("descent: unknown command '" + Messages.shown(typed) + "'" + Names.nearest(typed,
                    SUBCOMMANDS.keySet()).map(n -> "; did you mean '" + n + "'?").orElse(";") + " the commands are "
                    + String.join(", ", SUBCOMMANDS.keySet()) + " (see 'descent --help')");
            return ExitCodes.USER_ERROR;
        }
        err.println("descent: " + Messages.shown(e.getMessage()) + "; see '" + cmd.getCommandSpec().qualifiedName()
                + " --help'");
        if (commonOptions(cmd).verbose()) {
            e.printStackTrace(err);
        }
        return ExitCodes.USER_ERROR;
    }

    /** A failure while running: a user error is one line and code 2; anything else is a bug, code 1. */
    private static int failed(Exception e, CommandLine cmd, CommandLine.ParseResult parsed) {
        PrintWriter err = cmd.getErr();
        boolean verbose = commonOptions(cmd).verbose();
        int code;
        if (e instanceof DescentException) {
            String cliWords = e instanceof dev.descent.plugin.PluginException p && p.notFound()
                    ? " (plugin folders: --plugins DIR, the plugins.dirs key, and ./descent-plugins)" : "";
            err.println("descent: " + Messages.shown(e.getMessage() + cliWords));
            code = ExitCodes.USER_ERROR;
        } else {
            err.println("descent: internal error: " + Messages.shown(e.toString()) + (verbose ? ""
                    : " (run again with --verbose for the stack trace, and please report it)"));
            code = ExitCodes.INTERNAL;
        }
        if (verbose) {
            e.printStackTrace(err);
        }
        err.flush();
        return code;
    }

    /** The version from the jar's manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = DescentCommand.class.getPackage().getImplementationVersion();
            return new String[] {"descent " + (version == null ? "(development build)" : version)};
        }
    }
}
