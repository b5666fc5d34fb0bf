package dev.descent.plugins.cpu;

import dev.descent.tensor.Device;
import dev.descent.testkit.DeviceContract;

class CpuDeviceTest extends DeviceContract {

    @Override
    protected Device createDevice() {
        return new CpuDevice();
    }
}
