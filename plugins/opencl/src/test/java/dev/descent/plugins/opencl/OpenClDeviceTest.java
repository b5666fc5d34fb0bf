package dev.descent.plugins.opencl;

import dev.descent.tensor.Device;
import dev.descent.testkit.DeviceContract;

/** Every kernel on the OpenCL device against the double-precision reference. */
class OpenClDeviceTest extends DeviceContract {

    @Override
    protected Device createDevice() {
        OpenClAvailability.assumeOpenCl();
        return new OpenClDevice();
    }
}
