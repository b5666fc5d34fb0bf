package dev.descent.cli;

import dev.descent.data.CsvReader;
import dev.descent.io.ModelFile;
import dev.descent.io.OutputPolicy;
import dev.descent.plot.Plots;
import dev.descent.plugin.PluginRegistry;
import dev.descent.predict.Predictor;
import dev.descent.train.TrainingJob;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code descent plot}: the figures of a saved model on a data set. */
@Command(name = "plot", mixinStandardHelpOptions = true,
        description = "Draw a saved model's figures on a CSV file: data.png, loss.png, predicted-vs-actual.png, residuals.png;"
                + " for a classifier loss.png (with accuracy), confusion-matrix.png and, with two features,"
                + " decision-regions.png.")
final class PlotCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private SavedModelOptions input;

    @Option(names = "--data", required = true, paramLabel = "CSV",
            description = "Rows with the model's features, matched by name, and its target column to draw the predictions against.")
    private void data(Path file) {
        input.data = file;
    }

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "figures", description = "Folder for the PNG files (default: ${DEFAULT-VALUE}).")
    private Path out;

    @Option(names = "--plot-feature", paramLabel = "N|NAME",
            description = "The feature data.png plots the target against: an index from 0 or a name; default the last.")
    private String feature;

    @Override
    public Integer call() {
        OutputPolicy outputs = input.outputs(spec.commandLine());
        outputs.checkFiles(out, Plots.ALL_FILES, "--out");
        ModelFile model = input.readModel();
        CsvReader.Table table = ModelInput.readRaw(model, input.data, true);   // figures are in the data's units
        try (PluginRegistry registry = SavedModelOptions.registry(spec.commandLine());
             Predictor predictor = Predictor.load(model, registry, input.deviceConfig())) {
            List<Double> losses = model.provenance() == null || model.provenance().epochLosses() == null ? List.of()
                    : model.provenance().epochLosses();
            List<Double> validation = model.provenance() == null || model.provenance().validationLosses() == null
                    ? List.of() : model.provenance().validationLosses();
            if (model.isClassification()) {
                Figures.writeClassifier(out, outputs, "--out", predictor, table.features(), ModelInput.classIndices(model, table, input.data),
                        losses, validation, model.provenance() == null ? Map.of() : model.provenance().epochMetrics(),
                        "rows of " + input.data.getFileName());
            } else {
                List<Double> test = model.provenance() == null || model.provenance().epochMetrics() == null ? List.of()
                        : model.provenance().epochMetrics().getOrDefault(TrainingJob.TEST_LOSS, List.of());
                Figures.write(out, outputs, "--out", predictor, table.features(), table.labels(), losses, validation,
                        test, feature);
            }
        }
        return ExitCodes.OK;
    }
}
