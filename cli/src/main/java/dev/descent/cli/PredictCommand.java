package dev.descent.cli;

import dev.descent.api.DataException;
import dev.descent.config.ConfigException;
import dev.descent.data.CsvReader;
import dev.descent.io.AtomicFiles;
import dev.descent.io.ModelFile;
import dev.descent.io.ModelFileException;
import dev.descent.io.OutputPolicy;
import dev.descent.plugin.Names;
import dev.descent.plugin.PluginRegistry;
import dev.descent.predict.DistributedPredictor;
import dev.descent.predict.Predictor;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code descent predict}: a saved model's predictions for the rows of a CSV file or of any data source. */
@Command(name = "predict", mixinStandardHelpOptions = true,
        description = "Predict the target for every row of a CSV file (--data) or of any data source (--set data=NAME)"
                + " with a saved model; a classifier writes the class and one probability per class.")
final class PredictCommand implements Callable<Integer> {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(PredictCommand.class);

    @Spec
    private CommandSpec spec;

    @Mixin
    private SavedModelOptions input;

    @Option(names = "--data", paramLabel = "CSV",
            description = "Rows with the model's features, matched by name; other columns are ignored (a target column,"
                    + " when present, is checked for classes the model never saw). Or rows from any data source:"
                    + " --set data=NAME and its options (--set data=fashion-mnist --set data.split=test).")
    private void data(Path file) {
        input.data = file;
    }

    @Option(names = "--out", paramLabel = "CSV", description = "Write the predictions here (atomically) instead of stdout.")
    private String outText;

    private Path out;

    @Option(names = "--include", paramLabel = "COLUMN", split = ",",
            description = "Copy these columns of --data (e.g. an ID) into the output, as written, before the"
                    + " predictions; a comma-separated list, or repeat the option.")
    private List<String> include = List.of();

    @Option(names = "--engine", paramLabel = "NAME", defaultValue = "local",
            description = "Where to predict: local (default), or spark for tables too large for one machine (with"
                    + " descent-spark): --data and --out are then any path Spark reads and writes (.parquet, or CSV),"
                    + " and --set passes spark.* settings.")
    private String engine;

    @Override
    public Integer call() throws IOException {
        if (!engine.equals("local")) {
            return distributed();
        }
        OutputPolicy outputs = input.outputs(spec.commandLine());
        if (outText != null) {
            out = outputs.check(OutputPolicy.outputPath(outText, "--out", "predictions.csv"), "--out", "predictions.csv");
        }
        ModelFile model = input.readModel();
        Rows rows;
        try (PluginRegistry registry = SavedModelOptions.registry(spec.commandLine())) {
            boolean fromFile = input.data != null;
            if (!fromFile && !include.isEmpty()) {
                throw new ConfigException("--include copies columns of the CSV file --data names; rows from a data"
                        + " source (--set data=NAME) have none to copy: drop --include, or give the rows with --data");
            }
            boolean checkLabels = model.isClassification() && (!fromFile || hasTarget(model));
            CsvReader.Table table = input.readData(model, checkLabels, registry);
            if (checkLabels) {
                ModelInput.classIndices(model, table, input.data);   // a class the model never saw is an error
            }
            rows = predict(model, table, included(model, table.rows()), registry);
        }
        if (out == null) {
            PrintWriter stdout = spec.commandLine().getOut();
            rows.writeTo(stdout);
            stdout.flush();
        } else {
            outputs.write(out, "--out", stream -> {
                Writer writer = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8));
                rows.writeTo(writer);
                writer.flush();
            });
        }
        return ExitCodes.OK;
    }

    /** The model's predictions for {@code table}'s rows, as the CSV text to write. */
    private Rows predict(ModelFile model, CsvReader.Table table, Included included, PluginRegistry registry) {
        Rows rows;
        try (Predictor predictor = Predictor.load(model, registry, input.deviceConfig())) {
            if (model.isClassification()) {
                float[] logits = predictor.predictStandardized(table.features(), table.rows());
                ModelInput.requireFinite(logits, model, table, input.data);
                Predictor.Classified classified = predictor.classifyLogits(logits, table.rows());
                rows = writer -> writeClasses(classified, model, included, writer);
            } else {
                float[] predictions = predictor.predictStandardized(table.features(), table.rows());
                ModelInput.requireFinite(predictions, model, table, input.data);
                rows = writer -> write(predictions, columns(model), included, writer);
            }
        }
        return rows;
    }

    /** {@code --engine spark}: the engine reads --data, predicts and writes --out where they are. */
    private int distributed() {
        DistributedPredictor predictor = java.util.ServiceLoader.load(DistributedPredictor.class,
                        PredictCommand.class.getClassLoader()).stream().map(java.util.ServiceLoader.Provider::get)
                .filter(p -> p.engine().equals(engine)).findFirst()
                .orElseThrow(() -> new DataException("--engine " + engine + ": this descent has no such engine for"
                        + " predict; the spark engine comes with descent-spark (bin/descent-spark, or spark-submit"
                        + " with spark/target/descent-spark.jar); else use --engine local"));
        if (outText == null) {
            throw new DataException("--engine " + engine + " writes its predictions to files: give --out (a folder"
                    + " Spark writes, e.g. --out predictions.parquet)");
        }
        if (input.data == null) {
            throw new ConfigException("--engine " + engine + " reads the rows where they are: give --data (any path"
                    + " Spark reads, e.g. --data houses.parquet)");
        }
        // The paths as typed: hdfs://… or s3a://… must reach Spark unchanged.
        String data = spec.commandLine().getParseResult().matchedOption("--data").originalStringValues().get(0);
        String output = spec.commandLine().getParseResult().matchedOption("--out").originalStringValues().get(0);
        Map<String, String> settings = new LinkedHashMap<>();
        input.deviceConfig().values().forEach((key, value) -> settings.put(key, value.value()));
        long rows = predictor.predict(input.modelFile, input.readModel(), data, output, include, settings);
        LOG.info("predicted {} rows into {}", rows, output);
        return ExitCodes.OK;
    }

    /** The {@code --include} columns: their names and each row's cells, CSV-quoted, each ending with a comma. */
    private record Included(String header, String[] rows) {
        String row(int i) {
            return rows == null ? "" : rows[i];
        }
    }

    private Included included(ModelFile model, int rowCount) {
        if (include.isEmpty()) {
            return new Included("", null);
        }
        CsvReader reader = ModelInput.reader(model, input.data);
        List<String> header = reader.header();
        int[] columns = new int[include.size()];
        StringBuilder names = new StringBuilder();
        java.util.Set<String> outputs = new java.util.HashSet<>();
        if (model.isClassification()) {
            outputs.add(model.target() + "_predicted");
            model.classes().forEach(name -> outputs.add("probability_" + name));
        } else {
            for (String column : columns(model)) {
                outputs.add(column.startsWith("\"") ? column.substring(1, column.length() - 1).replace("\"\"", "\"")
                        : column);
            }
        }
        for (int c = 0; c < columns.length; c++) {
            String name = include.get(c).strip();
            if (outputs.contains(name)) {
                throw new DataException("--include " + name + ": the output has a column '" + name + "' of its own (the"
                        + " model's " + (name.startsWith("probability_") ? "probability" : "prediction") + "), so the"
                        + " file would name two columns alike; include other columns, or rename that column of "
                        + input.data);
            }
            columns[c] = header.indexOf(name);
            if (columns[c] < 0) {
                throw new DataException("--include " + name + ": " + input.data + " has no column '" + name + "'"
                        + Names.nearest(name, header).map(n -> " (did you mean '" + n + "'?)").orElse("")
                        + "; its columns are: " + String.join(", ", header));
            }
            names.append(csv(name)).append(',');
        }
        String[][] texts = reader.texts(columns);
        if (texts.length != rowCount) {
            throw new IllegalStateException("--include read " + texts.length + " rows, the data " + rowCount);
        }
        String[] rows = new String[texts.length];
        StringBuilder row = new StringBuilder();
        for (int i = 0; i < texts.length; i++) {
            row.setLength(0);
            for (String cell : texts[i]) {
                row.append(csv(cell)).append(',');
            }
            rows[i] = row.toString();
        }
        return new Included(names.toString(), rows);
    }

    /** The predictions as CSV text. */
    private interface Rows {
        void writeTo(Writer writer);
    }

    /** Whether the data file has the model's target column (predict does not need it, but checks its classes). */
    private boolean hasTarget(ModelFile model) {
        return ModelInput.reader(model, input.data).header().contains(model.target());
    }

    /**
     * {@code species_predicted} (the class name), then one probability per class,
     * {@code probability_setosa}, … in the model's class order; each row's probabilities sum to 1.
     */
    private static void writeClasses(Predictor.Classified classified, ModelFile model, Included included,
                                     Writer writer) {
        List<String> classes = model.classes();
        int k = classes.size();
        try {
            StringBuilder header = new StringBuilder(included.header()).append(csv(model.target() + "_predicted"));
            for (String name : classes) {
                header.append(',').append(csv("probability_" + name));
            }
            writer.write(header.append('\n').toString());
            String[] quoted = classes.stream().map(PredictCommand::csv).toArray(String[]::new);
            double[] p = classified.probabilities();
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < classified.classes().length; i++) {
                line.setLength(0);
                line.append(included.row(i)).append(quoted[classified.classes()[i]]);
                for (int c = 0; c < k; c++) {
                    line.append(',').append(p[i * k + c]);
                }
                writer.write(line.append('\n').toString());
            }
        } catch (IOException e) {
            throw new ModelFileException("cannot write the predictions: " + e.getMessage(), e);
        }
    }

    /** A CSV field: quoted when it holds a comma, a quote or a line break. */
    static String csv(String field) {
        if (field.indexOf(',') < 0 && field.indexOf('"') < 0 && field.indexOf('\n') < 0 && field.indexOf('\r') < 0) {
            return field;
        }
        return '"' + field.replace("\"", "\"\"") + '"';
    }

    /** {@code price_predicted}; with several targets one column each, {@code y1_predicted}, {@code y2_predicted}. */
    private static String[] columns(ModelFile model) {
        List<String> targets = ModelInput.targets(model);
        String[] columns = new String[model.outputs()];
        for (int j = 0; j < columns.length; j++) {
            columns[j] = csv((targets.size() == columns.length ? targets.get(j) : model.target() + "_" + j) + "_predicted");
        }
        return columns;
    }

    /** One column per output; {@link Float#toString} reads back as exactly the same float. */
    private static void write(float[] predictions, String[] columns, Included included, Writer writer) {
        try {
            writer.write(included.header());
            writer.write(String.join(",", columns));
            writer.write('\n');
            for (int i = 0; i < predictions.length; i += columns.length) {
                writer.write(included.row(i / columns.length));
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
