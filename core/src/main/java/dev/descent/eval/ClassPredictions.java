package dev.descent.eval;

import dev.descent.tensor.Tensor;

/**
 * From a classifier's logits to classes and probabilities, on the host in double precision. A
 * classifier gives one logit per class (the class is the largest, the probabilities its softmax),
 * or, for two classes, one logit: the second class's against the first (class 1 when it is above 0,
 * the probabilities {@code 1 − σ(z)} and {@code σ(z)}).
 */
public final class ClassPredictions {

    private ClassPredictions() {
    }

    /** Each row's class: the index of its largest logit (the first of equal ones), or {@code z > 0} for one logit. */
    public static int[] classes(float[] logits, int rows, int width) {
        int[] predicted = new int[rows];
        for (int i = 0; i < rows; i++) {
            predicted[i] = classOf(logits, i * width, width);
        }
        return predicted;
    }

    private static int classOf(float[] logits, int offset, int width) {
        if (width == 1) {
            return logits[offset] > 0 ? 1 : 0;
        }
        int best = 0;
        for (int c = 1; c < width; c++) {
            if (logits[offset + c] > logits[offset + best]) {
                best = c;
            }
        }
        return best;
    }

    /**
     * Each row's class probabilities, {@code rows × classes} row-major, each row summing to 1: the
     * softmax of its logits (shifted by their maximum, so no logit overflows), or for one logit
     * {@code 1 − σ(z), σ(z)}.
     */
    public static double[] probabilities(float[] logits, int rows, int width) {
        int classes = width == 1 ? 2 : width;
        double[] p = new double[rows * classes];
        for (int i = 0; i < rows; i++) {
            int in = i * width;
            int out = i * classes;
            if (width == 1) {
                double positive = sigmoid(logits[in]);
                p[out] = 1 - positive;
                p[out + 1] = positive;
                continue;
            }
            for (int c = 0; c < width; c++) {
                p[out + c] = logits[in + c];
            }
            softmaxInPlace(p, out, width);
        }
        return p;
    }

    /** σ(z), without overflow for any finite z: inference's one sigmoid, the tensor op's own reference. */
    public static double sigmoid(double z) {
        return dev.descent.tensor.UnaryOp.SIGMOID.apply(z);
    }

    /**
     * Replaces {@code values[from .. from + width)} (logits) by their softmax, shifted by their maximum
     * so that no exponential overflows; they then sum to 1. Inference's one softmax.
     */
    public static void softmaxInPlace(double[] values, int from, int width) {
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < width; c++) {
            max = Math.max(max, values[from + c]);
        }
        double sum = 0;
        for (int c = 0; c < width; c++) {
            values[from + c] = Math.exp(values[from + c] - max);
            sum += values[from + c];
        }
        for (int c = 0; c < width; c++) {
            values[from + c] /= sum;
        }
    }

    /** How many rows of {@code logits} ({@code n × width}) predict their label in {@code labels} (class indices). */
    public static long correct(Tensor logits, Tensor labels) {
        int rows = logits.shape().rank() == 0 ? 1 : logits.shape().dim(0);
        int width = rows == 0 ? 1 : logits.size() / rows;
        float[] z = logits.toFloatArray();
        float[] y = labels.toFloatArray();
        long correct = 0;
        for (int i = 0; i < rows; i++) {
            if (classOf(z, i * width, width) == (int) y[i]) {
                correct++;
            }
        }
        return correct;
    }
}
