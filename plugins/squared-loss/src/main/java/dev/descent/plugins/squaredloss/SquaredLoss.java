package dev.descent.plugins.squaredloss;

import com.google.auto.service.AutoService;
import dev.descent.api.Loss;
import dev.descent.api.Plugin;
import dev.descent.tensor.Tensor;

/**
 * The book's loss: {@code (y_hat − y)² / 2} per example, with {@code y} reshaped to {@code y_hat}'s
 * shape. With several targets (multi-output regression) an example's loss is the sum over its
 * outputs, {@code Σ_j (y_hat_j − y_j)² / 2}, as the squared norm of its error vector.
 */
@AutoService(Loss.class)
@Plugin(name = "squared", description = "Half squared error (y_hat - y)^2 / 2, per example")
public final class SquaredLoss implements Loss {

    @Override
    public Tensor apply(Tensor yHat, Tensor y) {
        Tensor half = Tensor.apply(HalfSquaredError.INSTANCE, yHat, y.reshape(yHat.shape()));
        if (yHat.shape().rank() == 2 && yHat.shape().dim(1) > 1) {
            return half.sum(1).reshape(yHat.shape().dim(0), 1);
        }
        return half;
    }
}
