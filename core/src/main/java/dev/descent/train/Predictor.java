package dev.descent.train;

import dev.descent.api.Device;
import dev.descent.api.Model;
import dev.descent.api.ModelContext;
import dev.descent.api.Parameter;
import dev.descent.api.Standardization;
import dev.descent.io.ModelFile;
import dev.descent.io.ModelFileException;
import dev.descent.plugin.PluginDescriptor;
import dev.descent.plugin.PluginException;
import dev.descent.plugin.PluginKind;
import dev.descent.plugin.PluginRegistry;
import dev.descent.tensor.GradMode;
import dev.descent.tensor.Shape;
import dev.descent.tensor.Tensor;
import dev.descent.tensor.TensorScope;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A saved model, ready to predict: the model plugin rebuilt from a {@link ModelFile}, its trained
 * parameters restored, and the file's feature scaling applied to every input.
 *
 * <pre>{@code
 * try (Predictor p = Predictor.load(ModelFiles.read(path), registry)) {
 *     float[] yHat = p.predict(rawFeatures, rows);   // rows × p.features().size(), in p.features() order
 * }
 * }</pre>
 */
public final class Predictor implements AutoCloseable {

    private static final int CHUNK_ROWS = 1 << 16;

    private final ModelFile file;
    private final Model model;
    private final Device device;
    private final Standardization standardization;

    private Predictor(ModelFile file, Model model, Device device) {
        this.file = file;
        this.model = model;
        this.device = device;
        this.standardization = file.standardization() == null ? null
                : new Standardization(file.standardization().mean(), file.standardization().std());
    }

    /** Rebuilds the model of {@code file} on the {@code cpu} device, with components from {@code registry}. */
    public static Predictor load(ModelFile file, PluginRegistry registry) {
        PluginDescriptor descriptor;
        try {
            descriptor = registry.require(PluginKind.MODEL, file.model().name(), null);
        } catch (PluginException e) {
            throw new ModelFileException("the model file needs the model plugin '" + file.model().name()
                    + "' (version " + file.model().version() + "), which is not available here: " + e.getMessage(), e);
        }
        Model model = (Model) PluginRegistry.instantiate(descriptor);
        Device device = (Device) PluginRegistry.instantiate(registry.require(PluginKind.DEVICE, "cpu", null));
        model.initialize(new ModelContext(device, file.features().size(), 1, new SplittableRandom(0)));
        List<Parameter> parameters = model.parameters();
        for (Parameter p : parameters) {
            ModelFile.ParameterValues saved = file.parameters().stream().filter(v -> v.name().equals(p.name()))
                    .findFirst().orElseThrow(() -> new ModelFileException("the model file has no parameter '" + p.name()
                            + "', which model '" + file.model().name() + "' needs"));
            if (!Shape.of(saved.shape()).equals(p.value().shape())) {
                throw new ModelFileException("parameter '" + p.name() + "' has shape " + Arrays.toString(saved.shape())
                        + " in the model file, but model '" + file.model().name() + "' has " + p.value().shape());
            }
            p.value().assign(saved.values());
        }
        return new Predictor(file, model, device);
    }

    /** The feature columns, in the order {@link #predict} expects them. */
    public List<String> features() {
        return file.features();
    }

    public String target() {
        return file.target();
    }

    public ModelFile file() {
        return file;
    }

    /** Predictions for {@code rows} raw (unscaled) feature rows; {@code features} is modified (scaled) in place. */
    public float[] predict(float[] features, int rows) {
        int d = features().size();
        if (features.length != rows * d) {
            throw new IllegalArgumentException(features.length + " values are not " + rows + " rows of " + d + " features");
        }
        if (standardization != null) {
            standardization.apply(features, rows);
        }
        float[] out = new float[rows];
        try (GradMode off = GradMode.disable()) {
            for (int from = 0; from < rows; from += CHUNK_ROWS) {
                int count = Math.min(CHUNK_ROWS, rows - from);
                try (TensorScope scope = TensorScope.open()) {
                    float[] chunk = Arrays.copyOfRange(features, from * d, (from + count) * d);
                    float[] yHat = model.forward(Tensor.of(device, chunk, Shape.of(count, d))).toFloatArray();
                    System.arraycopy(yHat, 0, out, from, count);
                }
            }
        }
        return out;
    }

    @Override
    public void close() {
        device.close();
    }
}
