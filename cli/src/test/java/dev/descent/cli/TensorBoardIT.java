package dev.descent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code tensorboard} callback's event files read by TensorBoard's own reader (the {@code
 * tensorboard} package's {@code EventAccumulator}, which {@code .ci/run} installs with pip): every
 * scalar at every step is the figure the epoch line printed, in TensorBoard's float.
 */
class TensorBoardIT {

    @TempDir
    Path dir;

    /** A Python 3 that has the tensorboard package, or null. */
    private static String pythonWithTensorBoard() throws InterruptedException {
        for (String python : List.of("python3", "/usr/bin/python3")) {
            try {
                Process p = new ProcessBuilder(python, "-c", "import tensorboard").redirectErrorStream(true).start();
                p.getInputStream().readAllBytes();
                if (p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0) {
                    return python;
                }
            } catch (IOException e) {
                // not this one
            }
        }
        return null;
    }

    @Test
    void tensorBoardsOwnReaderReadsEveryEpochsFiguresAsTheEpochLinesPrintedThem() throws Exception {
        String python = pythonWithTensorBoard();
        Assumptions.assumeTrue(python != null, "no Python with the tensorboard package (pip install tensorboard)");
        DescentProcess.Result run = DescentProcess.run(dir, "train", "--set", "data=synthetic-classes", "--set",
                "model=softmax", "--set", "loss=cross-entropy", "--set", "train.epochs=4", "--set", "schedule=cosine",
                "--set", "callbacks=tensorboard", "--set", "tensorboard.dir=runs/softmax", "--metrics", "m.csv");
        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(run.stderr()).contains("INFO  TensorBoard event files in runs/softmax (tensorboard --logdir runs)");

        Files.writeString(dir.resolve("read.py"), String.join("\n",
                "from tensorboard.backend.event_processing.event_accumulator import EventAccumulator",
                "ea = EventAccumulator('runs/softmax', size_guidance={'scalars': 0})",
                "ea.Reload()",
                "for tag in ea.Tags()['scalars']:",
                "    for e in ea.Scalars(tag):",
                "        print(tag, e.step, repr(e.value))", ""));
        Process reader = new ProcessBuilder(python, "read.py").directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(reader.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(reader.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(reader.exitValue()).as(out).isZero();

        // TensorBoard keeps scalars as floats: each is the epoch's figure (the --metrics file's, which
        // rounds to the epoch line) in float; the line's digits are that figure's, rounded.
        List<String> lines = out.lines().filter(l -> l.matches("\\S+ \\d+ \\S+")).toList();
        List<String> csv = Files.readAllLines(dir.resolve("m.csv"));
        assertThat(csv.get(0)).isEqualTo("epoch,loss,accuracy,validation-loss,validation-accuracy,lr,seconds");
        String[] tags = {"loss/train", "accuracy/train", "loss/validation", "accuracy/validation", "lr"};
        List<String> printed = new ArrayList<>();
        for (int epoch = 1; epoch <= 4; epoch++) {
            String[] cells = csv.get(epoch).split(",");
            for (int t = 0; t < tags.length; t++) {
                assertThat(value(lines, tags[t], epoch)).as("%s at step %d", tags[t], epoch)
                        .isEqualTo((double) (float) Double.parseDouble(cells[t + 1]));
            }
            printed.add(String.format(Locale.ROOT,
                    "epoch %d, loss %f, accuracy %.4f, validation loss %f, validation accuracy %.4f", epoch,
                    Double.parseDouble(cells[1]), Double.parseDouble(cells[2]), Double.parseDouble(cells[3]),
                    Double.parseDouble(cells[4])));
        }
        assertThat(printed).isEqualTo(run.stdoutLines());
    }

    @Test
    void aLogFolderThatIsAFileIsOneLineBeforeTraining() throws IOException {
        Files.writeString(dir.resolve("taken"), "a file");
        DescentProcess.Result run = DescentProcess.run(dir, "train", "--set", "callbacks=tensorboard", "--set",
                "tensorboard.dir=taken");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.stdout()).isEmpty();
        assertThat(run.stderrLines()).singleElement().asString().isEqualTo("descent: tensorboard.dir taken is a file,"
                + " not a folder; give a folder (it is created if missing)");
    }

    private static double value(List<String> lines, String tag, int step) {
        return lines.stream().map(l -> l.split(" ")).filter(p -> p[0].equals(tag) && p[1].equals(String.valueOf(step)))
                .map(p -> Double.parseDouble(p[2])).findFirst()
                .orElseThrow(() -> new AssertionError(tag + " at step " + step + " is missing from " + lines));
    }
}
