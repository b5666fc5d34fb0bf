package dev.descent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a user of any command-line tool expects, through the real CLI. */
class CliNicetiesIT {

    @TempDir
    Path dir;

    private DescentProcess.Result descent(String... args) {
        return DescentProcess.run(dir, args);
    }

    @Test
    void aMistypedCommandGetsTheNearestOneAndTheList() {
        DescentProcess.Result result = descent("trian", "--set", "optimizer.lr=0.1");
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.stderrLines()).containsExactly("descent: unknown command 'trian'; did you mean 'train'? the"
                + " commands are train, predict, evaluate, cross-validate, sweep, plot, export, inspect, plugins, devices, help (see 'descent --help')");
        DescentProcess.Result far = descent("xyzzy");
        assertThat(far.exitCode()).isEqualTo(2);
        assertThat(far.stderr()).contains("unknown command 'xyzzy'; the commands are train,").doesNotContain("did you");
    }

    @Test
    void helpWrapsAtSpacesNeverInsideAWord() {
        for (String command : List.of("train", "predict", "evaluate", "cross-validate", "sweep", "plot", "export",
                "inspect", "plugins", "devices", "help")) {
            DescentProcess.Result help = descent(command, "--help");
            assertThat(help.exitCode()).isZero();
            for (String line : help.stdoutLines()) {
                assertThat(line.length()).as(command + ": " + line).isLessThanOrEqualTo(80);
                assertThat(line).as(command).doesNotMatch(".*(\\(e|residuals)\\.$")
                        .doesNotMatch("^\\s+(png|g\\.)(\\W.*)?$");
            }
        }
        assertThat(descent("train", "--help").stdout()).contains("residuals.png").contains("(e.g.")
                .contains("confusion-matrix.png");
        assertThat(descent("help", "--help").stdout()).doesNotContain("%n").doesNotContain("--plugins");
        assertThat(descent("predict", "--help").stdout()).doesNotContain("evaluate and plot also need");
        assertThat(descent("evaluate", "--help").stdout()).contains("target column to compare");
    }

    @Test
    void aClosedPipeEndsQuietlyLikeOtherUnixToolsWhileTheOutputIsWholeOtherwise() throws Exception {
        java.nio.file.Path jar = DescentProcess.jar().toAbsolutePath();
        String javaBinary = java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString();
        for (String args : List.of("help train", "plugins", "train --set data.examples=200000")) {
            Process process = new ProcessBuilder("bash", "-c", "set -o pipefail; '" + javaBinary + "' -jar '" + jar + "' "
                    + args + " | head -1 > /dev/null").directory(dir.toFile()).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            int code = process.waitFor();
            assertThat(output).as(args).doesNotContain("cannot write to standard output").doesNotContain("Exception");
            assertThat(code).as(args + ": " + output).isIn(0, 141);   // 141 when the pipe closed before the end
        }
    }

    @Test
    void predictCopiesTheIncludedColumnsAsWrittenBeforeThePredictions() throws IOException {
        StringBuilder csv = new StringBuilder("id,name,x1,x2,y\n");
        for (int i = 0; i < 40; i++) {
            csv.append("r-").append(i).append(",\"").append(i % 2 == 0 ? "even, " : "odd").append(i).append("\",")
                    .append(i * 0.1).append(',').append(1 - i * 0.05).append(',').append(2 + i * 0.3).append('\n');
        }
        Files.writeString(dir.resolve("d.csv"), csv);
        DescentProcess.Result train = descent("train", "--set", "data=csv", "--set", "data.path=d.csv", "--set",
                "data.features=x1,x2", "--set", "data.target=y", "--save", "m.json");
        assertThat(train.exitCode()).as(train.stderr()).isZero();

        DescentProcess.Result plain = descent("predict", "--model", "m.json", "--data", "d.csv");
        DescentProcess.Result included = descent("predict", "--model", "m.json", "--data", "d.csv", "--include",
                "id,name");
        assertThat(included.exitCode()).as(included.stderr()).isZero();
        List<String> lines = included.stdoutLines();
        assertThat(lines).hasSize(41);
        assertThat(lines.get(0)).isEqualTo("id,name,y_predicted");
        assertThat(lines.get(1)).startsWith("r-0,\"even, 0\",");
        assertThat(lines.get(2)).startsWith("r-1,odd1,");
        for (int i = 1; i < lines.size(); i++) {
            String prediction = lines.get(i).substring(lines.get(i).lastIndexOf(',') + 1);
            assertThat(prediction).as("the same predictions as without --include")
                    .isEqualTo(plain.stdoutLines().get(i));
        }

        DescentProcess.Result typo = descent("predict", "--model", "m.json", "--data", "d.csv", "--include", "idd");
        assertThat(typo.exitCode()).isEqualTo(2);
        assertThat(typo.stderrLines()).containsExactly("descent: --include idd: d.csv has no column 'idd' (did you mean"
                + " 'id'?); its columns are: id, name, x1, x2, y");
    }
}
