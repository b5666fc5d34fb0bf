package dev.descent.cli;

import dev.descent.api.DescentException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The top-level {@code descent} command. */
@Command(name = "descent", mixinStandardHelpOptions = true, versionProvider = DescentCommand.Version.class,
        description = "Train models from scratch on the JVM; every component is a plugin chosen by name.",
        subcommands = {TrainCommand.class, PredictCommand.class, EvaluateCommand.class, PlotCommand.class, PluginsCommand.class,
                DevicesCommand.class, CommandLine.HelpCommand.class})
final class DescentCommand implements Callable<Integer> {

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

    static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new DescentCommand());
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setParameterExceptionHandler(DescentCommand::badArguments);
        cli.setExecutionExceptionHandler(DescentCommand::failed);
        return cli;
    }

    /** Bad command-line syntax: one line and a pointer to the help, no usage dump. */
    private static int badArguments(CommandLine.ParameterException e, String[] args) {
        CommandLine cmd = e.getCommandLine();
        PrintWriter err = cmd.getErr();
        err.println("descent: " + e.getMessage() + "; see '" + cmd.getCommandSpec().qualifiedName() + " --help'");
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
            err.println("descent: " + e.getMessage());
            code = ExitCodes.USER_ERROR;
        } else {
            err.println("descent: internal error: " + e + (verbose ? ""
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
