package dev.descent.cli.testplugins;

import dev.descent.api.Loss;
import dev.descent.api.Plugin;
import dev.descent.tensor.Tensor;

/** A test plugin, packed into a jar at test time: its static initialiser fails, as a missing resource would. */
@Plugin(name = "broken-static", description = "Test loss whose class cannot be initialised")
public final class BrokenStaticLoss implements Loss {

    private static final int TABLE_SIZE = tableSize();

    private static int tableSize() {
        throw new IllegalStateException("lookup table broken-static.bin is missing from the jar");
    }

    @Override
    public Tensor apply(Tensor yHat, Tensor y) {
        return yHat.sub(y).mul(TABLE_SIZE);
    }
}
