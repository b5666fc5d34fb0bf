package dev.descent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Inputs that used to go wrong silently, through the real CLI. */
class BadInputIT {

    @TempDir
    Path dir;

    private DescentProcess.Result descent(String... args) {
        return DescentProcess.run(dir, args);
    }

    @Test
    void aBatchSizeNearTheLargestIntTrainsOnOneBatchOfEveryExample() {
        DescentProcess.Result result = descent("train", "--set", "train.batch-size=2147483647", "--set",
                "optimizer.lr=0.5", "--set", "train.epochs=3");
        assertThat(result.exitCode()).as(result.stderr()).isZero();
        List<Double> losses = result.epochLosses();
        assertThat(losses).hasSize(3);
        assertThat(losses.get(2)).as("full-batch steps move the loss (it used to stay constant: no batches)")
                .isLessThan(losses.get(0));
    }

    @Test
    void aByteOrderMarkBeforeTheCsvHeaderIsNotPartOfTheFirstColumnsName() throws IOException {
        StringBuilder csv = new StringBuilder("\uFEFFage,height\n");
        for (int i = 0; i < 20; i++) {
            csv.append(i).append(',').append(2 * i + 1).append('\n');
        }
        Files.writeString(dir.resolve("bom.csv"), csv, StandardCharsets.UTF_8);
        DescentProcess.Result result = descent("train", "--set", "data=csv", "--set", "data.path=bom.csv",
                "--set", "data.target=height", "--set", "data.features=age", "--set", "train.epochs=1");
        assertThat(result.exitCode()).as(result.stderr()).isZero();
    }

    @Test
    void aByteOrderMarkBeforeTheFirstKeyOfAConfigFileIsIgnored() throws IOException {
        Files.writeString(dir.resolve("run.properties"), "\uFEFFoptimizer.lr = 0.1\ntrain.epochs = 1\n",
                StandardCharsets.UTF_8);
        DescentProcess.Result result = descent("train", "-c", "run.properties");
        assertThat(result.exitCode()).as(result.stderr()).isZero();
        assertThat(result.epochLosses()).hasSize(1);
    }

    @Test
    void aFailedWriteToStandardOutputIsAnErrorNotASilentTruncation() throws Exception {
        Path full = Path.of("/dev/full");
        org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.Files.exists(full), "no /dev/full here");
        for (String[] args : new String[][] {{"train"}, {"plugins"}}) {
            List<String> command = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin",
                    "java").toString(), "-jar", DescentProcess.jar().toString()));
            command.addAll(List.of(args));
            Process process = new ProcessBuilder(command).directory(dir.toFile())
                    .redirectOutput(full.toFile()).start();
            String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor()).as(String.join(" ", args) + ": " + err).isEqualTo(2);
            assertThat(err).contains("descent: cannot write to standard output");
        }
    }

    @Test
    void aNumberBeyondTheRangeOfAFloatIsRefusedBeforeTraining() {
        for (String setting : new String[] {"data.weights=2, 1e39", "data.bias=1e39"}) {
            DescentProcess.Result result = descent("train", "--set", setting);
            assertThat(result.exitCode()).as(setting + ": " + result.stderr()).isEqualTo(2);
            assertThat(result.stderrLines()).hasSize(1);
            assertThat(result.stderr()).contains("outside the range of a float");
        }
    }

    @Test
    void aLossThatOverflowsOnTheFirstStepIsBlamedOnTheDataNotTheLearningRate() {
        DescentProcess.Result result = descent("train", "--set", "data.weights=1e30, 1");
        assertThat(result.exitCode()).as(result.stderr()).isEqualTo(2);
        assertThat(result.stderrLines()).hasSize(1);
        assertThat(result.stderr()).contains("batch 1: the loss 'squared' gave the first value that was not finite")
                .contains("too large for float arithmetic").doesNotContain("optimizer.lr");
    }

    @Test
    void dataTooLargeForTheHeapIsRefusedBeforeAllocatingWithTheSizeNeeded() {
        for (String[] settings : new String[][] {{"data.examples=100000000"},
                {"data.examples=1", "data.random-weights=2147483647"}}) {
            List<String> args = new java.util.ArrayList<>(List.of("train"));
            for (String s : settings) {
                args.addAll(List.of("--set", s));
            }
            DescentProcess.Result result = DescentProcess.run(dir, java.util.Map.of(), List.of("-Xmx256m"),
                    args.toArray(String[]::new));
            assertThat(result.exitCode()).as(String.join(" ", settings) + ": " + result.stderr()).isEqualTo(2);
            assertThat(result.stderrLines()).hasSize(1);
            assertThat(result.stderr()).contains("need about").contains("GiB of memory")
                    .contains("its heap limit is 256 MiB").contains("-Xmx");
        }
        DescentProcess.Result tooMany = descent("train", "--set", "data.random-weights=2147483647");
        assertThat(tooMany.exitCode()).isEqualTo(2);
        assertThat(tooMany.stderr()).contains("more than one array holds");
    }

    @Test
    void devicesAndEndlessStreamsAreRefusedAsConfigAndDataFiles() {
        DescentProcess.Result config = descent("train", "-c", "/dev/zero");
        assertThat(config.exitCode()).as(config.stderr()).isEqualTo(2);
        assertThat(config.stderrLines()).hasSize(1);
        assertThat(config.stderr()).contains("config file /dev/zero is larger than 1 MiB (it is a device or a pipe");

        DescentProcess.Result data = descent("train", "--set", "data=csv", "--set", "data.path=/dev/zero");
        assertThat(data.exitCode()).as(data.stderr()).isEqualTo(2);
        assertThat(data.stderrLines()).hasSize(1);
        assertThat(data.stderr()).contains("/dev/zero is not a regular file");
    }

    @Test
    void numbersOnlyJavaReadsAreRefusedInConfigValuesAndCsvCells() throws IOException {
        DescentProcess.Result config = descent("train", "--set", "optimizer.lr=0x1p-5");
        assertThat(config.exitCode()).as(config.stderr()).isEqualTo(2);
        assertThat(config.stderrLines()).hasSize(1);
        assertThat(config.stderr()).contains("optimizer.lr").contains("a hexadecimal float")
                .contains("write it in decimal");

        Files.writeString(dir.resolve("suffix.csv"), "x,y\n1,2\n2f,4\n3,6\n");
        DescentProcess.Result csv = descent("train", "--set", "data=csv", "--set", "data.path=suffix.csv");
        assertThat(csv.exitCode()).as(csv.stderr()).isEqualTo(2);
        assertThat(csv.stderrLines()).hasSize(1);
        assertThat(csv.stderr()).contains("suffix.csv:3:1").contains("'2f'").contains("a type suffix");
    }

    @Test
    void messagesAreBoundedAndShowInvisibleCharactersAsEscapes() throws IOException {
        Files.write(dir.resolve("nul.properties"), new byte[100_000]);
        DescentProcess.Result nul = descent("train", "-c", "nul.properties");
        assertThat(nul.exitCode()).isEqualTo(2);
        assertThat(nul.stderrLines()).hasSize(1);
        assertThat(nul.stderr()).doesNotContain("\0").hasSizeLessThan(1200);

        DescentProcess.Result hidden = descent("train", "--set", "optim\u200Bizer.lr=0.1");
        assertThat(hidden.exitCode()).isEqualTo(2);
        assertThat(hidden.stderr()).contains("optim\\u200Bizer.lr");

        Files.writeString(dir.resolve("long.csv"), "x,y\n" + "7".repeat(400_000) + "z,1\n");
        DescentProcess.Result longCell = descent("train", "--set", "data=csv", "--set", "data.path=long.csv");
        assertThat(longCell.exitCode()).isEqualTo(2);
        assertThat(longCell.stderrLines()).hasSize(1);
        assertThat(longCell.stderr()).hasSizeLessThan(1200).contains("long.csv:2:1").contains("characters left out")
                .contains("not a number");
    }
}
