package dev.descent.plugins.cpu;

import static org.assertj.core.api.Assertions.assertThat;

import dev.descent.tensor.Device;
import dev.descent.testkit.DeviceContract;
import org.junit.jupiter.api.Test;

/**
 * The cpu device with every product of two columns or more in the system's BLAS ({@code blas =
 * native}, no size or width threshold): the same contract as the Java products. {@code .ci/run} installs
 * OpenBLAS (libopenblas0-pthread); without any libblas.so.3 this test fails, saying so.
 */
class CpuNativeBlasTest extends DeviceContract {

    @Override
    protected Device createDevice() {
        CpuDevice cpu = new CpuDevice();
        cpu.setBlas(NativeBlas.Choice.NATIVE);
        cpu.blasMin = 0;
        cpu.blasMinColumns = 2;
        return cpu;
    }

    @Test
    void theProductsRunInANativeBlas() {
        assertThat(device.notes()).singleElement().asString().as("install libopenblas0-pthread (or any libblas.so.3)")
                .startsWith("matrix products: ").doesNotStartWith("matrix products: Java");
        assertThat(device.description()).as("after notes() chose").contains("products of 0 multiply-adds or more in ");
    }
}
