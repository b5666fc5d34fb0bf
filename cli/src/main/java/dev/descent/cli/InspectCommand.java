package dev.descent.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.descent.api.Standardization;
import dev.descent.io.ModelFile;
import dev.descent.io.ModelFiles;
import dev.descent.plugin.PluginRegistry;
import dev.descent.predict.Predictor;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code descent inspect}: what a saved model holds, read as a person reads it — for a model whose
 * forward pass is {@code X W + b}, its coefficients by feature name in standardised units and per
 * unit of each feature; then the scaling, the classes, how training went epoch by epoch, the
 * configuration and the components that made it. {@code --json} gives the same as one JSON object.
 */
@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = "Show what a saved model holds: its coefficients by feature name (standardised and per unit of"
                + " each feature, for linreg, softmax and logistic), the features' scaling, the classes, the loss of"
                + " every epoch, the configuration and the components; --json for a program.",
        footer = {"", "Example: descent inspect --model model.json"})
final class InspectCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "FILE", description = "A model saved by 'descent train --save'.")
    private Path modelFile;

    @Option(names = "--json", description = "Print one JSON object instead of text.")
    private boolean json;

    /**
     * The coefficients of an affine model: one row per feature and a last row for the intercept, one
     * column per output.
     */
    record Coefficients(List<String> rows, List<String> columns, double[][] standardised, double[][] perUnit) {
    }

    @Override
    public Integer call() throws Exception {
        ModelFile model = ModelFiles.read(modelFile);
        Optional<Coefficients> coefficients;
        try (PluginRegistry registry = SavedModelOptions.registry(spec.commandLine());
             Predictor predictor = Predictor.load(model, registry)) {
            coefficients = predictor.affineParameters().map(affine -> coefficients(model, affine,
                    predictor.standardization()));
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
            out.println(mapper.writeValueAsString(asJson(model, coefficients)));
        } else {
            printText(out, model, coefficients);
        }
        out.flush();
        return ExitCodes.OK;
    }

    /** The output columns: one per target, one per class (softmax), or the second class's logit (logistic). */
    private static List<String> columns(ModelFile model, int width) {
        if (model.isClassification()) {
            return width == 1 && model.classes().size() == 2 ? List.of("logit of " + model.classes().get(1))
                    : model.classes();
        }
        return ModelInput.targets(model);
    }

    static Coefficients coefficients(ModelFile model, float[][] affine, Standardization scaling) {
        float[] weights = affine[0];
        float[] bias = affine[1];
        int width = bias.length;
        int d = model.features().size();
        double[][] standardised = new double[d + 1][width];
        double[][] perUnit = new double[d + 1][width];
        for (int k = 0; k < width; k++) {
            double intercept = bias[k];
            for (int j = 0; j < d; j++) {
                double w = weights[j * width + k];
                standardised[j][k] = w;
                // y = Σ w_j (x_j − mean_j) / std_j + b: per unit of x_j the weight is w_j / std_j, and the
                // intercept takes − Σ w_j mean_j / std_j.
                perUnit[j][k] = scaling == null ? w : w / scaling.std()[j];
                intercept -= scaling == null ? 0 : w * scaling.mean()[j] / scaling.std()[j];
            }
            standardised[d][k] = bias[k];
            perUnit[d][k] = intercept;
        }
        List<String> rows = new ArrayList<>(model.features());
        rows.add("(intercept)");
        return new Coefficients(rows, columns(model, width), standardised, perUnit);
    }

    private void printText(PrintWriter out, ModelFile model, Optional<Coefficients> coefficients) {
        ModelFile.Provenance p = model.provenance();
        out.printf(Locale.ROOT, "%s: a '%s' model%s, %s%n", modelFile, model.model().name(),
                model.model().version() == null ? "" : " (version " + model.model().version() + ")",
                model.isClassification() ? "classifying " + model.target() + " into " + model.classes().size()
                        + " classes (" + String.join(", ", model.classes()) + ")"
                        : "predicting " + model.target() + " from " + model.features().size() + " feature(s)");
        if (p != null) {
            out.printf(Locale.ROOT, "trained %d epoch(s) by Descent %s, seed %d, written %s%n", p.epochs(),
                    p.descentVersion(), p.seed(), p.created());
            out.printf(Locale.ROOT, "final loss %f%s%n", p.finalLoss(), p.finalValidationLoss() == null ? ""
                    : String.format(Locale.ROOT, ", validation loss %f", p.finalValidationLoss()));
        }
        if (coefficients.isPresent()) {
            Coefficients c = coefficients.get();
            boolean scaled = model.standardization() != null;
            out.println();
            if (scaled) {
                out.println("coefficients per unit of each feature (the data's own units)");
                table(out, c.rows(), c.columns(), c.perUnit());
                out.println();
                out.println("coefficients per standard deviation of each feature (what training sees)");
                table(out, c.rows(), c.columns(), c.standardised());
            } else {
                out.println("coefficients (the features were not standardised)");
                table(out, c.rows(), c.columns(), c.perUnit());
            }
        } else {
            out.println();
            out.println("parameters (the model is not X W + b: no coefficient per feature)");
            for (ModelFile.ParameterValues parameter : model.parameters()) {
                out.printf(Locale.ROOT, "  %s  shape %s, %d values%n", parameter.name(),
                        java.util.Arrays.toString(parameter.shape()), parameter.values().length);
            }
        }
        if (model.standardization() != null) {
            out.println();
            out.println("feature scaling (subtract the mean, divide by the standard deviation)");
            List<String> rows = model.features();
            double[][] values = new double[rows.size()][2];
            for (int j = 0; j < rows.size(); j++) {
                values[j][0] = model.standardization().mean()[j];
                values[j][1] = model.standardization().std()[j];
            }
            table(out, rows, List.of("mean", "standard deviation"), values);
        }
        if (model.encoding() != null) {
            out.println();
            out.println("columns (missing cells filled and categories found on the training rows)");
            for (dev.descent.api.Encoding.Column column : model.encoding().columns()) {
                String fill = column.fill() == null ? "a missing cell is " + (column.missing().equals("drop")
                        ? "left out in training, an error in predict" : "an error")
                        : "missing -> " + column.fill() + " (" + column.missing() + ")";
                out.printf(Locale.ROOT, "  %-20s %-8s  %s%s%s%n", column.name(), column.type(), fill,
                        column.categorical() ? ", " + column.categories().size() + " categories: "
                                + dev.descent.plugin.Names.summary(column.categories()) + (column.ignoreUnknown()
                                ? ", unknown ones all zeros" : ", unknown ones an error") : "",
                        column.indicator() ? ", with a missing indicator" : "");
            }
        }
        if (p != null && p.epochLosses() != null && !p.epochLosses().isEmpty()) {
            out.println();
            out.println("per epoch");
            List<String> columns = new ArrayList<>(List.of("loss"));
            List<List<Double>> series = new ArrayList<>(List.of(p.epochLosses()));
            if (p.validationLosses() != null && p.validationLosses().size() == p.epochLosses().size()) {
                columns.add("validation loss");
                series.add(p.validationLosses());
            }
            p.epochMetrics().forEach((name, values) -> {
                if (values.size() == p.epochLosses().size()) {
                    columns.add(name);
                    series.add(values);
                }
            });
            int first = p.epochs() - p.epochLosses().size() + 1;
            List<String> rows = new ArrayList<>();
            double[][] values = new double[p.epochLosses().size()][columns.size()];
            for (int e = 0; e < values.length; e++) {
                rows.add("epoch " + (first + e));
                for (int k = 0; k < columns.size(); k++) {
                    values[e][k] = series.get(k).get(e);
                }
            }
            table(out, rows, columns, values, "%f");   // as the epoch lines print them
        }
        if (p != null && p.components() != null && !p.components().isEmpty()) {
            out.println();
            out.println("components");
            int width = p.components().keySet().stream().mapToInt(String::length).max().orElse(0);
            p.components().forEach((kind, component) -> out.printf(Locale.ROOT, "  %-" + width + "s  %s %s%s%n", kind,
                    component.name(), component.version() == null ? "" : component.version(),
                    component.jar() == null || component.jar().isEmpty() ? "" : " (" + component.jar() + ")"));
        }
        if (model.config() != null && !model.config().isEmpty()) {
            out.println();
            out.println("configuration");
            model.config().forEach((key, value) -> out.printf(Locale.ROOT, "  %s = %s%n", key, value));
        }
    }

    /** Rows of numbers under column headings, names left, numbers right, with 6 significant digits. */
    private static void table(PrintWriter out, List<String> rows, List<String> columns, double[][] values) {
        table(out, rows, columns, values, "%.6g");
    }

    /** The same, each number written with {@code format}. */
    private static void table(PrintWriter out, List<String> rows, List<String> columns, double[][] values,
                              String format) {
        int nameWidth = rows.stream().mapToInt(String::length).max().orElse(0);
        List<String[]> cells = new ArrayList<>();
        int[] widths = new int[columns.size()];
        for (int k = 0; k < columns.size(); k++) {
            widths[k] = columns.get(k).length();
        }
        for (double[] row : values) {
            String[] texts = new String[row.length];
            for (int k = 0; k < row.length; k++) {
                texts[k] = String.format(Locale.ROOT, format, row[k]);
                widths[k] = Math.max(widths[k], texts[k].length());
            }
            cells.add(texts);
        }
        StringBuilder heading = new StringBuilder("  ").append(" ".repeat(nameWidth));
        for (int k = 0; k < columns.size(); k++) {
            heading.append("  ").append(" ".repeat(widths[k] - columns.get(k).length())).append(columns.get(k));
        }
        out.println(heading);
        for (int r = 0; r < rows.size(); r++) {
            StringBuilder line = new StringBuilder("  ").append(rows.get(r))
                    .append(" ".repeat(nameWidth - rows.get(r).length()));
            for (int k = 0; k < columns.size(); k++) {
                line.append("  ").append(" ".repeat(widths[k] - cells.get(r)[k].length())).append(cells.get(r)[k]);
            }
            out.println(line);
        }
    }

    private Map<String, Object> asJson(ModelFile model, Optional<Coefficients> coefficients) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("file", modelFile.toString());
        json.put("model", model.model());
        json.put("task", model.task());
        json.put("target", model.target());
        json.put("features", model.features());
        json.put("classes", model.classes());
        coefficients.ifPresent(c -> {
            Map<String, Object> table = new LinkedHashMap<>();
            table.put("columns", c.columns());
            table.put("perUnit", byRow(c.rows(), c.perUnit()));
            table.put("standardised", byRow(c.rows(), c.standardised()));
            json.put("coefficients", table);
        });
        if (model.standardization() != null) {
            Map<String, Object> scaling = new LinkedHashMap<>();
            for (int j = 0; j < model.features().size(); j++) {
                scaling.put(model.features().get(j), Map.of("mean", model.standardization().mean()[j],
                        "std", model.standardization().std()[j]));
            }
            json.put("scaling", scaling);
        }
        if (model.encoding() != null) {
            json.put("encoding", model.encoding());
        }
        List<Map<String, Object>> parameters = new ArrayList<>();
        for (ModelFile.ParameterValues parameter : model.parameters()) {
            parameters.add(Map.of("name", parameter.name(), "shape", parameter.shape(), "values", parameter.values()));
        }
        json.put("parameters", parameters);
        json.put("provenance", model.provenance());
        json.put("config", model.config());
        return json;
    }

    private static Map<String, double[]> byRow(List<String> rows, double[][] values) {
        Map<String, double[]> map = new LinkedHashMap<>();
        for (int r = 0; r < rows.size(); r++) {
            map.put(rows.get(r), values[r]);
        }
        return map;
    }
}
