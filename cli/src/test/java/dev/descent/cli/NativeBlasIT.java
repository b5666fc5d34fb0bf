package dev.descent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cpu device's native BLAS as users meet it: named by {@code descent devices --verbose}, used
 * for an MLP's products, and never a failure when the library is missing.
 */
class NativeBlasIT {

    @TempDir
    Path dir;

    private static final String[] MLP = {"train", "--set", "data=synthetic-classes", "--set", "data.examples=600",
        "--set", "data.features=300", "--set", "model=mlp", "--set", "mlp.hidden=256", "--set", "loss=cross-entropy",
        "--set", "train.batch-size=200", "--set", "train.epochs=2", "--set", "optimizer.lr=0.05"};

    private static String[] with(String... more) {
        String[] all = new String[MLP.length + more.length];
        System.arraycopy(MLP, 0, all, 0, MLP.length);
        System.arraycopy(more, 0, all, MLP.length, more.length);
        return all;
    }

    @Test
    void devicesVerboseNamesTheBlasThatRunsTheProducts() {
        DescentProcess.Result devices = DescentProcess.run(dir, "devices", "--verbose");

        assertThat(devices.exitCode()).as(devices.stderr()).isZero();
        // .ci/run installs OpenBLAS, which auto chooses.
        assertThat(devices.stdout()).contains("  matrix products: OpenBLAS (")
                .contains("cpu.blas = auto: large products in OpenBLAS");
    }

    @Test
    void aMissingLibraryLeavesTheProductsInJavaWithOneWarningAndTheRunTrains() {
        DescentProcess.Result java = DescentProcess.run(dir, with("--set", "cpu.blas=java"));
        DescentProcess.Result hidden = DescentProcess.run(dir, Map.of(),
                List.of("-Ddev.ludovic.netlib.blas.nativeLibPath=" + dir.resolve("nowhere/libblas.so.3")),
                with("--set", "cpu.blas=native"));

        assertThat(hidden.exitCode()).as(hidden.stderr()).isZero();
        assertThat(hidden.stderrLines()).filteredOn(l -> l.startsWith("WARN")).singleElement().asString()
                .contains("cpu.blas = native, but dev.ludovic.netlib.blas.nativeLibPath names ")
                .endsWith("which is not a file; products in Java");
        assertThat(hidden.epochLosses()).as("the Java products, bit for bit").isEqualTo(java.epochLosses());
    }

    @Test
    void theNativeProductsTrainTheMlpToTheJavaProductsFiguresWithinRounding() {
        DescentProcess.Result java = DescentProcess.run(dir, with("--set", "cpu.blas=java"));
        DescentProcess.Result openblas = DescentProcess.run(dir, with("--set", "cpu.blas=auto"));
        DescentProcess.Result again = DescentProcess.run(dir, with("--set", "cpu.blas=auto"));

        assertThat(openblas.exitCode()).as(openblas.stderr()).isZero();
        assertThat(openblas.stderr()).doesNotContain("WARN").doesNotContain("netlib");
        assertThat(again.epochLosses()).as("same machine, library and threads: same bits")
                .isEqualTo(openblas.epochLosses());
        List<Double> a = java.epochLosses();
        List<Double> b = openblas.epochLosses();
        for (int e = 0; e < a.size(); e++) {
            assertThat(b.get(e)).isCloseTo(a.get(e), org.assertj.core.data.Offset.offset(1e-4 * a.get(e)));
        }
    }

    @Test
    void onJdk22AndLaterOpenBlasThreadsAreChosenPerProductAndRunsRepeatBitForBit() {
        Path jdk = DescentProcess.jdk(22);
        org.junit.jupiter.api.Assumptions.assumeTrue(jdk != null, "no JDK 22 or later under /usr/lib/jvm");
        DescentProcess.Result devices = DescentProcess.runOn(jdk, dir, Map.of(), List.of(), "devices", "--verbose");
        assertThat(devices.exitCode()).as(devices.stderr()).isZero();
        assertThat(devices.stdout()).contains("its threads: 1 for products of up to 16 columns or under 4,194,304"
                + " multiply-adds, ").contains(" for larger ones; set per product through the FFM API");
        assertThat(devices.stderr()).doesNotContain("WARNING");

        // The MLP's products: 200 × 300 × 256 (15 M, on OpenBLAS's count) and 200 × 256 × 3 (narrow, one thread).
        DescentProcess.Result java = DescentProcess.run(dir, with("--set", "cpu.blas=java"));
        DescentProcess.Result first = DescentProcess.runOn(jdk, dir, Map.of(), List.of(), with());
        DescentProcess.Result again = DescentProcess.runOn(jdk, dir, Map.of(), List.of(), with());
        assertThat(first.exitCode()).as(first.stderr()).isZero();
        assertThat(first.stderr()).doesNotContain("WARN");
        assertThat(again.stdout()).as("same machine, library and threads: same bits").isEqualTo(first.stdout());
        for (int e = 0; e < java.epochLosses().size(); e++) {
            assertThat(first.epochLosses().get(e)).isCloseTo(java.epochLosses().get(e),
                    org.assertj.core.data.Offset.offset(1e-4 * java.epochLosses().get(e)));
        }
    }

    @Test
    void onJdk17TheThreadsAreOpenBlasOwnAndTheDevicesListingSaysWhatWouldChooseThem() {
        org.junit.jupiter.api.Assumptions.assumeTrue(Runtime.version().feature() < 22, "the tests run on JDK 22+");
        DescentProcess.Result devices = DescentProcess.run(dir, "devices", "--verbose");

        assertThat(devices.stdout()).contains("its threads: OpenBLAS's own count for every product (choosing it per"
                + " product needs JDK 22 or later, which bin/descent prefers when installed; this is JDK "
                + Runtime.version().feature() + ")");
    }
}
