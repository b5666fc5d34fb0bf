package dev.descent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.descent.io.ModelFile;
import dev.descent.io.ModelFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Early stopping and checkpoints through the real CLI. */
class TrainingToolkitIT {

    @TempDir
    Path dir;

    /** 40 rows, 30 features of pure noise and one that matters: 32 training rows overfit fast. */
    @BeforeEach
    void writeAnOverfittingProblem() throws IOException {
        SplittableRandom random = new SplittableRandom(5);
        List<String> lines = new ArrayList<>();
        List<String> header = new ArrayList<>();
        for (int j = 0; j < 30; j++) {
            header.add("x" + j);
        }
        header.add("y");
        lines.add(String.join(",", header));
        for (int i = 0; i < 40; i++) {
            List<String> row = new ArrayList<>();
            double x0 = 0;
            for (int j = 0; j < 30; j++) {
                double x = random.nextGaussian();
                x0 = j == 0 ? x : x0;
                row.add(String.format(Locale.ROOT, "%.4f", x));
            }
            row.add(String.format(Locale.ROOT, "%.4f", x0 + random.nextGaussian()));
            lines.add(String.join(",", row));
        }
        Files.write(dir.resolve("overfit.csv"), lines);
    }

    @Test
    void earlyStoppingEndsAnOverfittingRunAndKeepsTheBestEpoch() {
        DescentProcess.Result result = descent("train", "--set", "data=csv", "--set", "data.path=overfit.csv",
                "--set", "data.validation-fraction=0.2", "--set", "train.epochs=200", "--set", "optimizer.lr=0.05",
                "--set", "train.batch-size=8", "--set", "callbacks=early-stopping", "--save", "best.json");
        assertThat(result.exitCode()).as(result.stderr()).isZero();
        List<String> epochs = result.stdoutLines().stream().filter(l -> l.startsWith("epoch ")).toList();
        assertThat(epochs.size()).as("epochs run").isLessThan(200).isGreaterThan(5);
        List<Double> validation = epochs.stream()
                .map(l -> Double.parseDouble(l.substring(l.indexOf("validation loss ") + 16))).toList();
        double best = Collections.min(validation);
        int bestEpoch = validation.indexOf(best) + 1;
        assertThat(bestEpoch).as("the best epoch is not the last").isLessThan(epochs.size());
        assertThat(result.stderrLines().stream().filter(l -> l.contains("stopped after epoch"))).singleElement()
                .asString().contains("stopped after epoch " + epochs.size() + " of 200")
                .contains("has not improved").contains("keeping epoch " + bestEpoch + "'s parameters");

        ModelFile saved = ModelFiles.read(dir.resolve("best.json"));
        assertThat(saved.provenance().finalValidationLoss()).as("the saved model's validation loss")
                .isCloseTo(best, org.assertj.core.data.Offset.offset(5e-7));
        String bestLine = epochs.get(bestEpoch - 1);
        double bestTrainingLoss = Double.parseDouble(bestLine.substring(bestLine.indexOf("loss ") + 5,
                bestLine.indexOf(", validation")));
        assertThat(saved.provenance().finalLoss()).as("the saved model's training loss is the best epoch's")
                .isCloseTo(bestTrainingLoss, org.assertj.core.data.Offset.offset(5e-7));
    }

    @Test
    void earlyStoppingWithoutAValidationSplitWatchesTheTrainingLoss() {
        DescentProcess.Result result = descent("train", "--set", "callbacks=early-stopping", "--set",
                "train.epochs=40", "--set", "early-stopping.patience=2", "--set", "early-stopping.min-delta=1e-6");
        assertThat(result.exitCode()).as(result.stderr()).isZero();
        assertThat(result.epochLosses().size()).isLessThan(40);
        assertThat(result.stderr()).contains("the training loss has not improved by more than 1.0E-6 for 2 epochs");
    }

    @Test
    void checkpointsAreModelFilesToResumeFromAndOnlyTheNewestAreKept() throws IOException {
        DescentProcess.Result whole = descent("train", "--set", "optimizer=adam", "--set", "optimizer.lr=0.05",
                "--set", "train.epochs=5", "--set", "callbacks=checkpoint", "--set", "checkpoint.dir=ck",
                "--set", "checkpoint.keep=2");
        assertThat(whole.exitCode()).as(whole.stderr()).isZero();
        try (Stream<Path> files = Files.list(dir.resolve("ck"))) {
            assertThat(files.map(f -> f.getFileName().toString()).sorted())
                    .containsExactly("epoch-0004.json", "epoch-0005.json");
        }
        DescentProcess.Result resumed = descent("train", "--resume", "ck/epoch-0004.json", "--set", "train.epochs=5",
                "--set", "callbacks=");
        assertThat(resumed.exitCode()).as(resumed.stderr()).isZero();
        assertThat(resumed.stdoutLines().stream().filter(l -> l.startsWith("epoch "))).containsExactly(
                whole.stdoutLines().stream().filter(l -> l.startsWith("epoch 5,")).findFirst().orElseThrow());
    }

    @Test
    void theNewestCheckpointOfAnEarlyStoppedRunResumesAndKeepsTheBestEpochOfTheSavedRun() throws IOException {
        String[] run = {"--set", "data=csv", "--set", "data.path=overfit.csv", "--set", "data.validation-fraction=0.2",
                "--set", "optimizer.lr=0.05", "--set", "train.batch-size=8", "--set", "callbacks=early-stopping,checkpoint",
                "--set", "checkpoint.dir=ck"};
        DescentProcess.Result stopped = descent(concat(new String[] {"train", "--set", "train.epochs=200"}, run));
        assertThat(stopped.exitCode()).as(stopped.stderr()).isZero();
        String lastLine = stopped.stdoutLines().get(stopped.stdoutLines().size() - 1);
        int last = Integer.parseInt(lastLine.replaceAll("^epoch (\\d+),.*", "$1"));
        assertThat(last).as("early stopping ended the run").isLessThan(200);
        DescentProcess.Result quiet = descent(concat(concat(new String[] {"train", "--set", "train.epochs=200", "-q"},
                run), new String[] {"--set", "checkpoint.dir=ck-quiet"}));
        assertThat(quiet.stdoutLines()).as("quiet prints the last epoch's line when early stopping ends the run too")
                .containsExactly(lastLine);
        java.util.regex.Matcher kept = java.util.regex.Pattern.compile("keeping epoch (\\d+)'s").matcher(stopped.stderr());
        assertThat(kept.find()).as(stopped.stderr()).isTrue();
        String newest = String.format(Locale.ROOT, "ck/epoch-%04d.json", last);

        DescentProcess.Result resumed = descent("train", "--resume", newest, "--set", "train.epochs=300", "--save",
                "resumed.json");
        assertThat(resumed.exitCode()).as(resumed.stderr()).isZero();
        assertThat(resumed.stderr()).contains("early stopping ended the saved run")
                .contains("raise early-stopping.patience")
                .contains("keeping epoch " + kept.group(1) + "'s parameters");
        ModelFile saved = ModelFiles.read(dir.resolve("resumed.json"));
        assertThat(saved.provenance().epochLosses()).as("the losses of every epoch, across the resume")
                .hasSize(last + 1);
        assertThat(saved.provenance().finalLoss()).as("the kept epoch's training loss")
                .isEqualTo(saved.provenance().epochLosses().get(Integer.parseInt(kept.group(1)) - 1));

        DescentProcess.Result patient = descent("train", "--resume", newest, "--set", "train.epochs=" + (last + 3),
                "--set", "early-stopping.patience=50");
        assertThat(patient.exitCode()).as(patient.stderr()).isZero();
        assertThat(patient.stdoutLines().stream().filter(l -> l.startsWith("epoch "))).hasSize(3);
    }

    private static String[] concat(String[] a, String[] b) {
        String[] both = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }

    @Test
    void aCheckpointFolderThatCannotBeCreatedIsAUserError() throws IOException {
        Files.writeString(dir.resolve("file"), "not a folder");
        DescentProcess.Result result = descent("train", "--set", "callbacks=checkpoint", "--set",
                "checkpoint.dir=file/ck");
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.stderr()).contains("checkpoint.dir file/ck cannot be written: ");
    }

    private DescentProcess.Result descent(String... args) {
        return DescentProcess.run(dir, args);
    }
}
