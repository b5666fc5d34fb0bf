package dev.descent.testkit;

import dev.descent.tensor.Device;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** A fresh device for every test, closed afterwards: the base of the contracts that test a device. */
public abstract class OnDevice {

    protected Device device;

    /**
     * A new, open device of the kind under test. It may skip the test (a JUnit assumption) when
     * this machine lacks the hardware; the test is then reported as skipped, never as passed.
     */
    protected abstract Device createDevice();

    @BeforeEach
    void openDevice() {
        device = createDevice();
    }

    @AfterEach
    void closeDevice() {
        if (device != null) {   // null when createDevice() skipped the test
            device.close();
        }
    }
}
