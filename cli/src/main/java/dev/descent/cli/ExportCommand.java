package dev.descent.cli;

import dev.descent.io.ModelFile;
import dev.descent.io.ModelFiles;
import dev.descent.io.OutputPolicy;
import dev.descent.config.RunConfig;
import dev.descent.plugin.PluginPaths;
import dev.descent.onnx.OnnxExport;
import dev.descent.plugin.PluginRegistry;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code descent export}: a saved model in a format other systems run. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Write a saved model in another format: onnx, a graph with the standardisation included, for"
                + " ONNX Runtime and every system that reads ONNX: affine models (linreg, softmax, logistic) as"
                + " X W + b, any other (mlp, sequential, layers from plugin jars) by tracing its forward pass.",
        footer = {"", "Example: descent export --model model.json --format onnx --out model.onnx"})
final class ExportCommand implements Callable<Integer> {

    /** The formats a model can be written in. */
    enum Format {
        onnx
    }

    @Spec
    private CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "FILE", description = "A model saved by 'descent train --save'.")
    private Path modelFile;

    @Option(names = "--format", required = true, paramLabel = "FORMAT",
            description = "The format to write: ${COMPLETION-CANDIDATES}.")
    private Format format;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Where to write it (atomically).")
    private String out;

    @Override
    public Integer call() {
        OutputPolicy outputs = OutputPolicy.builder().input("--model", modelFile)
                .pluginJars(PluginPaths.of(DescentCommand.commonOptions(spec.commandLine()).pluginPaths(),
                        RunConfig.empty(), true)).build();
        Path file = outputs.check(OutputPolicy.outputPath(out, "--out", "model.onnx"), "--out", "model.onnx");
        ModelFile model = ModelFiles.read(modelFile);
        byte[] bytes;
        try (PluginRegistry registry = SavedModelOptions.registry(spec.commandLine())) {
            String version = ExportCommand.class.getPackage().getImplementationVersion();
            bytes = OnnxExport.export(model, registry, version == null ? "development" : version).toByteArray();
        }
        outputs.write(file, "--out", stream -> stream.write(bytes));
        return ExitCodes.OK;
    }
}
