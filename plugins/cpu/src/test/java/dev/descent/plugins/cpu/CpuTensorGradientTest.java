package dev.descent.plugins.cpu;

import dev.descent.tensor.Device;
import dev.descent.testkit.TensorGradientContract;

class CpuTensorGradientTest extends TensorGradientContract {

    @Override
    protected Device createDevice() {
        return new CpuDevice();
    }
}
