package dev.descent.cli;

import com.google.inject.Module;
import com.google.inject.multibindings.OptionalBinder;
import dev.descent.api.LoadingProgress;
import dev.descent.api.Outputs;
import dev.descent.config.RunConfig;
import dev.descent.io.OutputPolicy;
import dev.descent.plugin.PluginPaths;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
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

    /** The plugin folders of --plugins, {@code plugins.dirs} and ./descent-plugins, for {@code command}'s run. */
    static List<Path> pluginPaths(CommandLine command, RunConfig config) {
        return PluginPaths.of(DescentCommand.commonOptions(command).pluginPaths(), config, true);
    }

    /** Where the run may write: nothing that it reads (the config file, the data, a plugin jar). */
    OutputPolicy outputs(RunConfig config, List<Path> pluginPaths) {
        return OutputPolicy.builder().input("-c", configFile).config(config).pluginJars(pluginPaths)
                .build();
    }

    /**
     * The bindings of runs that a command trains many of (folds, trials): no loading bar, and the
     * command's outputs.
     */
    static Module manyRuns(OutputPolicy outputs) {
        return binder -> {
            OptionalBinder.newOptionalBinder(binder,
                    LoadingProgress.class).setBinding().toInstance(LoadingProgress.NONE);
            OptionalBinder.newOptionalBinder(binder, Outputs.class)
                    .setBinding().toInstance(outputs);
        };
    }

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
