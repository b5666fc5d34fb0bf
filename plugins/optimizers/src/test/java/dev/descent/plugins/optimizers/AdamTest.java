package dev.descent.plugins.optimizers;

import dev.descent.api.Optimizer;
import dev.descent.testkit.OptimizerContract;

/** The test kit's optimizer contract for {@code Adam} with its defaults (PyTorch's). */
class AdamTest extends OptimizerContract {

    @Override
    protected Optimizer createOptimizer() {
        return new Adam();
    }

    /** The default rate is PyTorch's, small for the contract's quadratic: it needs more steps. */
    @Override
    protected int steps() {
        return 20000;
    }
}
