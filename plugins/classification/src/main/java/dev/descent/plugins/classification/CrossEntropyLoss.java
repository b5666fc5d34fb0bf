package dev.descent.plugins.classification;

import com.google.auto.service.AutoService;
import dev.descent.api.DescentException;
import dev.descent.api.Loss;
import dev.descent.api.Option;
import dev.descent.api.Plugin;
import dev.descent.api.Task;
import dev.descent.tensor.Shape;
import dev.descent.tensor.Tensor;
import java.util.List;

/**
 * The book's cross-entropy (chapter 4.1) from logits: {@code −log softmax(o)_y}, computed as
 * {@code logsumexp(o) − o_y} so that logits of any finite size give a finite loss. With
 * {@code label-smoothing = ε} the target puts {@code 1 − ε} on the label and spreads {@code ε} evenly
 * over all classes, as {@code torch.nn.CrossEntropyLoss(label_smoothing=ε)} does:
 * {@code logsumexp(o) − (1 − ε) o_y − ε mean(o)}.
 *
 * <p>With {@code class-weights} each example's loss is weighted by its class's weight and the batch's
 * mean becomes the weighted mean, {@code Σ w_y l / Σ w_y}, as {@code CrossEntropyLoss(weight=w)}
 * computes it: the per-example loss is {@code w_y l · n / Σ w_y} over the batch, so the trainer's
 * mean of the batch is torch's. {@code balanced} weighs class {@code c} by {@code n / (k n_c)}, from the
 * training rows' class counts (scikit-learn's {@code class_weight='balanced'}), and is resolved to
 * those numbers before training, so a saved model's config holds them.
 */
@AutoService(Loss.class)
@Plugin(name = "cross-entropy", description = "Softmax cross-entropy from logits, -log softmax(o)_y, stable"
        + " (log-sum-exp); optional label smoothing")
public final class CrossEntropyLoss implements Loss {

    @Option(name = "label-smoothing", description = "Share of the target spread evenly over all classes (0: none)",
            min = 0, max = 0.999)
    private double labelSmoothing = 0;

    @Option(name = "class-weights", description = "Weights of the classes, as torch.nn.CrossEntropyLoss(weight=…):"
            + " balanced (n / (classes × rows of the class), from the training rows; saved as the numbers it gives),"
            + " or one weight per class in the model's class order; every example weighs the same if not set")
    private String[] classWeights = new String[0];

    /** {@code class-weights} as numbers, one per class; null when every example weighs the same. */
    private volatile float[] weights;

    @Override
    public Tensor apply(Tensor yHat, Tensor y) {
        if (yHat.shape().rank() != 2 || yHat.shape().dim(1) < 2) {
            throw new DescentException("loss = cross-entropy needs one logit per class (a model such as softmax), but"
                    + " the model gives " + yHat.shape() + "; with model = logistic use loss = binary-cross-entropy");
        }
        int n = yHat.shape().dim(0);
        Tensor loss = yHat.logSumExp(1).sub(yHat.pick(y).mul(1 - labelSmoothing));
        if (labelSmoothing > 0) {
            loss = loss.sub(yHat.mean(1).mul(labelSmoothing));
        }
        loss = loss.reshape(n, 1);
        float[] w = weights(yHat.shape().dim(1));
        if (w == null) {
            return loss;
        }
        // w_y per example: the one-hot labels times the weights' column
        Tensor perExample = Tensor.oneHot(y, w.length).matmul(Tensor.of(yHat.device(), w, Shape.of(w.length, 1)));
        return loss.mul(perExample).mul(n).div(perExample.sum());
    }

    @Override
    public void fit(List<String> classes, long[] classCounts) {
        if (classWeights.length == 1 && classWeights[0].equalsIgnoreCase("balanced")) {
            if (classCounts.length == 0) {
                throw new DescentException("loss.class-weights = balanced needs the training rows' class counts, which"
                        + " this run's engine does not gather; give one weight per class instead ("
                        + String.join(", ", classes) + ")");
            }
            long n = 0;
            for (long count : classCounts) {
                n += count;
            }
            String[] resolved = new String[classCounts.length];
            for (int c = 0; c < classCounts.length; c++) {
                if (classCounts[c] == 0) {
                    throw new DescentException("loss.class-weights = balanced, but the training rows hold no example"
                            + " of the class '" + classes.get(c) + "', whose weight would be infinite; give the weights"
                            + " explicitly, or train on rows of every class");
                }
                resolved[c] = Float.toString((float) ((double) n / (classCounts.length * (double) classCounts[c])));
            }
            classWeights = resolved;   // the saved config says what balanced came to
            weights = null;
        }
        if (classWeights.length > 0 && classWeights.length != classes.size()) {
            throw new DescentException("loss.class-weights gives " + classWeights.length + " weight(s), but the data"
                    + " has " + classes.size() + " classes (" + String.join(", ", classes) + "); give one weight per"
                    + " class in that order, or balanced");
        }
    }

    /** The weights as numbers, checked once; null when none are set. */
    private float[] weights(int classes) {
        float[] w = weights;
        if (w == null && classWeights.length > 0) {
            if (classWeights.length == 1 && classWeights[0].equalsIgnoreCase("balanced")) {
                throw new DescentException("loss.class-weights = balanced is resolved from the training rows before"
                        + " training; a loss used on its own needs the weights as numbers");
            }
            w = new float[classWeights.length];
            for (int c = 0; c < w.length; c++) {
                try {
                    w[c] = Float.parseFloat(classWeights[c].strip());
                } catch (NumberFormatException e) {
                    w[c] = Float.NaN;
                }
                if (!(w[c] >= 0) || Float.isInfinite(w[c])) {
                    throw new DescentException("loss.class-weights = " + String.join(", ", classWeights) + ": '"
                            + classWeights[c] + "' is not a weight; give balanced, or one number ≥ 0 per class");
                }
            }
            boolean any = false;
            for (float weight : w) {
                any |= weight > 0;
            }
            if (!any) {
                throw new DescentException("loss.class-weights = " + String.join(", ", classWeights) + " weighs every"
                        + " class 0, so nothing would be learned; give at least one class a positive weight");
            }
            weights = w;
        }
        if (w != null && w.length != classes) {
            throw new DescentException("loss.class-weights gives " + w.length + " weight(s), but the model gives "
                    + classes + " logits per row; give one weight per class");
        }
        return w;
    }

    @Override
    public Task task() {
        return Task.CLASSIFICATION;
    }
}
