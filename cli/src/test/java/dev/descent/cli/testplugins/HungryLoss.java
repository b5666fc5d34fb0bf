package dev.descent.cli.testplugins;

import dev.descent.api.Loss;
import dev.descent.api.Plugin;
import dev.descent.tensor.Tensor;

/** A test plugin, packed into a jar at test time: its first step asks for 2 GB, more than the test's heap. */
@Plugin(name = "hungry", description = "Test loss that runs out of memory")
public final class HungryLoss implements Loss {

    static float[] table;

    @Override
    public Tensor apply(Tensor yHat, Tensor y) {
        table = new float[500_000_000];
        return yHat.sub(y).square();
    }
}
