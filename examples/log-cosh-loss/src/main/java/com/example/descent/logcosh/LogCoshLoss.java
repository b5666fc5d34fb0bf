package com.example.descent.logcosh;

import com.google.auto.service.AutoService;
import dev.descent.api.Loss;
import dev.descent.api.Plugin;
import dev.descent.tensor.Tensor;

/**
 * The log-cosh loss, {@code log(cosh(ŷ − y))} per example: about {@code (ŷ − y)²/2} for small errors,
 * about {@code |ŷ − y| − log 2} for large ones, so outliers pull less than with the squared loss, with
 * a gradient that is smooth everywhere (unlike Huber's second derivative).
 */
@AutoService(Loss.class)
@Plugin(name = "log-cosh", description = "Example: log(cosh(y_hat - y)) per example, a fused function with its own gradient")
public final class LogCoshLoss implements Loss {

    private static final LogCosh LOG_COSH = new LogCosh();

    @Override
    public Tensor apply(Tensor yHat, Tensor y) {
        return Tensor.apply(LOG_COSH, yHat.sub(y.reshape(yHat.shape())));
    }
}
