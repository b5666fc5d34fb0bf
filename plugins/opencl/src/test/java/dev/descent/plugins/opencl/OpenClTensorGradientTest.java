package dev.descent.plugins.opencl;

import dev.descent.tensor.Device;
import dev.descent.testkit.TensorGradientContract;

/** Every tensor operation's gradient, computed with the OpenCL kernels. */
class OpenClTensorGradientTest extends TensorGradientContract {

    @Override
    protected Device createDevice() {
        OpenClAvailability.assumeOpenCl();
        return new OpenClDevice();
    }
}
