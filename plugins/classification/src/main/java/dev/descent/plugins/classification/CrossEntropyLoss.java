package dev.descent.plugins.classification;

import com.google.auto.service.AutoService;
import dev.descent.api.DescentException;
import dev.descent.api.Loss;
import dev.descent.api.Option;
import dev.descent.api.Plugin;
import dev.descent.api.Task;
import dev.descent.tensor.Tensor;

/**
 * The book's cross-entropy (chapter 4.1) from logits: {@code −log softmax(o)_y}, computed as
 * {@code logsumexp(o) − o_y} so that logits of any finite size give a finite loss. With
 * {@code label-smoothing = ε} the target puts {@code 1 − ε} on the label and spreads {@code ε} evenly
 * over all classes, as {@code torch.nn.CrossEntropyLoss(label_smoothing=ε)} does:
 * {@code logsumexp(o) − (1 − ε) o_y − ε mean(o)}.
 */
@AutoService(Loss.class)
@Plugin(name = "cross-entropy", description = "Softmax cross-entropy from logits, -log softmax(o)_y, stable"
        + " (log-sum-exp); optional label smoothing")
public final class CrossEntropyLoss implements Loss {

    @Option(name = "label-smoothing", description = "Share of the target spread evenly over all classes (0: none)",
            min = 0, max = 0.999)
    private double labelSmoothing = 0;

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
        return loss.reshape(n, 1);
    }

    @Override
    public Task task() {
        return Task.CLASSIFICATION;
    }
}
