package dev.descent.cli;

import dev.descent.io.AtomicFiles;
import dev.descent.io.ModelFile;
import dev.descent.io.ModelFileException;
import dev.descent.io.ModelFiles;
import dev.descent.io.OutputFiles;
import dev.descent.onnx.OnnxExport;
import dev.descent.plugin.PluginRegistry;
import dev.descent.train.Predictor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code descent export}: a saved model in a format other systems run. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Write a saved model in another format: onnx, a graph with the standardisation included, for"
                + " ONNX Runtime and every system that reads ONNX (models whose forward pass is X W + b: linreg,"
                + " softmax, logistic).",
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
    private Path out;

    @Override
    public Integer call() {
        out = OutputFiles.checkFile(out, "--out", Map.of("--model", modelFile));
        ModelFile model = ModelFiles.read(modelFile);
        byte[] bytes;
        try (PluginRegistry registry = SavedModelOptions.registry(spec.commandLine());
             Predictor predictor = Predictor.load(model, registry)) {
            String version = ExportCommand.class.getPackage().getImplementationVersion();
            bytes = OnnxExport.export(predictor, version == null ? "development" : version).toByteArray();
        }
        try {
            AtomicFiles.write(out, stream -> stream.write(bytes));
        } catch (IOException e) {
            throw new ModelFileException("cannot write " + out + ": " + e.getMessage(), e);
        }
        return ExitCodes.OK;
    }
}
