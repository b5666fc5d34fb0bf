package dev.descent.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The opencl device through the real CLI: on POCL when it is installed, and without any platform. */
class OpenClCliIT {

    private static final Pattern ERROR_LINE = Pattern.compile("([wb]) error: \\[(.*)]");

    @TempDir
    Path dir;

    private DescentProcess.Result descent(String... args) {
        return DescentProcess.run(dir, args);
    }

    /** An environment in which the OpenCL loader finds no platform at all. */
    private Map<String, String> noOpenClPlatform() throws IOException {
        return Map.of("OCL_ICD_VENDORS", Files.createDirectories(dir.resolve("no-vendors")).toString());
    }

    private DescentProcess.Result openClPresent() {
        DescentProcess.Result devices = descent("devices");
        assertThat(devices.exitCode()).as(devices.stderr()).isZero();
        boolean present = !devices.stdout().contains("none usable:");
        if (!present) {
            System.err.println("SKIPPING the OpenCL CLI tests: " + devices.stdout());
        }
        assumeTrue(present, () -> "no OpenCL device here: " + devices.stdout());
        return devices;
    }

    private static double[] errors(DescentProcess.Result result) {
        return result.stdoutLines().stream().map(ERROR_LINE::matcher).filter(Matcher::matches)
                .flatMap(m -> java.util.Arrays.stream(m.group(2).split(",")))
                .mapToDouble(v -> Double.parseDouble(v.strip())).toArray();
    }

    @Test
    void devicesListsTheCpuAndEveryOpenClDevice() {
        DescentProcess.Result devices = openClPresent();
        assertThat(devices.stdout()).contains("cpu - ").contains("opencl - ").contains("compute units")
                .contains("--set device=opencl --set device.index=").contains("device = auto chose");
    }

    @Test
    void trainingOnOpenClMatchesTheCpuRun() {
        openClPresent();
        DescentProcess.Result cpu = descent("train");
        DescentProcess.Result opencl = descent("train", "--set", "device=opencl");
        assertThat(opencl.exitCode()).as(opencl.stderr()).isZero();
        List<Double> cpuLosses = cpu.epochLosses();
        List<Double> openclLosses = opencl.epochLosses();
        assertThat(openclLosses).hasSize(3);
        for (int e = 0; e < 3; e++) {
            assertThat(openclLosses.get(e)).as("epoch %d", e + 1)
                    .isCloseTo(cpuLosses.get(e), within(1e-3 * cpuLosses.get(e) + 1e-6));   // + printed rounding
        }
        double[] cpuErrors = errors(cpu);
        double[] openclErrors = errors(opencl);
        assertThat(openclErrors).hasSameSizeAs(cpuErrors).hasSize(3);
        for (int i = 0; i < cpuErrors.length; i++) {
            assertThat(openclErrors[i]).isCloseTo(cpuErrors[i], within(1e-4));   // errors = truth − parameters
        }
    }

    @Test
    void softmaxRegressionOnOpenClMatchesTheCpuRun() {
        openClPresent();
        String[] run = {"train", "--set", "data=synthetic-classes", "--set", "data.separation=2", "--set",
                "model=softmax", "--set", "loss=cross-entropy", "--set", "train.epochs=5"};
        DescentProcess.Result cpu = descent(run);
        String[] onOpenCl = java.util.Arrays.copyOf(run, run.length + 2);
        onOpenCl[run.length] = "--set";
        onOpenCl[run.length + 1] = "device=opencl";
        DescentProcess.Result opencl = descent(onOpenCl);
        assertThat(opencl.exitCode()).as(opencl.stderr()).isZero();
        List<String> cpuLines = cpu.stdoutLines().stream().filter(l -> l.startsWith("epoch ")).toList();
        List<String> openClLines = opencl.stdoutLines().stream().filter(l -> l.startsWith("epoch ")).toList();
        assertThat(openClLines).hasSameSizeAs(cpuLines).hasSize(5);
        Pattern figures = Pattern.compile("epoch \\d+, loss (\\S+), accuracy (\\S+), validation loss (\\S+),"
                + " validation accuracy (\\S+)");
        for (int i = 0; i < cpuLines.size(); i++) {
            Matcher a = figures.matcher(cpuLines.get(i));
            Matcher b = figures.matcher(openClLines.get(i));
            assertThat(a.matches() && b.matches()).as("%s / %s", cpuLines.get(i), openClLines.get(i)).isTrue();
            // Overlapping clusters (separation 2): the same model up to float rounding, so the same loss to
            // about 1e-5 and the accuracy within an example or two of 800 (a row at a near tie may tip).
            assertThat(Double.parseDouble(b.group(1))).isCloseTo(Double.parseDouble(a.group(1)),
                    org.assertj.core.data.Offset.offset(1e-4));
            assertThat(Double.parseDouble(b.group(2))).isCloseTo(Double.parseDouble(a.group(2)),
                    org.assertj.core.data.Offset.offset(0.003));
        }
    }

    @Test
    void withoutAnOpenClPlatformSelectingOpenClIsOneClearLine() throws IOException {
        DescentProcess.Result result = DescentProcess.run(dir, noOpenClPlatform(), "train", "--set", "device=opencl");
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.stderrLines()).hasSize(1);
        assertThat(result.stderr()).contains("no platform").contains("pocl-opencl-icd")
                .contains("ocl-icd-libopencl1").doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(result.stdout()).isEmpty();
    }

    /**
     * Hides the OpenCL loader library from one process (a private mount namespace with /dev/null
     * bound over it), so JOCL's native initialisation fails as on a machine without OpenCL.
     */
    @Test
    void withoutTheOpenClLibrarySelectingOpenClIsAClearErrorNotALinkageErrorTrace() throws Exception {
        Path loader = Path.of("/usr/lib/x86_64-linux-gnu/libOpenCL.so.1");
        assumeTrue(Files.exists(loader), "no OpenCL loader at " + loader + " to hide");
        Path real = loader.toRealPath();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String script = "mount --bind /dev/null " + real + " && exec " + java + " -jar "
                + DescentProcess.jar().toAbsolutePath() + " train --set device=opencl";
        Process probe = new ProcessBuilder("unshare", "-m", "true").redirectErrorStream(true).start();
        boolean canHide = probe.waitFor() == 0;
        assumeTrue(canHide, "cannot create a mount namespace here (needs root and unshare)");
        Process process = new ProcessBuilder("unshare", "-m", "sh", "-c", script).directory(dir.toFile()).start();
        String stderr = new String(process.getErrorStream().readAllBytes());
        String stdout = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor()).as(stderr).isEqualTo(2);
        assertThat(stdout).isEmpty();
        assertThat(stderr).contains("descent: device 'opencl' cannot be used: OpenCL is not available")
                .contains("ocl-icd-libopencl1").doesNotContain("LinkageError").doesNotContain("\tat ");
    }

    @Test
    void withoutAnOpenClPlatformAutoTrainsOnTheCpuAndSaysSo() throws IOException {
        DescentProcess.Result result = DescentProcess.run(dir, noOpenClPlatform(), "train", "--set", "device=auto");
        assertThat(result.exitCode()).as(result.stderr()).isZero();
        assertThat(result.epochLosses()).hasSize(3);
        assertThat(result.stderr()).contains("device = auto chose cpu").contains("no platform");
        DescentProcess.Result devices = DescentProcess.run(dir, noOpenClPlatform(), "devices");
        assertThat(devices.stdout()).contains("opencl").contains("none usable: OpenCL is installed but no platform");
    }
}
