package com.example.descent.minimal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.descent.tensor.Device;
import dev.descent.testkit.DeviceContract;
import org.junit.jupiter.api.Test;

/** The test kit's device contract: a device of memory only passes it through the host fallbacks. */
class MinimalDeviceTest extends DeviceContract {

    @Override
    protected Device createDevice() {
        return new MinimalDevice();
    }

    @Test
    void runsNoKernelItself() {
        assertThat(device.nativeKernels()).isEmpty();
    }
}
