package dev.descent.cli;

import dev.descent.io.AtomicFiles;
import dev.descent.data.CsvReader;
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
             Predictor predictor = Predictor.load(model, registry, input.deviceConfig())) {
            predictions = predictor.predict(table.features(), table.rows());
        }
        String[] columns = columns(model);
        if (out == null) {
            PrintWriter stdout = spec.commandLine().getOut();
            write(predictions, columns, stdout);
            stdout.flush();
        } else {
            AtomicFiles.write(out, stream -> writeTo(stream, predictions, columns));
        }
        return ExitCodes.OK;
    }

    /** {@code price_predicted}; with several outputs {@code price_predicted_0}, {@code price_predicted_1}, ... */
    private static String[] columns(ModelFile model) {
        String[] columns = new String[model.outputs()];
        for (int j = 0; j < columns.length; j++) {
            columns[j] = model.target() + "_predicted" + (columns.length == 1 ? "" : "_" + j);
        }
        return columns;
    }

    private static void writeTo(OutputStream stream, float[] predictions, String[] columns) throws IOException {
        Writer writer = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8));
        write(predictions, columns, writer);
        writer.flush();
    }

    /** One column per output; {@link Float#toString} reads back as exactly the same float. */
    private static void write(float[] predictions, String[] columns, Writer writer) {
        try {
            writer.write(String.join(",", columns));
            writer.write('\n');
            for (int i = 0; i < predictions.length; i += columns.length) {
                for (int j = 0; j < columns.length; j++) {
                    if (j > 0) {
                        writer.write(',');
                    }
                    writer.write(Float.toString(predictions[i + j]));
                }
                writer.write('\n');
            }
        } catch (IOException e) {
            throw new ModelFileException("cannot write the predictions: " + e.getMessage(), e);
        }
    }
}
