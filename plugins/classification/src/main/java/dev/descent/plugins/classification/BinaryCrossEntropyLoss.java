package dev.descent.plugins.classification;

import com.google.auto.service.AutoService;
import dev.descent.api.DescentException;
import dev.descent.api.Loss;
import dev.descent.api.Plugin;
import dev.descent.api.Task;
import dev.descent.tensor.Tensor;

/**
 * Binary cross-entropy from one logit {@code z} per row and a label {@code y} of 0 or 1:
 * {@code −y log σ(z) − (1 − y) log(1 − σ(z))}, computed as {@code softplus(z) − y z}, which is finite
 * for any finite {@code z} (as {@code torch.nn.BCEWithLogitsLoss}); its gradient is {@code σ(z) − y}.
 */
@AutoService(Loss.class)
@Plugin(name = "binary-cross-entropy", description = "Binary cross-entropy from one logit per row, stable:"
        + " softplus(z) - y z")
public final class BinaryCrossEntropyLoss implements Loss {

    @Override
    public Tensor apply(Tensor yHat, Tensor y) {
        int n = yHat.shape().rank() == 0 ? 1 : yHat.shape().dim(0);
        if (yHat.size() != n) {
            throw new DescentException("loss = binary-cross-entropy needs one logit per row (model = logistic), but"
                    + " the model gives " + yHat.shape() + "; with one logit per class use loss = cross-entropy");
        }
        Tensor z = yHat.reshape(n, 1);
        return z.softplus().sub(z.mul(y.reshape(n, 1)));
    }

    @Override
    public Task task() {
        return Task.CLASSIFICATION;
    }
}
