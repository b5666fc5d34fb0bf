package dev.descent.plugins.layers;

import java.util.random.RandomGenerator;

/**
 * How a dense layer's weights start, by the names users choose them with ({@code init = he-normal}).
 * {@code fanIn} is the layer's input width, {@code fanOut} its output width. Biases start at zero,
 * except with {@link #TORCH}, which draws them as PyTorch's {@code nn.Linear} does.
 */
public enum Initializer {
    /** PyTorch's {@code nn.Linear} default: weights and bias from U(−1/√fanIn, 1/√fanIn). */
    TORCH,
    /** N(0, std²), the book's {@code torch.randn(...) * 0.01} with {@code init-std = 0.01}. */
    NORMAL,
    /** U(−√3·std, √3·std): uniform with the standard deviation {@code init-std}. */
    UNIFORM,
    /** Glorot: N(0, 2 / (fanIn + fanOut)). */
    XAVIER_NORMAL,
    /** Glorot: U(−a, a), a = √(6 / (fanIn + fanOut)). */
    XAVIER_UNIFORM,
    /** Kaiming, for ReLU: N(0, 2 / fanIn). */
    HE_NORMAL,
    /** Kaiming, for ReLU: U(−a, a), a = √(6 / fanIn). */
    HE_UNIFORM,
    /** All zeros. */
    ZEROS;

    /** {@code count} weights for a layer of {@code fanIn} inputs and {@code fanOut} outputs. */
    float[] weights(int count, int fanIn, int fanOut, double std, RandomGenerator random) {
        float[] w = new float[count];
        switch (this) {
            case TORCH -> uniform(w, 1 / Math.sqrt(fanIn), random);
            case NORMAL -> normal(w, std, random);
            case UNIFORM -> uniform(w, Math.sqrt(3) * std, random);
            case XAVIER_NORMAL -> normal(w, Math.sqrt(2.0 / (fanIn + fanOut)), random);
            case XAVIER_UNIFORM -> uniform(w, Math.sqrt(6.0 / (fanIn + fanOut)), random);
            case HE_NORMAL -> normal(w, Math.sqrt(2.0 / fanIn), random);
            case HE_UNIFORM -> uniform(w, Math.sqrt(6.0 / fanIn), random);
            case ZEROS -> { }
        }
        return w;
    }

    /** {@code count} biases: zeros, or U(−1/√fanIn, 1/√fanIn) for {@link #TORCH}. */
    float[] biases(int count, int fanIn, RandomGenerator random) {
        float[] b = new float[count];
        if (this == TORCH) {
            uniform(b, 1 / Math.sqrt(fanIn), random);
        }
        return b;
    }

    private static void normal(float[] values, double std, RandomGenerator random) {
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) (random.nextGaussian() * std);
        }
    }

    private static void uniform(float[] values, double bound, RandomGenerator random) {
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) ((random.nextDouble() * 2 - 1) * bound);
        }
    }
}
