package dev.descent.cli;

import dev.descent.io.AtomicFiles;
import dev.descent.io.CsvReader;
import dev.descent.io.ModelFile;
import dev.descent.io.ModelFileException;
import dev.descent.plugin.PluginRegistry;
import dev.descent.train.Predictor;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code descent predict}: a saved model's predictions for the rows of a CSV file. */
@Command(name = "predict", mixinStandardHelpOptions = true,
        description = "Predict the target for every row of a CSV file with a saved model.")
final class PredictCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private SavedModelOptions input;

    @Option(names = "--out", paramLabel = "CSV", description = "Write the predictions here (atomically) instead of stdout.")
    private Path out;

    @Override
    public Integer call() throws IOException {
        ModelFile model = input.readModel();
        CsvReader.Table table = input.readData(model, false);
        float[] predictions;
        try (PluginRegistry registry = SavedModelOptions.registry(spec.commandLine());
             Predictor predictor = Predictor.load(model, registry)) {
            predictions = predictor.predict(table.features(), table.rows());
        }
        String column = model.target() + "_predicted";
        if (out == null) {
            PrintWriter stdout = spec.commandLine().getOut();
            write(predictions, column, stdout);
            stdout.flush();
        } else {
            AtomicFiles.write(out, stream -> writeTo(stream, predictions, column));
        }
        return ExitCodes.OK;
    }

    private static void writeTo(OutputStream stream, float[] predictions, String column) throws IOException {
        Writer writer = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8));
        write(predictions, column, writer);
        writer.flush();
    }

    /** One column; {@link Float#toString} reads back as exactly the same float. */
    private static void write(float[] predictions, String column, Writer writer) {
        try {
            writer.write(column);
            writer.write('\n');
            for (float p : predictions) {
                writer.write(Float.toString(p));
                writer.write('\n');
            }
        } catch (IOException e) {
            throw new ModelFileException("cannot write the predictions: " + e.getMessage(), e);
        }
    }
}
