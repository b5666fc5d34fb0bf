package dev.descent.testkit;

import dev.descent.tensor.Device;

class ReferenceDeviceTest extends DeviceContract {

    @Override
    protected Device createDevice() {
        return new ReferenceDevice();
    }
}
