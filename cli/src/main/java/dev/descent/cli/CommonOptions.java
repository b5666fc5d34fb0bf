package dev.descent.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** Options every subcommand accepts. */
final class CommonOptions {

    private static boolean verbose;

    @Option(names = {"-v", "--verbose"}, scope = ScopeType.INHERIT,
            description = "Log debug details (plugin discovery, resolved choices) and print stack traces of errors.")
    void setVerbose(boolean value) {
        verbose = value;
        if (value) {
            ((Logger) LoggerFactory.getLogger("dev.descent")).setLevel(Level.DEBUG);
        }
    }

    static boolean verbose() {
        return verbose;
    }
}
