package dev.descent.testkit;

import dev.descent.api.Device;

class ReferenceDeviceTest extends DeviceContract {

    @Override
    protected Device createDevice() {
        return new ReferenceDevice();
    }
}
