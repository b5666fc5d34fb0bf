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

    /** The device keys given with --set. */
    RunConfig deviceConfig() {
        RunConfig config = RunConfig.empty();
        for (String assignment : deviceSettings) {
            config = config.withOverride(assignment);
        }
        return config;
    }

    ModelFile readModel() {
        return ModelFiles.read(modelFile);
    }

    CsvReader.Table readData(ModelFile model, boolean withTarget) {
        return ModelInput.read(model, data, withTarget);
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
