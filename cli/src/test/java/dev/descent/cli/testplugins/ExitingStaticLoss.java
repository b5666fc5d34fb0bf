package dev.descent.cli.testplugins;

import dev.descent.api.Loss;
import dev.descent.api.Plugin;
import dev.descent.tensor.Tensor;

/** A test plugin, packed into a jar at test time: its static initialiser ends the program with exit code 0. */
@Plugin(name = "exits-static", description = "Test loss whose static initialiser calls System.exit(0)")
public final class ExitingStaticLoss implements Loss {

    static {
        System.exit(0);
    }

    @Override
    public Tensor apply(Tensor yHat, Tensor y) {
        return yHat.sub(y);
    }
}
