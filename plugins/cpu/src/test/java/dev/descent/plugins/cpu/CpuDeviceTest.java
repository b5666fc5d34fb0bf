package dev.descent.plugins.cpu;

import dev.descent.tensor.Device;
import dev.descent.testkit.DeviceContract;

/** The cpu device's Java products ({@code blas = java}); {@code CpuNativeBlasTest} runs the contract on the native ones. */
class CpuDeviceTest extends DeviceContract {

    @Override
    protected Device createDevice() {
        CpuDevice cpu = new CpuDevice();
        cpu.setBlas(NativeBlas.Choice.JAVA);
        return cpu;
    }
}
