package dev.descent.predict;

import dev.descent.api.DataException;
import dev.descent.api.Encoding;
import dev.descent.data.CsvReader;
import dev.descent.data.RawColumns;
import dev.descent.data.TableEncoder;
import java.util.Map;
import dev.descent.api.Affine;
import dev.descent.api.ComponentKind;
import dev.descent.api.Model;
import dev.descent.api.ModelContext;
import dev.descent.api.Parameter;
import dev.descent.api.Standardization;
import dev.descent.config.ConfigException;
import dev.descent.config.ConfigValue;
import dev.descent.config.RunConfig;
import dev.descent.eval.ClassPredictions;
import dev.descent.io.ModelFile;
import dev.descent.io.ModelFileException;
import dev.descent.plugin.PluginDescriptor;
import dev.descent.plugin.PluginException;
import dev.descent.plugin.PluginRegistry;
import dev.descent.tensor.Device;
import dev.descent.tensor.GradMode;
import dev.descent.tensor.Shape;
import dev.descent.tensor.Tensor;
import dev.descent.tensor.TensorScope;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.Supplier;

/**
 * A saved model, ready to predict, and safe to share between threads without a lock around it (a
 * service loads it once): an affine model predicts single rows straight from its {@code W} and
 * {@code b}; any other runs its forward pass on a copy of the model that no other thread is using,
 * each copy on a device of its own (devices run one thread's kernels at a time), made the first
 * time more threads predict at once than there are copies, up to one per processor (two at least);
 * beyond that a thread waits for a copy to be free. The model plugin is rebuilt from a {@link ModelFile} with the options
 * it was trained with, its trained parameters restored, and the file's feature scaling applied to
 * every input. It runs on the device the caller configures ({@code cpu} unless told otherwise).
 *
 * <pre>{@code
 * try (Predictor p = Predictor.load(ModelFiles.read(path), registry)) {
 *     float[] yHat = p.predict(rawFeatures, rows);             // regression: rows × p.outputs(), row-major
 *     double[] probabilities = p.probabilities(rawFeatures, rows);   // classification: rows × p.classes().size()
 * }
 * }</pre>
 */
public final class Predictor implements AutoCloseable {

    private static final int CHUNK_ROWS = 1 << 16;

    private final ModelFile file;
    private final Model model;
    private final Device device;
    /** Copies of the model, each on a device of its own, for threads that predict at the same moment. */
    private final Replicas replicas;
    private final Standardization standardization;
    /** Values the model's forward gives per row: the outputs, or one logit for a binary classifier. */
    private final int width;
    /** For an affine model ({@link Model#affine()}): W (features × width, row-major), else null. */
    private final float[] weights;
    /** For an affine model: b (width values, zeros when the model has none), else null. */
    private final float[] bias;
    private final double[] mean;
    private final double[] std;

    private Predictor(ModelFile file, Model model, Device device, int width, Supplier<Replicas.Replica> copies) {
        this.file = file;
        this.model = model;
        this.device = device;
        this.replicas = new Replicas(new Replicas.Replica(model, device), copies,
                Math.max(2, Runtime.getRuntime().availableProcessors()));
        this.width = width;
        this.standardization = file.standardization() == null ? null
                : new Standardization(file.standardization().mean(), file.standardization().std());
        this.mean = standardization == null ? null : standardization.mean().clone();
        this.std = standardization == null ? null : standardization.std().clone();
        Optional<Affine> affine = model.affine();
        this.weights = affine.map(a -> values(model, a.weights(), features().size() * width)).orElse(null);
        this.bias = affine.map(a -> a.bias() == null ? new float[width] : values(model, a.bias(), width)).orElse(null);
    }

    private static float[] values(Model model, String name, int size) {
        for (Parameter p : model.parameters()) {
            if (p.name().equals(name)) {
                float[] values = p.value().toFloatArray();
                if (values.length != size) {
                    throw new IllegalStateException("parameter '" + name + "' has " + values.length
                            + " values, not the " + size + " of an affine model's");
                }
                return values;
            }
        }
        throw new IllegalStateException("the model's affine() names parameter '" + name + "', which it does not have");
    }

    /** Rebuilds the model of {@code file} on the {@code cpu} device, with components from {@code registry}. */
    public static Predictor load(ModelFile file, PluginRegistry registry) {
        return load(file, registry, RunConfig.empty());
    }

    /**
     * Rebuilds the model of {@code file} on the device {@code deviceConfig} chooses with its
     * {@code device} key and {@code device.*} options ({@code cpu} when it has none), with components
     * from {@code registry}. Other keys are an error.
     */
    public static Predictor load(ModelFile file, PluginRegistry registry, RunConfig deviceConfig) {
        for (ConfigValue value : deviceConfig.values().values()) {
            String key = value.key();
            if (!key.equals(ComponentKind.DEVICE.key()) && !key.startsWith(ComponentKind.DEVICE.key() + ".")) {
                throw new ConfigException("unknown key " + key + " (" + value.origin() + "): predicting takes only"
                        + " the device and its options, e.g. device=opencl");
            }
        }
        Optional<ConfigValue> deviceChoice = deviceConfig.get(ComponentKind.DEVICE.key());
        String deviceName = deviceChoice.map(ConfigValue::value).orElse(ComponentKind.DEVICE.defaults().get(0));
        PluginDescriptor deviceDescriptor = registry.require(ComponentKind.DEVICE, deviceName, deviceChoice.orElse(null));
        Map<String, ConfigValue> deviceOptions = deviceConfig.section(ComponentKind.DEVICE.key());
        Supplier<Replicas.Replica> copies = () -> {
            Model copy = createModel(file, registry);
            Device own = (Device) registry.create(deviceDescriptor, deviceOptions);
            try {
                restore(file, copy, own);
                return new Replicas.Replica(copy, own);
            } catch (RuntimeException e) {
                own.close();
                throw e;
            }
        };
        Replicas.Replica first = copies.get();
        try {
            int width = widthOf(first.model(), first.device(), file);
            return new Predictor(file, first.model(), first.device(), width, copies);
        } catch (RuntimeException e) {
            first.device().close();
            throw e;
        }
    }

    /**
     * The model of {@code file} rebuilt on {@code device} (which the caller keeps and closes), its
     * trained parameters restored: what an exporter traces.
     */
    public static Model rebuild(ModelFile file, PluginRegistry registry, Device device) {
        Model model = createModel(file, registry);
        restore(file, model, device);
        widthOf(model, device, file);
        return model;
    }

    /** The model plugin of {@code file}, with the options it was trained with. */
    private static Model createModel(ModelFile file, PluginRegistry registry) {
        PluginDescriptor descriptor;
        try {
            descriptor = registry.require(ComponentKind.MODEL, file.model().name(),
                    new ConfigValue("model", file.model().name(), "the model file"));
        } catch (PluginException e) {
            throw new ModelFileException("the model file needs the model plugin '" + file.model().name()
                    + "' (version " + file.model().version() + "), which is not available here: " + e.getMessage(), e);
        }
        Map<String, ConfigValue> options = new LinkedHashMap<>();
        Map<String, String> saved = file.model().options() == null ? Map.of() : file.model().options();
        saved.forEach((name, value) -> options.put(name, new ConfigValue("model." + name, value, "the model file")));
        return (Model) registry.create(descriptor, options);
    }

    /** Initialises {@code model} on {@code device} and gives it the file's parameters, each checked. */
    private static void restore(ModelFile file, Model model, Device device) {
        model.initialize(new ModelContext(device, file.features().size(), file.outputs(), new SplittableRandom(0),
                file.classes()));
        for (Parameter p : model.parameters()) {
            ModelFile.ParameterValues values = file.parameters().stream().filter(v -> v.name().equals(p.name()))
                    .findFirst().orElseThrow(() -> new ModelFileException("the model file has no parameter '"
                            + p.name() + "', which model '" + file.model().name() + "' needs"));
            if (!Shape.of(values.shape()).equals(p.value().shape())) {
                throw new ModelFileException("parameter '" + p.name() + "' has shape "
                        + Arrays.toString(values.shape()) + " in the model file, but model '" + file.model().name()
                        + "' has " + p.value().shape());
            }
            p.value().assign(values.values());
        }
        refuseExtraParameters(file, model);
    }

    /** What the model gives per row, checked against the file: one value per output, or one logit for two classes. */
    private static int widthOf(Model model, Device device, ModelFile file) {
        Shape shape;
        try (GradMode off = GradMode.disable(); TensorScope scope = TensorScope.open()) {
            shape = model.forward(Tensor.zeros(device, Shape.of(0, file.features().size()))).shape();
        }
        int width = shape.rank() == 2 ? shape.dim(1) : 1;
        boolean binaryLogit = file.isClassification() && file.classes().size() == 2 && width == 1;
        if (width != file.outputs() && !binaryLogit) {
            throw new ModelFileException("model '" + file.model().name() + "' predicts " + width + " value(s) per row,"
                    + " but the model file says it has " + file.outputs() + " output(s) per row");
        }
        return width;
    }

    /** The feature columns, in the order {@link #predict} expects them. */
    public List<String> features() {
        return file.features();
    }

    public String target() {
        return file.target();
    }

    /** Values predicted per row: 1 for regression on one target, one per class for classification. */
    public int outputs() {
        return file.outputs();
    }

    /** The class names in index order for a classifier; empty for a regression model. */
    public List<String> classes() {
        return file.classes();
    }

    public boolean isClassification() {
        return file.isClassification();
    }

    /**
     * Class probabilities for {@code rows} raw feature rows: {@code rows × classes().size()} values,
     * row-major, each row summing to 1 (the softmax of the logits, in double precision).
     * {@code features} is modified (scaled) in place.
     */
    public double[] probabilities(float[] features, int rows) {
        return classify(features, rows).probabilities();
    }

    /**
     * Each row's predicted class (an index into {@link #classes()}, the largest logit's) and its class
     * probabilities, from one forward pass. {@code features} is modified (scaled) in place.
     */
    public Classified classify(float[] features, int rows) {
        return classifyLogits(predict(features, rows), rows);
    }

    /** Classes and probabilities from the logits {@link #predict} gave for {@code rows} rows. */
    public Classified classifyLogits(float[] logits, int rows) {
        requireClassifier();
        if (logits.length != (long) rows * width) {
            throw new IllegalArgumentException(logits.length + " logits are not " + rows + " rows of " + width);
        }
        return new Classified(ClassPredictions.classes(logits, rows, width),
                ClassPredictions.probabilities(logits, rows, width));
    }

    /**
     * A classifier's answer for some rows.
     *
     * @param classes       each row's class, an index into the model's classes
     * @param probabilities {@code rows × classes} probabilities, row-major, each row summing to 1
     */
    public record Classified(int[] classes, double[] probabilities) {
    }

    /** A parameter in the file that the model does not have is refused: it was edited, or is another model's. */
    static void refuseExtraParameters(ModelFile file, Model model) {
        java.util.Set<String> names = new java.util.HashSet<>();
        model.parameters().forEach(p -> names.add(p.name()));
        for (ModelFile.ParameterValues values : file.parameters()) {
            if (!names.contains(values.name())) {
                throw new ModelFileException("the model file has a parameter '" + values.name() + "' that model '"
                        + file.model().name() + "' does not have (it has " + names.stream().sorted().toList()
                        + "); remove it, or load the file with the model that wrote it");
            }
        }
    }

    private void requireClassifier() {
        if (!isClassification()) {
            throw new IllegalStateException("model '" + file.model().name() + "' is a regression model; it has no classes");
        }
    }

    public ModelFile file() {
        return file;
    }

    /** The device predictions run on. */
    public Device device() {
        return device;
    }

    /**
     * Predictions for {@code rows} raw (unscaled) feature rows: {@code rows × outputs()} values,
     * row-major; for a classifier its logits (one per class, or one for two classes). {@code features}
     * is modified (scaled) in place.
     */
    public float[] predict(float[] features, int rows) {
        int d = features().size();
        if (features.length != rows * d) {
            throw new IllegalArgumentException(features.length + " values are not " + rows + " rows of " + d + " features");
        }
        if (standardization != null) {
            standardization.apply(features, rows);
        }
        return forward(features, rows);
    }

    /**
     * Predictions for rows already standardised with {@link #standardization()} (in double, before
     * they were rounded to float: how {@code descent predict} reads a CSV file, so that a feature far
     * from zero against its spread keeps its digits); as {@link #predict(float[], int)} otherwise.
     */
    public float[] predictStandardized(float[] scaled, int rows) {
        int d = features().size();
        if (scaled.length != rows * d) {
            throw new IllegalArgumentException(scaled.length + " values are not " + rows + " rows of " + d + " features");
        }
        return forward(scaled, rows);
    }

    /**
     * The columns a row given by name ({@link #predictRows}) must hold: a table's input columns when the
     * model fills and one-hot encodes them ({@link ModelFile#encoding()}), else its features.
     */
    public List<String> inputs() {
        return file.encoding() == null ? features() : file.encoding().inputs();
    }

    /**
     * Predictions for rows given by column name, as a service receives them (JSON objects, a database's
     * rows): each value a number, a numeric text, or a category's name; {@code null} or absent is a
     * missing value. The rows are prepared as in training, with the model's saved fills, categories and
     * scaling (in double, rounded to float once), then predicted: {@code rows × outputs()} values, as
     * {@link #predict(float[], int)} gives them.
     *
     * @throws DataException naming the row (from 1) and column of a value that does not fit: text in a
     *                       number column, a missing value the model has no fill for, a category it
     *                       was not trained on (unless it encodes unknown ones as zeros)
     */
    public float[] predictRows(List<? extends Map<String, ?>> rows) {
        List<String> inputs = inputs();
        Encoding encoding = file.encoding();
        int n = rows.size();
        double[][] numbers = new double[inputs.size()][];
        String[][] texts = new String[inputs.size()][];
        for (int c = 0; c < inputs.size(); c++) {
            boolean category = encoding != null && encoding.columns().get(c).categorical();
            if (category) {
                texts[c] = new String[n];
            } else {
                numbers[c] = new double[n];
            }
            for (int i = 0; i < n; i++) {
                Object value = rows.get(i).get(inputs.get(c));
                String text = value == null ? null : value.toString().strip();
                boolean missing = text == null || text.isEmpty();
                if (category) {
                    texts[c][i] = missing ? null : text;
                } else if (missing) {
                    numbers[c][i] = Double.NaN;
                } else if (value instanceof Number number) {
                    numbers[c][i] = number.doubleValue();
                } else {
                    try {
                        numbers[c][i] = Double.parseDouble(text);
                    } catch (NumberFormatException e) {
                        throw new DataException("row " + (i + 1) + ": column '" + inputs.get(c) + "' holds '" + text
                                + "', which is not a number");
                    }
                }
                if (!category && !missing && !Double.isFinite(numbers[c][i])) {
                    throw new DataException("row " + (i + 1) + ": column '" + inputs.get(c) + "' holds " + text
                            + ", which is not a finite number");
                }
            }
        }
        RawColumns raw = new RawColumns(inputs, inputs, numbers, texts, null, null, n, null);
        Encoding prepared = encoding != null ? encoding : plain(inputs);
        int[] all = new int[n];
        for (int i = 0; i < n; i++) {
            all[i] = i;
        }
        CsvReader.Scaling scaling = standardization == null ? CsvReader.Scaling.RAW
                : CsvReader.Scaling.standardized(standardization.mean(), standardization.std());
        float[] x = TableEncoder.encode(prepared, raw, all, scaling, row -> "row " + row, true).features();
        return forward(x, n);
    }

    /** A model's features read as they are: number columns, a missing value an error. */
    private static Encoding plain(List<String> features) {
        return new Encoding(features.stream().map(f -> new Encoding.Column(f, Encoding.NUMBER, "error", null, false,
                List.of(), false)).toList());
    }

    /** The statistics raw rows are standardised with, or null for a model of raw features. */
    public dev.descent.api.Standardization standardization() {
        return standardization;
    }

    private float[] forward(float[] features, int rows) {
        int d = features().size();
        int k = width;
        float[] out = new float[rows * k];
        Replicas.Replica replica = replicas.acquire();
        try (GradMode off = GradMode.disable()) {
            for (int from = 0; from < rows; from += CHUNK_ROWS) {
                int count = Math.min(CHUNK_ROWS, rows - from);
                try (TensorScope scope = TensorScope.open()) {
                    float[] chunk = Arrays.copyOfRange(features, from * d, (from + count) * d);
                    Tensor yHat = replica.model().forward(Tensor.of(replica.device(), chunk, Shape.of(count, d)));
                    if (yHat.size() != count * k) {
                        throw new ModelFileException("model '" + file.model().name() + "' predicted shape "
                                + yHat.shape() + " for " + count + " rows, but the model file says it has " + k
                                + " output(s) per row");
                    }
                    System.arraycopy(yHat.toFloatArray(), 0, out, from * k, count * k);
                }
            }
        } finally {
            replicas.release(replica);
        }
        return out;
    }

    // ----- one row at a time, for services -----------------------------------------------------

    /**
     * Whether single rows are predicted directly from the model's {@code W} and {@code b}
     * ({@link Model#affine()}: {@code linreg}, {@code softmax}, {@code logistic}): without tensors, without
     * allocating, without locking. Otherwise each call runs the model's forward pass on a copy of the
     * model no other thread is using at that moment (see the class comment).
     */
    public boolean isDirect() {
        return weights != null;
    }

    /**
     * For a {@link #isDirect() direct} (affine) model, copies of its weights {@code W}
     * ({@code features × width}, row-major) and bias {@code b} ({@code width} values, zeros when the
     * model has none), where {@code width} is the values per row (one logit for a binary classifier):
     * what an exporter writes. Empty for any other model.
     */
    public Optional<float[][]> affineParameters() {
        return weights == null ? Optional.empty() : Optional.of(new float[][] {weights.clone(), bias.clone()});
    }

    /**
     * The prediction for one raw (unscaled) row of a single-output model: its one value, or a binary
     * classifier's logit. Thread-safe; allocates nothing for an {@link #isDirect() affine} model.
     * {@code row} is not modified.
     */
    public float predict(float[] row) {
        if (width != 1) {
            throw new IllegalStateException("model '" + file.model().name() + "' predicts " + width
                    + " values per row; use predict(row, out)");
        }
        checkRow(row, 0);
        if (weights == null) {
            return predictRows(row, 0, 1)[0];
        }
        return affine(row, 0, 0);
    }

    /**
     * The predictions (or logits) for one raw row into {@code out[0 .. width)}. Thread-safe;
     * allocates nothing for an {@link #isDirect() affine} model. {@code row} is not modified.
     */
    public void predict(float[] row, float[] out) {
        predict(row, 1, out);
    }

    /**
     * Predictions for {@code rows} raw rows ({@code rows × features}, row-major) into {@code out}
     * ({@code rows × width}). Thread-safe; allocates nothing for an {@link #isDirect() affine} model.
     * {@code features} is not modified (unlike {@link #predict(float[], int)}).
     */
    public void predict(float[] features, int rows, float[] out) {
        int d = features().size();
        if (features.length < (long) rows * d || out.length < (long) rows * width) {
            throw new IllegalArgumentException(features.length + " values and room for " + out.length + " are not "
                    + rows + " rows of " + d + " features and " + width + " outputs");
        }
        if (weights == null) {
            float[] predictions = predictRows(features, 0, rows);
            System.arraycopy(predictions, 0, out, 0, predictions.length);
            return;
        }
        for (int i = 0; i < rows; i++) {
            for (int k = 0; k < width; k++) {
                out[i * width + k] = affine(features, i * d, k);
            }
        }
    }

    /**
     * A classifier's class for one raw row (an index into {@link #classes()}, the largest logit's).
     * Thread-safe; allocates nothing for an {@link #isDirect() affine} model.
     */
    public int classify(float[] row) {
        requireClassifier();
        checkRow(row, 0);
        if (weights == null) {
            return ClassPredictions.classes(predictRows(row, 0, 1), 1, width)[0];
        }
        if (width == 1) {
            return affine(row, 0, 0) > 0 ? 1 : 0;
        }
        int best = 0;
        float bestLogit = Float.NEGATIVE_INFINITY;
        for (int k = 0; k < width; k++) {
            float logit = affine(row, 0, k);
            if (logit > bestLogit || Float.isNaN(logit) && !Float.isNaN(bestLogit)) {
                best = k;
                bestLogit = logit;
            }
        }
        return best;
    }

    /**
     * A classifier's class probabilities for one raw row into {@code out[0 .. classes)}, summing to 1.
     * Thread-safe; allocates nothing for an {@link #isDirect() affine} model.
     */
    public void probabilities(float[] row, double[] out) {
        requireClassifier();
        checkRow(row, 0);
        int classes = classes().size();
        if (out.length < classes) {
            throw new IllegalArgumentException("room for " + out.length + " probabilities, not " + classes);
        }
        if (weights == null) {
            System.arraycopy(ClassPredictions.probabilities(predictRows(row, 0, 1), 1, width), 0, out, 0, classes);
            return;
        }
        if (width == 1) {
            double positive = ClassPredictions.sigmoid(affine(row, 0, 0));
            out[0] = 1 - positive;
            out[1] = positive;
            return;
        }
        for (int k = 0; k < width; k++) {
            out[k] = affine(row, 0, k);
        }
        ClassPredictions.softmaxInPlace(out, 0, width);
    }

    /**
     * The prediction for one raw row given in double: standardised in double before it is rounded to
     * float, as {@code descent predict} does, so a feature such as a Unix time ({@code 1.7e9 + k}) keeps
     * its digits. For a model of one output; direct models do not lock or allocate.
     */
    public float predict(double[] row) {
        if (width != 1) {
            throw new IllegalStateException("model '" + file.model().name() + "' predicts " + width
                    + " values per row; use predict(row, out)");
        }
        float[] out = new float[1];
        predict(row, out);
        return out[0];
    }

    /** The predictions for one raw row given in double into {@code out} ({@link #outputs()} values). */
    public void predict(double[] row, float[] out) {
        int d = features().size();
        if (row.length < d) {
            throw new IllegalArgumentException("a row of " + row.length + " values, not the model's " + d
                    + " features " + features());
        }
        if (weights != null) {
            for (int k = 0; k < width; k++) {
                float sum = 0;
                for (int j = 0; j < d; j++) {
                    float z = (float) (mean == null ? row[j] : (row[j] - mean[j]) / std[j]);
                    sum += z * weights[j * width + k];
                }
                out[k] = sum + bias[k];
            }
            return;
        }
        float[] z = new float[d];
        for (int j = 0; j < d; j++) {
            z[j] = (float) (mean == null ? row[j] : (row[j] - mean[j]) / std[j]);
        }
        System.arraycopy(predictStandardized(z, 1), 0, out, 0, width);
    }

    /** Output {@code k} of the row at {@code from}: {@code b[k] + Σ_j z_j W[j,k]}, z the scaled features. */
    private float affine(float[] x, int from, int k) {
        int d = mean == null ? weights.length / width : mean.length;
        float sum = 0;
        for (int j = 0; j < d; j++) {
            float z = mean == null ? x[from + j] : (float) ((x[from + j] - mean[j]) / std[j]);
            sum += z * weights[j * width + k];
        }
        return sum + bias[k];
    }

    private void checkRow(float[] row, int from) {
        if (row.length - from < features().size()) {
            throw new IllegalArgumentException("a row of " + (row.length - from) + " values, not the model's "
                    + features().size() + " features " + features());
        }
    }

    /** The forward pass over copies of {@code rows} rows, for models without the affine form. */
    private float[] predictRows(float[] features, int from, int rows) {
        int d = features().size();
        return predict(Arrays.copyOfRange(features, from, from + rows * d), rows);
    }

    /** Closes the device of every copy of the model. */
    @Override
    public void close() {
        replicas.close();
    }
}
