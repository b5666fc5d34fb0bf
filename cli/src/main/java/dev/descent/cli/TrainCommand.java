package dev.descent.cli;

import dev.descent.config.RunConfig;
import dev.descent.plugin.PluginPaths;
import dev.descent.plugin.PluginRegistry;
import dev.descent.train.Descent;
import dev.descent.train.TrainingListener;
import dev.descent.train.TrainingResult;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code descent train}: runs the configured training and prints the book's output. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Train a model. With no config, runs the book's linear regression (chapter 3.2 of"
                + " Dive into Deep Learning): 1000 examples, batch 10, lr 0.03, 3 epochs."},
        footer = {"", "Example: descent train --set optimizer.lr=0.1 --set train.epochs=5"})
final class TrainCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(TrainCommand.class);

    @Spec
    private CommandSpec spec;

    @Option(names = {"-c", "--config"}, paramLabel = "FILE", description = "A .properties file choosing components and options.")
    private Path configFile;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "Set one key, overriding the config file; repeatable (e.g. --set optimizer.lr=0.1).")
    private List<String> overrides = new ArrayList<>();

    @Option(names = "--seed", paramLabel = "N", description = "The run seed (same seed, same results); default 42.")
    private Long seed;

    @Override
    public Integer call() {
        RunConfig config = configFile == null ? RunConfig.empty() : RunConfig.load(configFile);
        for (String assignment : overrides) {
            config = config.withOverride(assignment);
        }
        if (seed != null) {
            config = config.with("seed", Long.toString(seed), "--seed " + seed);
        }
        List<Path> pluginPaths = PluginPaths.of(DescentCommand.commonOptions(spec.commandLine()).pluginPaths(), config,
                true);
        try (PluginRegistry registry = PluginRegistry.discover(TrainCommand.class.getClassLoader(), pluginPaths)) {
            List<TrainingListener> listeners = List.of(new ConsoleReporter(spec.commandLine().getOut()));
            TrainingResult result = Descent.train(config, registry, listeners, List.of());
            LOG.info("trained {} epoch(s) in {} s", result.epochLosses().size(),
                    String.format(Locale.ROOT, "%.3f", result.elapsed().toNanos() / 1e9));
        }
        return ExitCodes.OK;
    }
}
