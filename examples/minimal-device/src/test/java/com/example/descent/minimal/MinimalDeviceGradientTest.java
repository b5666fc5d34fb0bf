package com.example.descent.minimal;

import dev.descent.tensor.Device;
import dev.descent.testkit.TensorGradientContract;

/** Autograd on the minimal device: every operation's gradient, through the host kernels. */
class MinimalDeviceGradientTest extends TensorGradientContract {

    @Override
    protected Device createDevice() {
        return new MinimalDevice();
    }
}
