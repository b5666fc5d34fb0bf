package dev.descent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.descent.io.ModelFile;
import dev.descent.io.ModelFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code descent sweep} as a user runs it: the ranking, the best config, failures, resuming, bad input. */
class SweepIT {

    private static final String HOUSES = TorchRecordings.ROOT.resolve("data/houses.csv").toString();

    @TempDir
    Path dir;

    private DescentProcess.Result descent(String... args) {
        return DescentProcess.run(dir, args);
    }

    private static List<String> sweep(String... more) {
        List<String> args = new ArrayList<>(List.of("sweep", "--set", "data=csv", "--set", "data.path=" + HOUSES,
                "--set", "data.target=price", "--set", "data.validation-fraction=0.2", "--set", "train.epochs=5",
                "--grid", "optimizer.lr=0.01,0.03,5", "--grid", "train.batch-size=10,50", "--jobs", "2"));
        args.addAll(List.of(more));
        return args;
    }

    @Test
    void theBestConfigTrainsToTheBestTrialsFiguresExactlyAndAFailedTrialDoesNotStopTheSweep() throws IOException {
        DescentProcess.Result result = descent(sweep("--save", "trials").toArray(String[]::new));
        assertThat(result.exitCode()).as(result.stderr()).isZero();
        List<String> csv = Files.readAllLines(dir.resolve("sweep-results.csv"));
        assertThat(csv).hasSize(7);
        assertThat(csv.get(0)).isEqualTo("trial,status,optimizer.lr,train.batch-size,seed,validation-loss,"
                + "validation-RMSE,validation-MAE,validation-R²,validation-log-RMSE,train-loss,seconds,reason");
        assertThat(csv.get(5)).startsWith("5,failed,5,10,42,").contains("diverged");
        assertThat(result.stdout()).contains("trial 5/6, optimizer.lr=5, train.batch-size=10: failed: training diverged");
        String bestLine = result.stdoutLines().stream().filter(l -> l.startsWith("best: trial ")).findFirst()
                .orElseThrow();
        int best = Integer.parseInt(bestLine.substring("best: trial ".length(), bestLine.indexOf(' ', 12)));
        String[] cells = csv.get(best).split(",");
        assertThat(result.stdoutLines()).anyMatch(l -> l.matches("1\\s+" + best + "\\s+.*"));

        List<String> properties = Files.readAllLines(dir.resolve("sweep-best.properties"));
        assertThat(properties).contains("optimizer.lr = " + cells[2], "train.batch-size = " + cells[3], "seed = 42");
        DescentProcess.Result again = descent("train", "-c", "sweep-best.properties", "--save", "best.json");
        assertThat(again.exitCode()).as(again.stderr()).isZero();
        ModelFile retrained = ModelFiles.read(dir.resolve("best.json"));
        assertThat(retrained.provenance().finalValidationLoss()).isEqualTo(Double.parseDouble(cells[5]));
        assertThat(retrained.provenance().finalLoss()).isEqualTo(Double.parseDouble(cells[10]));
        ModelFile saved = ModelFiles.read(dir.resolve("trials/trial-" + best + ".json"));
        assertThat(saved.config()).containsEntry("optimizer.lr", cells[2]).containsEntry("seed", "42");
        assertThat(saved.parameters().get(0).values()).isEqualTo(retrained.parameters().get(0).values());
    }

    @Test
    void aResumedSweepTrainsOnlyTheTrialsItHasNotFinished() throws IOException {
        DescentProcess.Result first = descent(sweep().toArray(String[]::new));
        assertThat(first.exitCode()).as(first.stderr()).isZero();
        Path csv = dir.resolve("sweep-results.csv");
        List<String> all = Files.readAllLines(csv);
        Files.write(csv, List.of(all.get(0), all.get(1), all.get(4)));   // as if stopped after trials 1 and 4

        DescentProcess.Result refused = descent(sweep().toArray(String[]::new));
        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.stderrLines()).containsExactly("descent: --results sweep-results.csv already holds a"
                + " sweep's trials; add --resume to continue it (finished trials are not trained again), or give"
                + " another --results");

        DescentProcess.Result resumed = descent(sweep("--resume").toArray(String[]::new));
        assertThat(resumed.exitCode()).as(resumed.stderr()).isZero();
        assertThat(resumed.stdoutLines().get(0)).startsWith("sweep of 6 trial(s) (2 already done)");
        assertThat(resumed.stdoutLines().stream().filter(l -> l.startsWith("trial ")))
                .extracting(l -> l.substring(0, l.indexOf('/'))).containsExactlyInAnyOrder("trial 2", "trial 3",
                        "trial 5", "trial 6");
        List<String> after = Files.readAllLines(csv);
        for (int i = 0; i < all.size(); i++) {   // the same figures, the seconds aside
            assertThat(withoutSeconds(after.get(i))).isEqualTo(withoutSeconds(all.get(i)));
        }
    }

    private static String withoutSeconds(String line) {
        return line.replaceAll(",\\d+\\.\\d{3},", ",s,");
    }

    @Test
    void badInputIsOneLineAndExitCodeTwoBeforeAnyTraining() throws IOException {
        String[][] cases = {
            {"sweep", "--grid", "optimizer.lrr=0.1,1"},
            {"sweep", "--random", "5", "--range", "optimizer.lr=1:0.1"},
            {"sweep", "--grid", "optimizer.lr="},
            {"sweep"},
            {"sweep", "--grid", "optimizer.lr=0.1,1", "--score", "accuracy"},
            {"sweep", "--grid", "optimizer.lr=0.1,1", "--results", "taken/x.csv"},
            {"sweep", "--grid", "optimizer.lr=0.1,1", "--tensorboard", "taken"},
        };
        String[] expected = {
            "descent: unknown key optimizer.lrr (--grid optimizer.lrr=0.1): optimizer 'sgd' has no option 'lrr'; did"
                    + " you mean optimizer.lr?",
            "descent: --range optimizer.lr=1:0.1 is empty: its low end must be below its high end, e.g."
                    + " optimizer.lr=0.0001:1",
            "descent: --grid optimizer.lr= has an empty value",
            "descent: a sweep needs something to vary",
            "descent: --score accuracy is not a figure of this regression; choose one of loss, RMSE, MAE, R², log-RMSE",
            "descent: --results",
            "descent: --tensorboard taken is a file, not a folder; give a folder (it is created if missing)",
        };
        Files.writeString(dir.resolve("taken"), "a file, where a folder should be");
        for (int i = 0; i < cases.length; i++) {
            DescentProcess.Result bad = descent(cases[i]);
            assertThat(bad.exitCode()).as(String.join(" ", cases[i]) + ": " + bad.stderr()).isEqualTo(2);
            assertThat(bad.stderrLines()).as(String.join(" ", cases[i])).hasSize(1);
            assertThat(bad.stderrLines().get(0)).startsWith(expected[i]);
            assertThat(bad.stdout()).isEmpty();
        }
        assertThat(dir.resolve("sweep-results.csv")).doesNotExist();
    }
}
