package dev.descent.plugins.sgd;

import com.google.auto.service.AutoService;
import dev.descent.api.Optimizer;
import dev.descent.api.Option;
import dev.descent.api.Parameter;
import dev.descent.api.Plugin;
import java.util.List;

/**
 * The book's optimizer: {@code θ ← θ − lr · ∇θ / batch_size}, where the gradient is of the batch's
 * summed loss and {@code batch_size} is this batch's real size (the last one may be short).
 */
@AutoService(Optimizer.class)
@Plugin(name = "sgd", description = "Minibatch stochastic gradient descent: theta -= lr * grad / batch_size")
public final class MinibatchSgd implements Optimizer {

    @Option(name = "lr", description = "Learning rate: the step size along the negative gradient", min = 0,
            minExclusive = true)
    private double lr = 0.03;

    @Override
    public void step(List<Parameter> parameters, int batchSize) {
        double scale = -lr / batchSize;
        for (Parameter p : parameters) {
            p.value().addScaledInPlace(scale, p.grad());
        }
    }
}
