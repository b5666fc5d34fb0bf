package dev.descent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 25, "nothing lost, round 2": every output goes through one policy, compared with every input
 * by the file it resolves to, written atomically. Each case through the real CLI: exit 2, one line
 * naming the place, no trace, the input unchanged and no stray temporary file.
 */
class NothingLostIT {

    @TempDir
    Path dir;

    private byte[] data;

    private DescentProcess.Result descent(String... args) {
        return DescentProcess.run(dir, args);
    }

    @BeforeEach
    void aCsvFile() throws IOException {
        StringBuilder csv = new StringBuilder("x,y\n");
        for (int i = 0; i < 50; i++) {
            csv.append(i).append(',').append(2 * i + 1).append('\n');
        }
        data = csv.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        Files.write(dir.resolve("d.csv"), data);
    }

    private static void assertOneLineExit2(DescentProcess.Result result, String... fragments) {
        assertThat(result.exitCode()).as(result.stderr()).isEqualTo(2);
        assertThat(result.stderrLines()).as(result.stderr()).hasSize(1);
        assertThat(result.stderr()).contains(fragments).doesNotContain("Exception").doesNotContain("please report");
    }

    private void assertDataIntactAndNoTemporaryFiles() throws IOException {
        assertThat(Files.readAllBytes(dir.resolve("d.csv"))).as("the input is unchanged").isEqualTo(data);
        try (Stream<Path> files = Files.walk(dir)) {
            assertThat(files.map(Path::toString).filter(f -> f.endsWith(".tmp")).toList()).isEmpty();
        }
    }

    @Test
    void anInputNamedByAUrlALinkOrAHardLinkIsNeverReplacedBySave() throws IOException {
        String url = dir.resolve("d.csv").toUri().toString();   // file:///…/d.csv
        assertOneLineExit2(descent("train", "--set", "data=csv", "--set", "data.path=" + url, "--save", "d.csv"),
                "--save d.csv is the same file as data.path", "an input of this run");
        Files.createSymbolicLink(dir.resolve("link.csv"), dir.resolve("d.csv"));
        Files.createLink(dir.resolve("hard.csv"), dir.resolve("d.csv"));
        assertOneLineExit2(descent("train", "--set", "data=csv", "--set", "data.path=../" + dir.getFileName()
                + "/./link.csv", "--save", "hard.csv"), "--save hard.csv is the same file as data.path");
        assertDataIntactAndNoTemporaryFiles();
    }

    @Test
    void aPluginJarAndAConfigFileAreInputsToo() throws IOException {
        Path plugins = Files.createDirectories(dir.resolve("pj"));
        Path jar = Files.copy(Path.of(System.getProperty("example.huber.jar")), plugins.resolve("huber-loss.jar"));
        byte[] before = Files.readAllBytes(jar);
        assertOneLineExit2(descent("train", "--plugins", "pj", "--save", "pj/huber-loss.jar"),
                "--save pj/huber-loss.jar is the same file as the plugin jar");
        assertThat(Files.readAllBytes(jar)).isEqualTo(before);

        Path ck = Files.createDirectories(dir.resolve("ck"));
        String config = "train.epochs = 2\ncallbacks = checkpoint\ncheckpoint.dir = ck\n";
        Files.writeString(ck.resolve("epoch-0001.json"), config);
        DescentProcess.Result result = descent("train", "-c", "ck/epoch-0001.json");
        assertOneLineExit2(result, "checkpoint.dir ck would replace epoch-0001.json, which is -c ck/epoch-0001.json");
        assertThat(result.stdout()).as("refused before epoch 1").doesNotContain("epoch 1");
        assertThat(Files.readString(ck.resolve("epoch-0001.json"))).isEqualTo(config);
    }

    @Test
    void checkpointPruningRemovesOnlyThisRunsOwnCheckpointsByEpochNumber() throws IOException {
        DescentProcess.Result ten = descent("train", "--set", "callbacks=checkpoint", "--set", "checkpoint.dir=ck",
                "--set", "train.epochs=10", "-q");
        assertThat(ten.exitCode()).as(ten.stderr()).isZero();
        DescentProcess.Result five = descent("train", "--set", "callbacks=checkpoint", "--set", "checkpoint.dir=ck",
                "--set", "train.epochs=5", "-q");
        assertThat(five.exitCode()).as(five.stderr()).isZero();
        assertThat(names(dir.resolve("ck"))).as("the 5-epoch run keeps its newest three; the other run's stay")
                .containsExactly("epoch-0003.json", "epoch-0004.json", "epoch-0005.json", "epoch-0008.json",
                        "epoch-0009.json", "epoch-0010.json");

        DescentProcess.Result long_ = descent("train", "--set", "data.examples=10", "--set", "train.batch-size=10",
                "--set", "train.epochs=10003", "--set", "callbacks=checkpoint", "--set", "checkpoint.dir=long",
                "--set", "checkpoint.every=1000", "--set", "checkpoint.keep=2", "-q");
        assertThat(long_.exitCode()).as(long_.stderr()).isZero();
        assertThat(names(dir.resolve("long"))).as("epoch 10000 is newer than epoch 9000, whatever the names' order")
                .containsExactly("epoch-10000.json", "epoch-10003.json");
    }

    @Test
    void figuresNeverReplaceAnInputOrAFifoAndAreCheckedBeforeTraining() throws Exception {
        Path p = Files.createDirectories(dir.resolve("p"));
        Files.write(p.resolve("data.png"), data);
        DescentProcess.Result input = descent("train", "--set", "data=csv", "--set", "data.path=p/data.png",
                "--plot", "p");
        assertOneLineExit2(input, "--plot p/data.png is the same file as data.path p/data.png");
        assertThat(input.stdout()).doesNotContain("epoch 1");
        assertThat(Files.readAllBytes(p.resolve("data.png"))).isEqualTo(data);

        Path q = Files.createDirectories(dir.resolve("q"));
        Process mkfifo = new ProcessBuilder("mkfifo", q.resolve("loss.png").toString()).start();
        assertThat(mkfifo.waitFor()).isZero();
        assertOneLineExit2(descent("train", "--plot", "q"), "--plot q/loss.png is not a regular file");
        DescentProcess.Result train = descent("train", "--save", "m.json", "-q");
        assertThat(train.exitCode()).isZero();
        assertOneLineExit2(descent("plot", "--model", "m.json", "--data", "d.csv", "--out", "q"),
                "--out q/loss.png is not a regular file");
        assertDataIntactAndNoTemporaryFiles();
    }

    @Test
    void aFullDiskWhileWritingFiguresIsOneLineAndLeavesNoHalfFile() throws Exception {
        Path small = Files.createDirectories(dir.resolve("small"));
        Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=40k", "tmpfs", small.toString())
                .redirectErrorStream(true).start();
        Assumptions.assumeTrue(mount.waitFor() == 0, "cannot mount a small tmpfs here (not root): "
                + new String(mount.getInputStream().readAllBytes()));
        try {
            DescentProcess.Result result = descent("train", "--plot", "small/figs", "-q");
            assertOneLineExit2(result, "--plot: cannot write small/figs/data.png (no space left on device)",
                    "free some space", "nothing was replaced");
            assertThat(names(small.resolve("figs"))).as("no half data.png, no temporary file").isEmpty();
        } finally {
            new ProcessBuilder("umount", small.toString()).start().waitFor();
        }
    }

    @Test
    void anOutputPathEndingInASlashNamesAFolderNotAFile() {
        assertOneLineExit2(descent("train", "--save", "newdir/"), "--save newdir/ ends with '/'",
                "such as newdir/model.json");
        assertThat(dir.resolve("newdir")).doesNotExist();
    }

    @Test
    void exportToAFolderSuggestsAnOnnxFileName() throws IOException {
        assertThat(descent("train", "--save", "m.json", "-q").exitCode()).isZero();
        Files.createDirectories(dir.resolve("out"));
        assertOneLineExit2(descent("export", "--model", "m.json", "--format", "onnx", "--out", "out"),
                "--out out is a folder", "such as out/model.onnx");
    }

    private static List<String> names(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }

    private DescentProcess.Result trainModel() {
        DescentProcess.Result train = descent("train", "--set", "data=csv", "--set", "data.path=d.csv", "--save",
                "m.json", "-q");
        assertThat(train.exitCode()).as(train.stderr()).isZero();
        return train;
    }

    @Test
    void predictionsAndLossesThatOverflowNameTheRowInsteadOfPrintingInfinity() throws IOException {
        trainModel();
        Files.writeString(dir.resolve("big.csv"), "x,y\n3e38,1\n1,2\n");
        assertOneLineExit2(descent("evaluate", "--model", "m.json", "--data", "big.csv"),
                "big.csv:2: the loss 'squared' is Infinity", "its feature 'x' is 3.00000e+38");
        String model = Files.readString(dir.resolve("m.json"));
        Files.writeString(dir.resolve("tiny.json"), model.replaceFirst("(\"std\" : \\[ )[^ ]+", "$11e-45"));
        assertOneLineExit2(descent("predict", "--model", "tiny.json", "--data", "d.csv"),
                "d.csv:2:1: column 'x' holds 0, so far from the model's training data (mean 24.5, std 1.0E-45)");
        assertOneLineExit2(descent("evaluate", "--model", "tiny.json", "--data", "d.csv"), "d.csv:2:1:");
        Files.writeString(dir.resolve("huge.json"), model.replaceFirst("(\"name\" : \"w\",\\s*\"shape\" : \\[[^\\]]*\\],"
                + "\\s*\"values\" : \\[ )[^ ]+", "$13.0E38"));
        assertOneLineExit2(descent("predict", "--model", "huge.json", "--data", "d.csv"),
                "d.csv:2: the model's output for this row is", "not a finite number", "standard deviations");
    }

    @Test
    void anIncludedColumnNamedLikeAnOutputIsRefused() throws IOException {
        trainModel();
        Files.writeString(dir.resolve("inc.csv"), "x,y,y_predicted\n1,2,3\n");
        assertOneLineExit2(descent("predict", "--model", "m.json", "--data", "inc.csv", "--include", "y_predicted",
                "--out", "p.csv"), "--include y_predicted: the output has a column 'y_predicted' of its own");
        assertThat(dir.resolve("p.csv")).doesNotExist();
    }

    @Test
    void numericClassLabelsAreComparedAsNumbers() throws IOException {
        Files.writeString(dir.resolve("lab.csv"), "x,y\n1,1\n2,1.0\n3,2\n4,2.00\n5,1e0\n");
        DescentProcess.Result result = descent("train", "--set", "data=csv", "--set", "data.path=lab.csv", "--set",
                "model=softmax", "--set", "loss=cross-entropy", "--save", "lab.json", "-q");
        assertThat(result.exitCode()).as(result.stderr()).isZero();
        assertThat(Files.readString(dir.resolve("lab.json"))).contains("\"classes\" : [ \"1\", \"2\" ]");
        DescentProcess.Result evaluated = descent("evaluate", "--model", "lab.json", "--data", "lab.csv");
        assertThat(evaluated.exitCode()).as(evaluated.stderr()).isZero();
        assertThat(evaluated.stdout()).contains("examples     5");
    }

    @Test
    void controlCharactersInANumericCellAreRefusedNotDropped() throws IOException {
        Files.write(dir.resolve("ctl.csv"), "x,y\n\u0001 5\u0000,1\n1,2\n3,4\n".getBytes(
                java.nio.charset.StandardCharsets.UTF_8));
        assertOneLineExit2(descent("train", "--set", "data=csv", "--set", "data.path=ctl.csv"),
                "ctl.csv:2:1: column 'x' holds the control character U+0001");
        trainModel();
        assertOneLineExit2(descent("predict", "--model", "m.json", "--data", "ctl.csv"), "ctl.csv:2:1:");
    }

    @Test
    void filesThatAreNotUtf8CsvAreNamedForWhatTheyAre() throws Exception {
        Files.write(dir.resolve("u16.csv"), new String(data, java.nio.charset.StandardCharsets.UTF_8)
                .getBytes(java.nio.charset.StandardCharsets.UTF_16));
        assertOneLineExit2(descent("train", "--set", "data=csv", "--set", "data.path=u16.csv"),
                "u16.csv is not a UTF-8 CSV file: it is UTF-16 text");
        try (java.util.zip.GZIPOutputStream gz = new java.util.zip.GZIPOutputStream(
                Files.newOutputStream(dir.resolve("g.csv")))) {
            gz.write(data);
        }
        assertOneLineExit2(descent("train", "--set", "data=csv", "--set", "data.path=g.csv"),
                "g.csv is not a UTF-8 CSV file: it is gzip-compressed");
        Files.createSymbolicLink(dir.resolve("loop1"), dir.resolve("loop2"));
        Files.createSymbolicLink(dir.resolve("loop2"), dir.resolve("loop1"));
        assertOneLineExit2(descent("train", "--set", "data=csv", "--set", "data.path=loop1"),
                "loop1: it is a loop of symbolic links");
        assertOneLineExit2(descent("train", "--set", "data=csv", "--set", "data.path="), "data.path is empty");
    }

    @Test
    void resumingOnDataWithOtherFeaturesIsOneLine() throws IOException {
        trainModel();
        Files.writeString(dir.resolve("wide.csv"), "a,b,c,y\n1,2,3,4\n2,3,4,5\n3,1,2,0\n");
        assertOneLineExit2(descent("train", "--resume", "m.json", "--set", "data.path=wide.csv", "--set",
                "train.epochs=4"), "standardization is for 1 feature(s), but wide.csv has 3 feature column(s)");
    }

    @Test
    void aPluginThatRecursesWithoutEndIsOneLineNamingItsMethod() throws IOException {
        Path plugins = Files.createDirectories(dir.resolve("my-plugins"));
        TestJars.plugin(plugins.resolve("recursive.jar"), dev.descent.api.Loss.class,
                dev.descent.cli.testplugins.RecursiveLoss.class);
        DescentProcess.Result result = descent("train", "--plugins", "my-plugins", "--set", "loss=recursive");
        assertOneLineExit2(result, "descent: the stack overflowed in dev.descent.cli.testplugins.RecursiveLoss.apply",
                "it is a plugin's code");
    }

    @Test
    void listingPluginsDoesNotWaitForAConstructorThatNeverReturns() throws IOException {
        Path plugins = Files.createDirectories(dir.resolve("my-plugins"));
        TestJars.plugin(plugins.resolve("slow.jar"), dev.descent.api.Loss.class,
                dev.descent.cli.testplugins.SlowConstructorLoss.class);
        long start = System.nanoTime();
        DescentProcess.Result result = descent("plugins", "--plugins", "my-plugins");
        assertThat(result.exitCode()).as(result.stderr()).isZero();
        assertThat((System.nanoTime() - start) / 1e9).as("seconds; it used to hang").isLessThan(60);
        assertThat(result.stdout()).contains("slow-constructor");
        assertThat(result.stderr()).contains("'slow-constructor'", "its constructor did not return within 2 s");
    }

    @Test
    void aServicesFileFarLargerThanAListOfClassNamesSkipsItsJarNamingIt() throws IOException {
        Path plugins = Files.createDirectories(dir.resolve("my-plugins"));
        Path jar = plugins.resolve("huge.jar");
        try (java.util.zip.ZipOutputStream zip = new java.util.zip.ZipOutputStream(Files.newOutputStream(jar))) {
            zip.putNextEntry(new java.util.zip.ZipEntry("META-INF/services/dev.descent.api.Loss"));
            byte[] line = new byte[1 << 16];
            java.util.Arrays.fill(line, (byte) 'a');
            for (int i = 0; i < 48; i++) {   // 3 MiB on one line
                zip.write(line);
            }
            zip.closeEntry();
        }
        DescentProcess.Result listed = descent("plugins", "--plugins", "my-plugins");
        assertThat(listed.exitCode()).as(listed.stderr()).isZero();
        assertThat(listed.stderr()).contains("skipped", "huge.jar", "META-INF/services/dev.descent.api.Loss holds 3 MiB");
        assertOneLineExit2(descent("plugins", "--plugins", "my-plugins/huge.jar"), "plugin jar", "huge.jar cannot be used");
    }

    @Test
    void aJarNamedItselfThatIsNotAJarIsAnErrorNotAWarning() throws IOException {
        Files.writeString(dir.resolve("broken.jar"), "not a zip");
        assertOneLineExit2(descent("train", "--plugins", "broken.jar"), "plugin jar", "broken.jar cannot be used: it is"
                + " not a jar");
        Path folder = Files.createDirectories(dir.resolve("folder"));
        Files.writeString(folder.resolve("broken.jar"), "not a zip");
        DescentProcess.Result inFolder = descent("train", "--plugins", "folder", "-q");
        assertThat(inFolder.exitCode()).as("a jar in a folder is skipped with a warning").isZero();
        assertThat(inFolder.stderr()).contains("skipped").contains("broken.jar");
    }

    @Test
    void aHugeTargetIsBlamedOnTheTargetAndHugeNoiseOnDataNoise() throws IOException {
        Files.writeString(dir.resolve("bigy.csv"), "x,y\n1,3e38\n2,1\n3,2\n");
        DescentProcess.Result target = descent("train", "--set", "data=csv", "--set", "data.path=bigy.csv");
        assertOneLineExit2(target, "the labels (target 'y', up to |y| = 3.00e+38) are too large for float arithmetic",
                "scale the target down");
        assertThat(target.stderr()).doesNotContain("optimizer.lr").doesNotContain("learning rate");
        assertOneLineExit2(descent("train", "--set", "data.noise=1e300"),
                "data.noise = 1.0E300 makes the label noise that large");
    }

    @Test
    void aComponentNamedByTheModelFileIsSaidToComeFromIt() throws IOException {
        Path plugins = Files.createDirectories(dir.resolve("pj"));
        Files.copy(Path.of(System.getProperty("example.huber.jar")), plugins.resolve("huber-loss.jar"));
        DescentProcess.Result train = descent("train", "--plugins", "pj", "--set", "loss=huber", "--set",
                "optimizer.lr=0.1", "--save", "hub.json", "-q");
        assertThat(train.exitCode()).as(train.stderr()).isZero();
        Files.writeString(dir.resolve("x12.csv"), "x0,x1,y\n1,2,3\n2,1,4\n");
        DescentProcess.Result result = descent("evaluate", "--model", "hub.json", "--data", "x12.csv");
        assertOneLineExit2(result, "unknown loss 'huber' (the model file)");
        assertThat(result.stderr()).doesNotContain("the default");
    }

    @Test
    void standardisationIsTheSameWhateverConstantIsAddedToAFeature() throws IOException {
        for (long shift : new long[] {0, 1_700_000_000L}) {
            StringBuilder csv = new StringBuilder("t,y\n");
            for (int k = 0; k < 100; k++) {
                csv.append(shift + k).append(',').append(k).append('\n');
            }
            Files.writeString(dir.resolve("t.csv"), csv);
            DescentProcess.Result result = descent("train", "--set", "data=csv", "--set", "data.path=t.csv", "--set",
                    "train.batch-size=100", "--set", "train.epochs=200", "--set", "optimizer.lr=0.1", "--save", "t.json");
            assertThat(result.exitCode()).as(result.stderr()).isZero();
            assertThat(result.epochLosses().get(199)).as("shift " + shift + ": it used to end at 132.25").isZero();
            assertThat(Files.readString(dir.resolve("t.json"))).as("the true std of 0..99").contains("28.866070047722");
            DescentProcess.Result predicted = descent("predict", "--model", "t.json", "--data", "t.csv");
            assertThat(predicted.exitCode()).as(predicted.stderr()).isZero();
            List<String> lines = predicted.stdoutLines();
            for (int k = 0; k < 100; k += 33) {
                assertThat(Double.parseDouble(lines.get(1 + k))).as("shift " + shift + ", row " + k)
                        .isCloseTo(k, org.assertj.core.data.Offset.offset(1e-3));
            }
        }
    }
}
