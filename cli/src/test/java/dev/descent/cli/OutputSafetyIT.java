package dev.descent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nothing is lost: outputs never replace an input, a device, a FIFO or a folder; a link's target is
 * replaced, not the link; permissions are kept; and every output location is checked before training
 * (issue 13, items 1, 2, 4, 10 and 14). Each case through the real CLI: exit 2, one line, nothing touched.
 */
class OutputSafetyIT {

    @TempDir
    Path dir;

    private DescentProcess.Result descent(String... args) {
        return DescentProcess.run(dir, args);
    }

    @BeforeEach
    void aModelAndItsData() throws IOException {
        StringBuilder csv = new StringBuilder("x,y\n");
        for (int i = 0; i < 50; i++) {
            csv.append(i).append(',').append(2 * i + 1).append('\n');
        }
        Files.writeString(dir.resolve("data.csv"), csv);
        DescentProcess.Result train = descent("train", "--set", "data=csv", "--set", "data.path=data.csv", "--save",
                "model.json", "-q");
        assertThat(train.exitCode()).as(train.stderr()).isZero();
    }

    private static void assertOneLineExit2(DescentProcess.Result result, String... fragments) {
        assertThat(result.exitCode()).as(result.stderr()).isEqualTo(2);
        assertThat(result.stderrLines()).as(result.stderr()).hasSize(1);
        assertThat(result.stderr()).contains(fragments).doesNotContain("Exception").doesNotContain("please report");
        assertThat(result.stdout()).as("nothing trained or predicted first").doesNotContain("epoch 1");
    }

    private Path fifo(String name) throws IOException, InterruptedException {
        Path fifo = dir.resolve(name);
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start();
        assertThat(mkfifo.waitFor()).isZero();
        return fifo;
    }

    @Test
    void aFifoIsNeverReplacedBySaveOrOut() throws Exception {
        Path fifo = fifo("pipe");
        assertOneLineExit2(descent("train", "--save", "pipe"), "--save pipe is not a regular file");
        assertOneLineExit2(descent("predict", "--model", "model.json", "--data", "data.csv", "--out", "pipe"),
                "--out pipe is not a regular file");
        assertThat(Files.isRegularFile(fifo, LinkOption.NOFOLLOW_LINKS)).as("still a FIFO").isFalse();
        assertThat(Files.exists(fifo, LinkOption.NOFOLLOW_LINKS)).isTrue();
    }

    @Test
    void aLinkStaysALinkAndItsTargetGetsTheNewContent() throws IOException {
        Files.writeString(dir.resolve("real.json"), "old");
        Files.createSymbolicLink(dir.resolve("link.json"), dir.resolve("real.json"));
        DescentProcess.Result train = descent("train", "--save", "link.json", "-q");
        assertThat(train.exitCode()).as(train.stderr()).isZero();
        assertThat(Files.isSymbolicLink(dir.resolve("link.json"))).isTrue();
        assertThat(Files.readString(dir.resolve("real.json"))).contains("\"format\" : \"descent-model\"");
    }

    @Test
    void anOutputOverAnInputIsRefusedAndTheInputIsUnchanged() throws IOException {
        String data = Files.readString(dir.resolve("data.csv"));
        String model = Files.readString(dir.resolve("model.json"));
        assertOneLineExit2(descent("predict", "--model", "model.json", "--data", "data.csv", "--out", "data.csv"),
                "--out data.csv is the same file as --data data.csv");
        assertOneLineExit2(descent("predict", "--model", "model.json", "--data", "data.csv", "--out", "./model.json"),
                "is the same file as --model model.json");
        assertOneLineExit2(descent("train", "--set", "data=csv", "--set", "data.path=data.csv", "--save", "data.csv"),
                "--save data.csv is the same file as data.path data.csv");
        assertThat(Files.readString(dir.resolve("data.csv"))).isEqualTo(data);
        assertThat(Files.readString(dir.resolve("model.json"))).isEqualTo(model);
    }

    @Test
    void aReplacedFileKeepsItsPermissionsAndANewOneGetsTheDefaultOnes() throws IOException {
        Path model = dir.resolve("model.json");
        Files.setPosixFilePermissions(model, PosixFilePermissions.fromString("rw-r-----"));
        assertThat(descent("train", "--save", "model.json", "-q").exitCode()).isZero();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(model))).isEqualTo("rw-r-----");

        Path probe = Files.createFile(dir.resolve("probe"));   // what this process's umask gives a new file
        assertThat(descent("train", "--save", "fresh.json", "-q").exitCode()).isZero();
        assertThat(Files.getPosixFilePermissions(dir.resolve("fresh.json")))
                .as("not 0600 whatever the umask").isEqualTo(Files.getPosixFilePermissions(probe));
    }

    @Test
    void everyOutputLocationIsCheckedBeforeTraining() throws IOException {
        Files.createDirectories(dir.resolve("folder"));
        Files.writeString(dir.resolve("file.txt"), "keep");
        assertOneLineExit2(descent("train", "--save", "folder"), "--save folder is a folder");
        assertOneLineExit2(descent("train", "--plot", "file.txt"), "--plot file.txt is a file, not a folder");
        assertOneLineExit2(descent("train", "--plot-feature", "1"), "--plot-feature 1", "add --plot DIR");
        assertOneLineExit2(descent("train", "--plot", "figures", "--plot-feature", "zz"), "--plot-feature zz names no feature");
        assertOneLineExit2(descent("train", "--save", "file.txt/model.json"), "file.txt is a file, not a folder");
        assertOneLineExit2(descent("predict", "--model", "model.json", "--data", "data.csv", "--out", "folder"),
                "--out folder is a folder");
        assertOneLineExit2(descent("plot", "--model", "model.json", "--data", "data.csv", "--out", "file.txt"),
                "--out file.txt is a file, not a folder");
        assertThat(Files.readString(dir.resolve("file.txt"))).isEqualTo("keep");
        assertThat(dir.resolve("figures")).doesNotExist();
    }

    @Test
    void aModelFromAFifoOrADeviceIsRefusedAtOnceInsteadOfBlockingOrReadingForever() throws Exception {
        fifo("model-pipe");
        long started = System.nanoTime();
        assertOneLineExit2(descent("evaluate", "--model", "model-pipe", "--data", "data.csv"),
                "model file model-pipe is not a regular file");
        assertOneLineExit2(descent("predict", "--model", "/dev/zero", "--data", "data.csv"),
                "model file /dev/zero is not a regular file");
        assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started)).isLessThan(30);
    }
}
