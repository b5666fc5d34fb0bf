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
    void theFiguresDrawnAtTheEndAreImagesThatDecodeAsThePngsDescentDrew() throws Exception {
        String python = pythonWithTensorBoard();
        Assumptions.assumeTrue(python != null, "no Python with the tensorboard package (pip install tensorboard)");
        String iris = TorchRecordings.ROOT.resolve("data/iris.csv").toString();
        DescentProcess.Result run = DescentProcess.run(dir, "train", "--set", "data=csv", "--set", "data.path=" + iris,
                "--set", "model=softmax", "--set", "loss=cross-entropy", "--set", "train.epochs=4", "--set",
                "data.validation-fraction=0.2", "--set", "callbacks=tensorboard", "--set", "tensorboard.dir=runs/iris",
                "--plot", "plots");
        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(run.stderr()).contains("INFO  TensorBoard images of the figures [loss, confusion-matrix] in runs/iris");
        Files.writeString(dir.resolve("images.py"), String.join("\n",
                "import hashlib, io",
                "from tensorboard.backend.event_processing.event_accumulator import EventAccumulator",
                "ea = EventAccumulator('runs/iris', size_guidance={'images': 0})",
                "ea.Reload()",
                "for tag in ea.Tags()['images']:",
                "    for e in ea.Images(tag):",
                "        print(tag, e.step, e.width, e.height, hashlib.sha256(e.encoded_image_string).hexdigest())", ""));
        Process reader = new ProcessBuilder(python, "images.py").directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(reader.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(reader.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(reader.exitValue()).as(out).isZero();
        List<String> lines = out.lines().filter(l -> l.startsWith("figures/")).toList();
        List<String> expected = new ArrayList<>();
        for (String name : List.of("loss", "confusion-matrix")) {
            byte[] png = Files.readAllBytes(dir.resolve("plots/" + name + ".png"));
            java.awt.image.BufferedImage image = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(png));
            String sha = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(png));
            expected.add("figures/" + name + " 4 " + image.getWidth() + " " + image.getHeight() + " " + sha);
        }
        assertThat(lines).containsExactlyInAnyOrderElementsOf(expected);
    }

    /** What TensorBoard's reader makes of the HParams records and scalars under {@code root}, one line each. */
    private List<String> readHParams(String python, String root) throws Exception {
        Files.writeString(dir.resolve("hparams.py"), String.join("\n",
                "import os, sys",
                "from tensorboard.backend.event_processing.event_accumulator import EventAccumulator",
                "from tensorboard.plugins.hparams import plugin_data_pb2",
                "root = sys.argv[1]",
                "runs = [root] + sorted(os.path.join(root, x) for x in os.listdir(root) if os.path.isdir(os.path.join(root, x)))",
                "for d in runs:",
                "    ea = EventAccumulator(d, size_guidance={'scalars': 0})",
                "    ea.Reload()",
                "    name = os.path.basename(d)",
                "    for tag, content in sorted(ea.PluginTagToContent('hparams').items()):",
                "        data = plugin_data_pb2.HParamsPluginData.FromString(content)",
                "        kind = data.WhichOneof('data')",
                "        if kind == 'experiment':",
                "            e = data.experiment",
                "            print(name, 'experiment', ';'.join(h.name for h in e.hparam_infos),"
                        + " ';'.join(m.name.tag for m in e.metric_infos))",
                "        elif kind == 'session_start_info':",
                "            for k, v in sorted(data.session_start_info.hparams.items()):",
                "                print(name, 'hparam', k, repr(v.number_value) if v.HasField('number_value') else v.string_value)",
                "        else:",
                "            print(name, 'status', data.session_end_info.status)",
                "    for tag in ea.Tags()['scalars']:",
                "        for e in ea.Scalars(tag):",
                "            print(name, 'scalar', tag, repr(e.value))", ""));
        Process reader = new ProcessBuilder(python, "hparams.py", root).directory(dir.toFile()).redirectErrorStream(true)
                .start();
        String out = new String(reader.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(reader.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(reader.exitValue()).as(out).isZero();
        return out.lines().filter(l -> l.matches("\\S+ (experiment|hparam|status|scalar) .*")).toList();
    }

    @Test
    void theHParamsTabListsEveryTrialOfASweepWithItsSettingsFiguresAndStatus() throws Exception {
        String python = pythonWithTensorBoard();
        Assumptions.assumeTrue(python != null, "no Python with the tensorboard package (pip install tensorboard)");
        String houses = TorchRecordings.ROOT.resolve("data/houses.csv").toString();
        DescentProcess.Result run = DescentProcess.run(dir, "sweep", "--set", "data=csv", "--set", "data.path=" + houses,
                "--set", "data.validation-fraction=0.2", "--set", "train.epochs=3", "--grid", "optimizer=sgd,adam",
                "--grid", "optimizer.lr=0.01,5", "--tensorboard", "runs/sweep");
        assertThat(run.exitCode()).as(run.stderr()).isZero();
        List<String> lines = readHParams(python, "runs/sweep");
        assertThat(lines).contains("sweep experiment optimizer;optimizer.lr validation/loss;validation/RMSE;"
                + "validation/MAE;validation/R²;validation/log-RMSE;train/loss");
        List<String> csv = Files.readAllLines(dir.resolve("sweep-results.csv"));
        assertThat(csv).hasSize(5);
        String[] header = csv.get(0).split(",");
        for (int t = 1; t <= 4; t++) {
            String[] cells = csv.get(t).split(",", -1);
            String trial = "trial-" + cells[0];
            assertThat(lines).contains(trial + " hparam optimizer " + cells[2],
                    trial + " hparam optimizer.lr " + Double.parseDouble(cells[3]));
            if (cells[1].equals("ok")) {
                assertThat(lines).contains(trial + " status 1");
                for (int c = 5; c <= 9; c++) {   // the validation figures, in TensorBoard's float
                    assertThat(lines).contains(trial + " scalar " + header[c].replace("validation-", "validation/")
                            + " " + (double) (float) Double.parseDouble(cells[c]));
                }
            } else {
                assertThat(lines).contains(trial + " status 2").noneMatch(l -> l.startsWith(trial + " scalar"));
            }
        }
        assertThat(csv).anyMatch(l -> l.contains(",failed,")).anyMatch(l -> l.contains(",ok,"));
    }

    @Test
    void aCrossValidationsFoldsAreRunsOfTheHParamsTab() throws Exception {
        String python = pythonWithTensorBoard();
        Assumptions.assumeTrue(python != null, "no Python with the tensorboard package (pip install tensorboard)");
        String iris = TorchRecordings.ROOT.resolve("data/iris.csv").toString();
        DescentProcess.Result run = DescentProcess.run(dir, "cross-validate", "--set", "data=csv", "--set",
                "data.path=" + iris, "--set", "model=softmax", "--set", "loss=cross-entropy", "--set", "train.epochs=3",
                "--folds", "3", "--tensorboard", "runs/cv");
        assertThat(run.exitCode()).as(run.stderr()).isZero();
        List<String> lines = readHParams(python, "runs/cv");
        assertThat(lines).contains("cv experiment fold validation/loss;validation/accuracy;validation/log-loss;"
                + "validation/macro-F1;train/loss");
        for (int f = 1; f <= 3; f++) {
            String fold = "fold-" + f;
            assertThat(lines).contains(fold + " hparam fold " + (double) f, fold + " status 1");
            String printed = run.stdoutLines().get(f);
            String accuracy = printed.substring(printed.indexOf("validation loss"));
            accuracy = accuracy.substring(accuracy.indexOf("accuracy ") + 9, accuracy.indexOf(','
                    , accuracy.indexOf("accuracy ")));
            double shown = Double.parseDouble(accuracy);
            assertThat(lines).anySatisfy(l -> {
                assertThat(l).startsWith(fold + " scalar validation/accuracy ");
                assertThat(Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).isCloseTo(shown,
                        org.assertj.core.api.Assertions.within(1e-6));
            });
        }
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
