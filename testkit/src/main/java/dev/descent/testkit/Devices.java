package dev.descent.testkit;

import dev.descent.api.Plugin;
import dev.descent.tensor.Device;
import dev.descent.tensor.Shape;
import java.util.ServiceLoader;

/** The devices a contract can also run on, found on the test's class path. */
final class Devices {

    private Devices() {
    }

    /** A new {@code cpu} device (float32 kernels), or {@code null} when its plugin is not on the class path. */
    static Device cpu() {
        for (ServiceLoader.Provider<Device> provider : ServiceLoader.load(Device.class,
                Thread.currentThread().getContextClassLoader()).stream().toList()) {
            Plugin plugin = provider.type().getAnnotation(Plugin.class);
            if (plugin != null && plugin.name().equals("cpu")) {
                return provider.get();
            }
        }
        return null;
    }

    /**
     * Checks {@code loss} gives the same losses and gradients (within 1e-5 relative) on the float32
     * {@code cpu} device as on {@code reference}, for predictions {@code yHat} against labels {@code y};
     * skipped (an assumption) when no cpu device is on the class path.
     */
    static void assertLossAgreesOnCpu(Device reference, java.util.function.Supplier<dev.descent.api.Loss> loss,
                                      float[] yHat, Shape yHatShape, float[] y, Shape yShape) {
        Device cpu = cpu();
        org.junit.jupiter.api.Assumptions.assumeTrue(cpu != null, "no 'cpu' device on this test's class path"
                + " (add dev.descent:descent-cpu as a test dependency to run the contract on float32 kernels too)");
        try {
            float[][] results = new float[2][];
            float[][] gradients = new float[2][];
            Device[] both = {reference, cpu};
            for (int d = 0; d < 2; d++) {
                dev.descent.tensor.Tensor p = dev.descent.tensor.Tensor.parameter(both[d], yHat.clone(), yHatShape);
                dev.descent.tensor.Tensor l = loss.get().apply(p, dev.descent.tensor.Tensor.of(both[d], y.clone(), yShape));
                results[d] = l.toFloatArray();
                l.sum().backward();
                gradients[d] = p.grad().toFloatArray();
            }
            for (int i = 0; i < results[0].length; i++) {
                org.assertj.core.api.Assertions.assertThat((double) results[1][i]).as("loss %d on cpu", i).isCloseTo(
                        results[0][i], org.assertj.core.data.Offset.offset(1e-5 + 1e-5 * Math.abs(results[0][i])));
            }
            for (int i = 0; i < gradients[0].length; i++) {
                org.assertj.core.api.Assertions.assertThat((double) gradients[1][i]).as("gradient %d on cpu", i)
                        .isCloseTo(gradients[0][i], org.assertj.core.data.Offset.offset(1e-5 + 1e-5 * Math.abs(gradients[0][i])));
            }
        } finally {
            cpu.close();
        }
    }
}
