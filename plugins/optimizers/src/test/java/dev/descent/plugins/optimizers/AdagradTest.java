package dev.descent.plugins.optimizers;

import dev.descent.api.Optimizer;
import dev.descent.testkit.OptimizerContract;
import java.lang.reflect.Field;

/**
 * The test kit's optimizer contract for {@code adagrad} at lr 0.5: with PyTorch's default 0.01 its
 * steps shrink like lr / √t, and the contract's quadratic would take far more than 10^5 steps.
 */
class AdagradTest extends OptimizerContract {

    @Override
    protected Optimizer createOptimizer() {
        Adagrad adagrad = new Adagrad();
        try {
            Field lr = Adagrad.class.getDeclaredField("lr");
            lr.setAccessible(true);
            lr.set(adagrad, 0.5);   // as the registry sets optimizer.lr = 0.5
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
        return adagrad;
    }

    @Override
    protected int steps() {
        return 5000;
    }
}
