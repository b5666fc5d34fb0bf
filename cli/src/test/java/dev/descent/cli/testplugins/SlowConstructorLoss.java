package dev.descent.cli.testplugins;

import dev.descent.api.Loss;
import dev.descent.api.Option;
import dev.descent.api.Plugin;
import dev.descent.tensor.Tensor;

/** A test plugin, packed into a jar at test time: its constructor never returns. */
@Plugin(name = "slow-constructor", description = "Test loss whose constructor hangs")
public final class SlowConstructorLoss implements Loss {

    @Option(name = "delta", description = "A number with a default")
    private double delta = 1.5;

    public SlowConstructorLoss() {
        try {
            Thread.sleep(Long.MAX_VALUE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public Tensor apply(Tensor yHat, Tensor y) {
        return yHat.sub(y).square();
    }
}
