package dev.descent.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * The progress bar in a real terminal: {@code descent train} inside tmux at 80 and 120 columns,
 * the screen read with {@code tmux capture-pane} while an epoch runs and after the run. Each epoch
 * has one line on the screen: its bar while it runs, redrawn in place and never wrapped, then its
 * epoch line.
 */
class TerminalProgressIT {

    @TempDir
    Path dir;

    private String session;

    private static String tmux(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("tmux", "-L", "descent-it"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
        return output;
    }

    private static boolean tmuxPresent() {
        try {
            return new ProcessBuilder("tmux", "-V").start().waitFor() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    /** The visible screen, one string per row, trailing blanks removed. */
    private List<String> screen() throws IOException, InterruptedException {
        return tmux("capture-pane", "-p", "-t", session).lines().map(String::stripTrailing).toList();
    }

    @ParameterizedTest(name = "{0} columns")
    @ValueSource(ints = {80, 120})
    void eachEpochHasOneProgressLineRedrawnInPlaceThenItsEpochLine(int columns) throws Exception {
        assumeTrue(tmuxPresent(), "tmux is not installed (.ci/run installs it)");
        session = "descent-" + columns + "-" + ProcessHandle.current().pid();
        Path done = dir.resolve("done");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // Epochs of several seconds (about 5 here), so the bar, shown after 2 s, stays for seconds.
        String command = String.format("cd '%s' && unset COLUMNS && '%s' -jar '%s' train --set data.examples=6000000"
                + " --set train.batch-size=2 --set train.epochs=2; echo $? > '%s'; sleep 600", dir, java,
                DescentProcess.jar().toAbsolutePath(), done);
        tmux("new-session", "-d", "-s", session, "-x", String.valueOf(columns), "-y", "40", "bash", "-c", command);
        try {
            List<String> during = List.of();
            long deadline = System.nanoTime() + 120_000_000_000L;
            while (System.nanoTime() < deadline) {
                during = screen();
                if (during.stream().anyMatch(l -> l.startsWith("epoch 1, loss"))
                        && during.stream().anyMatch(l -> l.startsWith("epoch 2/2"))) {
                    break;
                }
                Thread.sleep(100);
            }
            List<String> bars = during.stream().filter(l -> l.contains("ex/s") || l.matches("epoch \\d+/\\d+.*")).toList();
            assertThat(bars).as("the screen during epoch 2:%n%s", String.join("\n", during)).hasSize(1);
            String bar = bars.get(0);
            assertThat(bar).startsWith("epoch 2/2 ").contains("[").contains(" ex/s").contains("batch loss ");
            assertThat(bar.length()).as("fits the %d columns without wrapping", columns).isLessThan(columns);
            assertThat(during.indexOf(bar)).as("the bar is on the line after epoch 1's")
                    .isEqualTo(during.indexOf(during.stream().filter(l -> l.startsWith("epoch 1, loss")).findFirst()
                            .orElseThrow()) + 1);
            if (columns >= 120) {
                assertThat(bar).containsPattern("\\[[=> ]{30,}\\]");
            }

            while (System.nanoTime() < deadline && !Files.exists(done)) {
                Thread.sleep(200);
            }
            assertThat(Files.readString(done).strip()).isEqualTo("0");
            List<String> after = screen().stream().filter(l -> !l.isEmpty()).toList();
            assertThat(after.subList(0, 2)).allMatch(l -> l.startsWith("epoch ") && l.contains(", loss "));
            assertThat(after).as("no bar is left on the screen").noneMatch(l -> l.contains("ex/s"));
            assertThat(after).as(String.join("\n", after)).hasSize(5);   // with w error, b error and the INFO line
            assertThat(after.get(4)).startsWith("INFO  trained 2 epoch(s)");
        } finally {
            tmux("kill-session", "-t", session);
        }
    }
}
