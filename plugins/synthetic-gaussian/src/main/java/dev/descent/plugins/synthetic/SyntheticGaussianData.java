package dev.descent.plugins.synthetic;

import com.google.auto.service.AutoService;
import dev.descent.api.DataContext;
import dev.descent.api.DataException;
import dev.descent.api.DataException;
import dev.descent.api.DataSource;
import dev.descent.api.Dataset;
import dev.descent.data.Memory;
import dev.descent.api.Option;
import dev.descent.api.Plugin;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * The book's {@code synthetic_data(w, b, num_examples)}: features drawn from N(0, 1), labels
 * {@code y = X w + b + ε} with {@code ε ~ N(0, noise²)}. It knows the true {@code w} and {@code b},
 * so a run can report how well training recovered them.
 *
 * <p>Draws come from the run's data stream: the true weights first when {@code random-weights} is
 * set, then row by row example {@code i}'s features and its noise. So the first {@code k} examples
 * do not change when {@code examples} grows.
 */
@AutoService(DataSource.class)
@Plugin(name = "synthetic-gaussian", description = "Generated data: X ~ N(0, 1), y = Xw + b + N(0, noise^2)")
public final class SyntheticGaussianData implements DataSource {

    @Option(name = "examples", description = "Number of examples to generate", min = 1)
    private int examples = 1000;

    @Option(name = "weights", description = "True weights w; their count is the number of features")
    private float[] weights = {2f, -3.4f};

    @Option(name = "random-weights", description = "If > 0, draw this many true weights from N(0, 1) instead of"
            + " using weights (wide problems, e.g. 512 features)", min = 0)
    private int randomWeights = 0;

    @Option(name = "bias", description = "True bias b")
    private float bias = 4.2f;

    @Option(name = "noise", description = "Standard deviation of the label noise", min = 0)
    private double noise = 0.01;

    @Override
    public Dataset load(DataContext context) {
        RandomGenerator random = context.random();
        int d = randomWeights > 0 ? randomWeights : weights.length;
        long size = (long) examples * d;
        if (size > Integer.MAX_VALUE) {
            throw new DataException("data.examples × the number of " + (randomWeights > 0 ? "data.random-weights"
                    : "data.weights") + " is " + size + " values, more than one array holds (" + Integer.MAX_VALUE
                    + "); generate fewer examples or features");
        }
        Memory.require(4 * (size + examples + d), String.format(java.util.Locale.ROOT,
                "the synthetic data's %,d examples × %,d features", examples, d));
        float[] w = weights;
        if (randomWeights > 0) {
            w = new float[randomWeights];
            for (int j = 0; j < w.length; j++) {
                w[j] = (float) random.nextGaussian();
            }
        }
        float[] x = new float[(int) size];
        float[] y = new float[examples];
        for (int i = 0; i < examples; i++) {
            double label = bias;
            for (int j = 0; j < d; j++) {
                float v = (float) random.nextGaussian();
                x[i * d + j] = v;
                label += (double) v * w[j];
            }
            y[i] = (float) (label + random.nextGaussian() * noise);
            if (!Float.isFinite(y[i])) {   // name the setting that made it, not the learning rate later
                double noiseTerm = Math.abs(y[i] - label);
                throw new DataException("example " + (i + 1) + "'s label is " + y[i] + ", beyond the range of a float"
                        + " (about ±3.4e38): " + (Math.abs(label) > 3.4e38 || !Double.isFinite(noiseTerm) && noise < 1e30
                        ? "data.weights and data.bias make X·w + b that large" : "data.noise = " + noise + " makes the"
                        + " label noise that large") + "; choose smaller values");
            }
        }
        List<String> names = new ArrayList<>(d);
        for (int j = 0; j < d; j++) {   // x0, x1, ...: named as indexed (--plot-feature 1 is x1, the book's features[:, 1])
            names.add("x" + j);
        }
        return new Dataset(x, y, names, "y", Map.of("w", w.clone(), "b", new float[] {bias}));
    }
}
