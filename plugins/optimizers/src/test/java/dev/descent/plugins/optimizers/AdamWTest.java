package dev.descent.plugins.optimizers;

import dev.descent.api.Optimizer;
import dev.descent.testkit.OptimizerContract;

/** The test kit's optimizer contract for {@code AdamW} with its defaults (PyTorch's). */
class AdamWTest extends OptimizerContract {

    @Override
    protected Optimizer createOptimizer() {
        return new AdamW();
    }

    /** AdamW's default weight decay (0.01) shrinks parameters even without a gradient. */
    @Override
    protected boolean decaysWeights() {
        return true;
    }

    /** The default rate is PyTorch's, small for the contract's quadratic: it needs more steps. */
    @Override
    protected int steps() {
        return 20000;
    }
}
