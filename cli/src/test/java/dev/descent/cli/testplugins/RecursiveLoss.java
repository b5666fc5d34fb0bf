package dev.descent.cli.testplugins;

import dev.descent.api.Loss;
import dev.descent.api.Plugin;
import dev.descent.tensor.Tensor;

/** A test plugin, packed into a jar at test time: its loss calls itself without end. */
@Plugin(name = "recursive", description = "Test loss that overflows the stack")
public final class RecursiveLoss implements Loss {

    @Override
    public Tensor apply(Tensor yHat, Tensor y) {
        return apply(yHat, y);
    }
}
