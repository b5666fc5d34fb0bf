package dev.descent.plugins.squaredloss;

import com.google.auto.service.AutoService;
import dev.descent.api.Loss;
import dev.descent.api.Plugin;
import dev.descent.tensor.Tensor;

/** The book's loss: {@code (y_hat − y)² / 2} per example, with {@code y} reshaped to {@code y_hat}'s shape. */
@AutoService(Loss.class)
@Plugin(name = "squared", description = "Half squared error (y_hat - y)^2 / 2, per example")
public final class SquaredLoss implements Loss {

    @Override
    public Tensor apply(Tensor yHat, Tensor y) {
        return yHat.sub(y.reshape(yHat.shape())).square().div(2);
    }
}
