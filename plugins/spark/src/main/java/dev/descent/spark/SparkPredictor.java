package dev.descent.spark;

import com.google.auto.service.AutoService;
import dev.descent.api.DataException;
import dev.descent.config.RunConfig;
import dev.descent.data.Decimals;
import dev.descent.io.ModelFile;
import dev.descent.io.ModelFileException;
import dev.descent.io.ModelFiles;
import dev.descent.plugin.Names;
import dev.descent.predict.DistributedPredictor;
import dev.descent.predict.Predictor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.util.LongAccumulator;

/**
 * {@code descent predict --engine spark}: the executors read the table (Parquet, or CSV with a
 * header), each predicts its rows with the saved model as {@link Predictor} does locally, and Spark
 * writes the result (Parquet for an output ending in {@code .parquet}, else CSV with a header),
 * with the columns the local {@code predict} writes: the {@code --include} columns, then
 * {@code <target>_predicted} (and one {@code probability_<class>} per class for a classifier).
 */
@AutoService(DistributedPredictor.class)
public final class SparkPredictor implements DistributedPredictor {

    /** Rows per forward pass. */
    private static final int CHUNK = 4096;

    @Override
    public String engine() {
        return SparkEngine.NAME;
    }

    @Override
    public long predict(Path modelFile, ModelFile model, String input, String output, List<String> include,
                        Map<String, String> settings) {
        boolean existed = SparkSession.getDefaultSession().isDefined();
        SparkSession session = SparkEngine.session("descent predict", settings);
        try {
            return predict(session, modelFile, model, input, output, include, settings);
        } catch (DataException | ModelFileException e) {
            throw e;
        } catch (Exception e) {
            throw SparkEngine.unwrap(e);
        } finally {
            if (!existed) {
                session.stop();
            }
        }
    }

    private static long predict(SparkSession session, Path modelFile, ModelFile model, String input, String output,
                         List<String> include, Map<String, String> settings) throws IOException {
        if (model.encoding() != null) {
            throw new DataException(modelFile + " fills missing cells and one-hot encodes categories of the columns "
                    + String.join(", ", model.encoding().inputs()) + ", which the Spark engine's predictions do not do"
                    + " yet; predict on the local engine (descent predict without engine = spark)");
        }
        boolean parquet = input.endsWith(".parquet") || input.endsWith(".parquet/");
        Table table = new Table(parquet ? "parquet" : "csv", input, true, ',', List.of(), List.of(), "auto",
                List.of(), false, 0);
        org.apache.spark.sql.Dataset<Row> frame = SparkRows.frame(session, table);
        List<String> columns = List.of(frame.columns());
        for (String name : model.features()) {
            if (!columns.contains(name)) {
                throw new DataException(input + " has no column '" + name + "', a feature of the model; its columns"
                        + " are: " + String.join(", ", columns));
            }
            SparkRows.checkNumeric(frame, name, table);
        }
        List<String> included = include.stream().map(String::strip).toList();
        for (String name : included) {
            if (!columns.contains(name)) {
                throw new DataException("--include " + name + ": " + input + " has no column '" + name + "'"
                        + Names.nearest(name, columns).map(n -> " (did you mean '" + n + "'?)").orElse("")
                        + "; its columns are: " + String.join(", ", columns));
            }
        }
        List<String> selected = new ArrayList<>(included);
        selected.addAll(model.features());
        org.apache.spark.sql.Dataset<Row> rows = frame.selectExpr(selected.stream().map(c -> "`" + c + "`")
                .toArray(String[]::new));

        List<StructField> fields = new ArrayList<>();
        included.forEach(name -> fields.add(DataTypes.createStructField(name, DataTypes.StringType, true)));
        boolean classify = model.isClassification();
        List<String> targets = classify || model.outputs() == 1 ? List.of(model.target())
                : List.of(model.target().split(",", -1));
        if (classify) {
            fields.add(DataTypes.createStructField(model.target() + "_predicted", DataTypes.StringType, false));
            model.classes().forEach(c -> fields.add(DataTypes.createStructField("probability_" + c,
                    DataTypes.DoubleType, false)));
        } else {
            for (int j = 0; j < model.outputs(); j++) {
                String name = (targets.size() == model.outputs() ? targets.get(j) : model.target() + "_" + j)
                        + "_predicted";
                fields.add(DataTypes.createStructField(name, DataTypes.FloatType, false));
            }
        }
        StructType schema = DataTypes.createStructType(fields);

        Map<String, String> device = new java.util.LinkedHashMap<>();
        settings.forEach((key, value) -> {
            if (key.equals("device") || key.startsWith("device.")) {
                device.put(key, value);
            }
        });
        Broadcast<byte[]> bytes = org.apache.spark.api.java.JavaSparkContext.fromSparkContext(session.sparkContext())
                .broadcast(Files.readAllBytes(modelFile));
        LongAccumulator written = session.sparkContext().longAccumulator("rows predicted");
        int extra = included.size();
        int d = model.features().size();
        String path = input;
        JavaRDD<Row> predicted = rows.javaRDD().mapPartitions(it -> {
            Predictor predictor = predictor(bytes.value(), device);
            return new Iterator<Row>() {
                private final List<Row> ready = new ArrayList<>();
                private int next;

                @Override
                public boolean hasNext() {
                    if (next < ready.size()) {
                        return true;
                    }
                    ready.clear();
                    next = 0;
                    List<Row> chunk = new ArrayList<>(CHUNK);
                    while (chunk.size() < CHUNK && it.hasNext()) {
                        chunk.add(it.next());
                    }
                    if (chunk.isEmpty()) {
                        predictor.close();
                        return false;
                    }
                    predictChunk(predictor, chunk, extra, d, path, ready);
                    written.add(chunk.size());
                    return true;
                }

                @Override
                public Row next() {
                    if (!hasNext()) {
                        throw new java.util.NoSuchElementException();
                    }
                    return ready.get(next++);
                }
            };
        });
        org.apache.spark.sql.DataFrameWriter<Row> writer = session.createDataFrame(predicted, schema).write()
                .mode(SaveMode.Overwrite);
        if (output.endsWith(".parquet") || output.endsWith(".parquet/")) {
            writer.parquet(output);
        } else {
            writer.option("header", "true").csv(output);
        }
        bytes.destroy();
        return written.value();
    }

    private static void predictChunk(Predictor predictor, List<Row> chunk, int extra, int d, String path,
                                     List<Row> ready) {
        int n = chunk.size();
        float[] x = new float[n * d];
        // Standardised in double before rounding to float, as the local predict reads its rows.
        dev.descent.api.Standardization scaling = predictor.standardization();
        for (int i = 0; i < n; i++) {
            Row row = chunk.get(i);
            for (int j = 0; j < d; j++) {
                x[i * d + j] = scaling == null ? (float) number(row, extra + j, path, false)
                        : (float) ((number(row, extra + j, path, true) - scaling.mean()[j]) / scaling.std()[j]);
            }
        }
        if (predictor.isClassification()) {
            Predictor.Classified classified = predictor.classifyLogits(predictor.predictStandardized(x, n), n);
            List<String> classes = predictor.classes();
            int k = classes.size();
            for (int i = 0; i < n; i++) {
                Object[] values = new Object[extra + 1 + k];
                copyIncluded(chunk.get(i), extra, values);
                values[extra] = classes.get(classified.classes()[i]);
                for (int c = 0; c < k; c++) {
                    values[extra + 1 + c] = classified.probabilities()[i * k + c];
                }
                ready.add(RowFactory.create(values));
            }
        } else {
            float[] out = predictor.predictStandardized(x, n);
            int k = out.length / Math.max(1, n);
            for (int i = 0; i < n; i++) {
                Object[] values = new Object[extra + k];
                copyIncluded(chunk.get(i), extra, values);
                for (int j = 0; j < k; j++) {
                    values[extra + j] = out[i * k + j];
                }
                ready.add(RowFactory.create(values));
            }
        }
    }

    private static void copyIncluded(Row row, int extra, Object[] values) {
        for (int c = 0; c < extra; c++) {
            values[c] = row.isNullAt(c) ? null : row.get(c).toString();
        }
    }

    /** A cell's number: exactly as a double when {@code exact}, else rounded to float once. */
    private static double number(Row row, int c, String path, boolean exact) {
        Object value = row.get(c);
        if (value instanceof Number number) {
            return exact && !(value instanceof Float) ? number.doubleValue() : number.floatValue();
        }
        String text = value == null ? "" : value.toString().strip();
        String column = row.schema() == null ? "#" + (c + 1) : row.schema().fieldNames()[c];
        try {
            double parsed = exact ? Double.parseDouble(text) : Float.parseFloat(text);
            if (!Decimals.isJavaOnly(text)) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new DataException("column '" + column + "' of " + path + " holds '" + text + "', which is not a number;"
                + " fix the cell or drop the row");
    }

    /** The saved model as a predictor in this executor, from its file's bytes. */
    private static Predictor predictor(byte[] bytes, Map<String, String> device) throws IOException {
        Path file = Files.createTempFile("descent-model", ".json");
        try {
            Files.write(file, bytes);
            ModelFile model = ModelFiles.read(file);
            RunConfig config = RunConfig.empty();
            if (!device.containsKey("device.threads") && (!device.containsKey("device")
                    || device.get("device").equals("cpu"))) {
                config = config.with("device.threads", "1", "the Spark engine");
            }
            for (Map.Entry<String, String> e : device.entrySet()) {
                config = config.with(e.getKey(), e.getValue(), "--set");
            }
            return Predictor.load(model, Worker.registry(Thread.currentThread().getContextClassLoader()), config);
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
