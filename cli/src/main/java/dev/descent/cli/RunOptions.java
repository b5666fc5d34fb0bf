package dev.descent.cli;

import dev.descent.config.RunConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** The options that describe a run, for the commands that train one or many: a config file, --set, --seed. */
final class RunOptions {

    @Option(names = {"-c", "--config"}, paramLabel = "FILE", description = "A .properties file choosing components and options.")
    Path configFile;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "Set one key, overriding the config file; repeatable (e.g. --set optimizer.lr=0.1).")
    List<String> overrides = new ArrayList<>();

    @Option(names = "--seed", paramLabel = "N", description = "The run seed (same seed, same results); default 42.")
    Long seed;

    /** The config file, then every --set in order, then --seed. */
    RunConfig config() {
        RunConfig config = configFile == null ? RunConfig.empty() : RunConfig.load(configFile);
        for (String assignment : overrides) {
            config = config.withOverride(assignment);
        }
        if (seed != null) {
            config = config.with("seed", Long.toString(seed), "--seed " + seed);
        }
        return config;
    }
}
