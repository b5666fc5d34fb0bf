package dev.descent.train;

import dev.descent.api.Loss;
import dev.descent.api.Model;
import dev.descent.eval.ClassPredictions;
import dev.descent.tensor.GradMode;
import dev.descent.tensor.Tensor;
import dev.descent.tensor.TensorScope;
import java.util.OptionalDouble;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An epoch's figures over a whole data set, without tracking gradients: the mean per-example loss
 * and, for classification, the accuracy (the share of rows whose largest logit is their class).
 */
final class Evaluation {

    private static final Logger LOG = LoggerFactory.getLogger(Evaluation.class);

    /**
     * Rows per forward pass. Up to this many rows the figures are computed on the uploaded data
     * directly; beyond it in chunks, which bounds the temporaries (a few floats per row) but copies
     * the rows.
     */
    static final int ROWS = 1 << 21;

    private final Model model;
    private final Loss loss;
    private final boolean classify;

    Evaluation(Model model, Loss loss, boolean classify) {
        this.model = model;
        this.loss = loss;
        this.classify = classify;
    }

    EpochFigures figures(Tensor x, Tensor y) {
        long start = System.nanoTime();
        EpochFigures figures = compute(x, y);
        if (LOG.isDebugEnabled()) {
            LOG.debug("loss over {} rows in {} ms", x.shape().dim(0), (System.nanoTime() - start) / 1_000_000);
        }
        return figures;
    }

    private EpochFigures compute(Tensor x, Tensor y) {
        int n = x.shape().dim(0);
        try (GradMode off = GradMode.disable()) {
            if (n <= ROWS) {
                try (TensorScope scope = TensorScope.open()) {
                    Tensor yHat = model.forward(x);
                    // float / int, as evaluate computes it and as every release has reported it
                    float mean = LossTerms.perExample(loss, yHat, y, n).sum().item() / n;
                    return figures(mean, classify ? ClassPredictions.correct(yHat, y) : 0, n);
                }
            }
            int[] rows = new int[n];
            for (int i = 0; i < n; i++) {
                rows[i] = i;
            }
            double sum = 0;
            long correct = 0;
            for (int from = 0; from < n; from += ROWS) {
                int count = Math.min(ROWS, n - from);
                try (TensorScope scope = TensorScope.open()) {
                    Tensor yHat = model.forward(x.gatherRows(rows, from, count));
                    Tensor yb = y.gatherRows(rows, from, count);
                    sum += LossTerms.perExample(loss, yHat, yb, count).sum().item();
                    correct += classify ? ClassPredictions.correct(yHat, yb) : 0;
                }
            }
            return figures(sum / n, correct, n);
        }
    }

    private EpochFigures figures(double meanLoss, long correct, int n) {
        return new EpochFigures(meanLoss, classify ? OptionalDouble.of((double) correct / n) : OptionalDouble.empty());
    }
}
