package dev.descent.cli;

import ch.qos.logback.classic.Level;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** Options every subcommand accepts; they live on the top command and are inherited. */
final class CommonOptions {

    private boolean verbose;

    @Option(names = "--plugins", paramLabel = "DIR", scope = ScopeType.INHERIT,
            description = "A folder of plugin jars (or one jar) to load besides the bundled plugins; repeatable."
                    + " ./descent-plugins is also scanned when it exists.")
    private List<Path> pluginPaths = new ArrayList<>();

    @Option(names = {"-v", "--verbose"}, scope = ScopeType.INHERIT,
            description = "Log debug details (plugin discovery, the resolved run) and print stack traces of errors.")
    void setVerbose(boolean value) {
        verbose = value;
        if (value) {
            LogSetup.descentLevel(Level.DEBUG);
        }
    }

    boolean verbose() {
        return verbose;
    }

    List<Path> pluginPaths() {
        return pluginPaths;
    }
}
