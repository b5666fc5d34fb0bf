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
}
