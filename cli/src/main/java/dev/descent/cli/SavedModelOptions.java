package dev.descent.cli;

import dev.descent.config.RunConfig;
import dev.descent.data.CsvReader;
import dev.descent.io.ModelFile;
import dev.descent.io.ModelFiles;
import dev.descent.io.OutputPolicy;
import dev.descent.plugin.PluginPaths;
import dev.descent.plugin.PluginRegistry;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** The options of the commands that use a saved model on a CSV file: predict, evaluate, plot. */
final class SavedModelOptions {

    @Option(names = "--model", required = true, paramLabel = "FILE", description = "A model saved by 'descent train --save'.")
    Path modelFile;

    /** The CSV file given with {@code --data}, which each command declares with its own description. */
    Path data;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "Choose the device to run on and its options (default cpu), e.g. --set device=opencl; repeatable.")
    java.util.List<String> deviceSettings = new java.util.ArrayList<>();

    /** The keys given with --set but those of a data source (data, data.*): the device and its options. */
    RunConfig deviceConfig() {
        RunConfig config = RunConfig.empty();
        for (String assignment : deviceSettings) {
            RunConfig one = RunConfig.empty().withOverride(assignment);
            if (!isDataKey(one.values().keySet().iterator().next())) {
                config = config.withOverride(assignment);
            }
        }
        return config;
    }

    /** The data source keys given with --set ({@code data=fashion-mnist}, {@code data.split=test}). */
    RunConfig dataConfig() {
        RunConfig config = RunConfig.empty();
        for (String assignment : deviceSettings) {
            RunConfig one = RunConfig.empty().withOverride(assignment);
            if (isDataKey(one.values().keySet().iterator().next())) {
                config = config.withOverride(assignment);
            }
        }
        return config;
    }

    private static boolean isDataKey(String key) {
        return key.equals("data") || key.startsWith("data.");
    }

    ModelFile readModel() {
        return ModelFiles.read(modelFile);
    }

    /**
     * The rows to predict: from the CSV file of {@code --data}, or else from the data source chosen
     * with {@code --set data=NAME} (its options with {@code --set data.OPTION=VALUE}).
     */
    CsvReader.Table readData(ModelFile model, boolean withTarget, PluginRegistry registry) {
        RunConfig dataConfig = dataConfig();
        if (data != null) {
            if (!dataConfig.values().isEmpty()) {
                throw new dev.descent.config.ConfigException("give the rows either with --data FILE or with --set data=NAME,"
                        + " not both (" + String.join(", ", dataConfig.values().keySet()) + ")");
            }
            return ModelInput.read(model, data, withTarget);
        }
        if (dataConfig.get("data").isEmpty()) {
            throw new dev.descent.config.ConfigException("which rows? give --data FILE (a CSV file), or a data source with"
                    + " --set data=NAME (e.g. --set data=fashion-mnist --set data.split=test)");
        }
        data = java.nio.file.Path.of("data=" + dataConfig.get("data").get().value());   // names the rows in messages
        return SourceRows.read(model, dataConfig, registry);
    }

    /** Where this command may write: never over the model, the data or a plugin jar it reads. */
    OutputPolicy outputs(CommandLine cmd) {
        return OutputPolicy.builder().input("--model", modelFile).input("--data", data)
                .pluginJars(PluginPaths.of(DescentCommand.commonOptions(cmd).pluginPaths(), RunConfig.empty(), true))
                .build();
    }

    /** The components on the class path, in --plugins folders and in ./descent-plugins. */
    static PluginRegistry registry(CommandLine cmd) {
        return PluginRegistry.discover(SavedModelOptions.class.getClassLoader(),
                PluginPaths.of(DescentCommand.commonOptions(cmd).pluginPaths(), RunConfig.empty(), true));
    }
}
