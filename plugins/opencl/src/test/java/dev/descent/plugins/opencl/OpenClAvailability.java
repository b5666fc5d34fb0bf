package dev.descent.plugins.opencl;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Skips (never passes) a test when this machine has no usable OpenCL device, and says why. */
final class OpenClAvailability {

    private OpenClAvailability() {
    }

    private static boolean reported;

    static void assumeOpenCl() {
        OpenClRuntime.Probe probe = OpenClRuntime.probe();
        if (!probe.usable() && !reported) {
            reported = true;
            System.err.println("SKIPPING the OpenCL tests: " + probe.problem());
        }
        assumeTrue(probe.usable(), () -> "no usable OpenCL device: " + probe.problem());
    }
}
