package dev.descent.plugins.squaredloss;

import dev.descent.plugins.cpu.CpuDevice;
import dev.descent.tensor.Device;
import dev.descent.testkit.TensorGradientContract;

/** Every function on the class path, the squared loss's {@code half-squared-error} among them, against finite differences. */
class SquaredLossGradientTest extends TensorGradientContract {

    @Override
    protected Device createDevice() {
        return new CpuDevice();
    }
}
