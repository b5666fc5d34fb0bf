package dev.descent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.descent.io.ModelFile;
import dev.descent.io.ModelFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code descent cross-validate} as a user runs it: fold lines, the mean line, one fold alone, bad input. */
class CrossValidateIT {

    private static final String HOUSES = TorchRecordings.ROOT.resolve("data/houses.csv").toString();
    private static final String IRIS = TorchRecordings.ROOT.resolve("data/iris.csv").toString();

    @TempDir
    Path dir;

    private DescentProcess.Result descent(String... args) {
        return DescentProcess.run(dir, args);
    }

    @Test
    void printsAFigureLinePerFoldAndTheirMeanAndAnyFoldRunsAloneToTheSameLine() throws IOException {
        String[] run = {"--set", "data=csv", "--set", "data.path=" + HOUSES, "--set", "data.target=price",
                "--set", "train.epochs=4", "--folds", "4"};
        DescentProcess.Result all = descent(concat(new String[] {"cross-validate", "--save", "folds"}, run));
        assertThat(all.exitCode()).as(all.stderr()).isZero();
        List<String> lines = all.stdoutLines();
        assertThat(lines).hasSize(6);
        assertThat(lines.get(0)).isEqualTo("4-fold cross-validation of 500 examples (shuffled by seed 42,"
                + " standardised on each fold's training rows)");
        for (int f = 1; f <= 4; f++) {
            assertThat(lines.get(f)).startsWith("fold " + f + ", train loss ").contains("; validation loss ")
                    .contains(", RMSE ", ", MAE ", ", R² ", ", log-RMSE ");
        }
        assertThat(lines.get(5)).startsWith("mean ± sd, train loss ").contains(" ± ");

        DescentProcess.Result third = descent(concat(new String[] {"cross-validate", "--fold", "3"}, run));
        assertThat(third.exitCode()).as(third.stderr()).isZero();
        assertThat(third.stdoutLines()).containsExactly(lines.get(0), lines.get(3));

        ModelFile fold3 = ModelFiles.read(dir.resolve("folds/fold-3.json"));
        assertThat(fold3.config()).containsEntry("cross-validation.fold", "3").containsEntry("cross-validation.folds", "4")
                .containsEntry("seed", "42").containsEntry("data.path", HOUSES);
        assertThat(Files.list(dir.resolve("folds")).map(p -> p.getFileName().toString()).sorted())
                .containsExactly("fold-1.json", "fold-2.json", "fold-3.json", "fold-4.json");
    }

    @Test
    void aClassifierIsCrossValidatedOnStratifiedFoldsWithItsOwnFigures() {
        DescentProcess.Result result = descent("cross-validate", "--set", "data=csv", "--set", "data.path=" + IRIS,
                "--set", "model=softmax", "--set", "loss=cross-entropy", "--set", "optimizer.lr=0.1", "--set",
                "train.epochs=10", "--folds", "3", "--no-shuffle");
        assertThat(result.exitCode()).as(result.stderr()).isZero();
        assertThat(result.stdoutLines().get(0)).isEqualTo("3-fold cross-validation of 150 examples (not shuffled,"
                + " stratified, standardised on each fold's training rows)");
        assertThat(result.stdoutLines().get(1)).matches("fold 1, train loss [0-9.]+, accuracy [0-9.]+, log-loss [0-9.]+,"
                + " macro-F1 [0-9.]+; validation loss .*");
    }

    @Test
    void badFoldsAreOneLineAndExitCodeTwoBeforeAnyTraining() throws IOException {
        String[][] cases = {
            {"--folds", "1"}, {"--folds", "501"}, {"--folds", "5", "--fold", "6"},
        };
        String[] expected = {
            "--folds 1: cross-validation needs at least 2 folds (5 or 10 are usual)",
            "--folds 501 is more folds than the data's 500 examples; choose at most 500",
            "--fold 6 is not one of the 5 folds; choose 1 to 5",
        };
        for (int i = 0; i < cases.length; i++) {
            DescentProcess.Result bad = descent(concat(new String[] {"cross-validate", "--set", "data=csv", "--set",
                    "data.path=" + HOUSES}, cases[i]));
            assertThat(bad.exitCode()).as(bad.stderr()).isEqualTo(2);
            assertThat(bad.stderrLines()).containsExactly("descent: " + expected[i]);
            assertThat(bad.stdout()).isEmpty();
        }
        Files.writeString(dir.resolve("taken"), "a file");
        DescentProcess.Result notAFolder = descent("cross-validate", "--set", "data.examples=20", "--save", "taken");
        assertThat(notAFolder.exitCode()).isEqualTo(2);
        assertThat(notAFolder.stderrLines()).containsExactly("descent: --save taken is a file, not a folder; give a"
                + " folder (it is created if missing)");
        assertThat(notAFolder.stdout()).isEmpty();
    }

    private static String[] concat(String[] a, String[] b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
