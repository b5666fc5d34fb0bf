package dev.descent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.descent.config.RunConfig;
import dev.descent.plugin.PluginRegistry;
import dev.descent.run.Descent;
import dev.descent.train.TrainingListener;
import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The progress bar over a real training run, shown from the first batch (its delay set to 0). */
class ProgressDisplayTest {

    private static final PluginRegistry REGISTRY = PluginRegistry.discover(ProgressDisplayTest.class.getClassLoader());

    /** Trains with the bar and the epoch lines writing into one stream, as on a terminal, and returns it. */
    private static String trainShowingTheBar(String... settings) {
        return trainShowingTheBar(ProgressDisplay.DEFAULT_REDRAW_NANOS, settings);
    }

    private static String trainShowingTheBar(long redrawNanos, String... settings) {
        ByteArrayOutputStream terminal = new ByteArrayOutputStream();
        // A slow terminal (2 ms a write, like a remote session): output handed to another thread
        // arrives late, so anything that does not wait for it shows up out of order.
        OutputStream slow = new FilterOutputStream(terminal) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                try {
                    Thread.sleep(2);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                out.write(b, off, len);
            }
        };
        PrintStream err = new PrintStream(slow, true, StandardCharsets.UTF_8);
        PrintWriter out = new PrintWriter(err, true);
        RunConfig config = RunConfig.empty();
        for (String setting : settings) {
            config = config.withOverride(setting);
        }
        try (ProgressDisplay display = new ProgressDisplay(err, 0, redrawNanos, () -> 120)) {
            List<TrainingListener> listeners = List.of(display, new ConsoleReporter(out, false, display.terminal()));
            Descent.train(config, REGISTRY, listeners, List.of());
        }
        return terminal.toString(StandardCharsets.UTF_8);
    }

    @Test
    void theBarShowsEachEpochsExamplesRateAndLossAndIsErasedForTheEpochLine() {
        // Redrawn at every clock reading: a fast second epoch would otherwise end within the 200 ms
        // after the first one's last redraw, and show no bar at all (as it should, but not here).
        String shown = trainShowingTheBar(0, "data.examples=200000", "train.epochs=2");
        for (int epoch = 1; epoch <= 2; epoch++) {
            assertThat(shown).contains("epoch " + epoch + "/2 ").containsPattern("\\d+(\\.\\d)?k/200k ex")
                    .contains("\r\u001b[Kepoch " + epoch + ", loss ");
        }
        assertThat(shown).containsPattern("\\d(\\.\\d)?[kM] ex/s").containsPattern("batch loss \\d\\.\\d{6}")
                .contains("lr 0.0300").doesNotContain("?");
        for (String bar : shown.split("\r")) {
            String line = bar.replace("\u001b[K", "");
            if (line.startsWith("epoch ") && line.contains("/2 ")) {
                assertThat(line.length()).as(line).isLessThan(120);
            }
        }
    }

    @Test
    void anEpochsLineComesAfterItsBarIsClosedNeverInsideIt() {
        // Printed straight from the training thread, an epoch line would land before the bar's last
        // redraw on this slow terminal.
        String shown = trainShowingTheBar("data.examples=50000", "train.epochs=8");
        for (int epoch = 1; epoch <= 8; epoch++) {
            int line = shown.indexOf("epoch " + epoch + ", loss ");
            assertThat(line).as("epoch %d's line", epoch).isPositive();
            assertThat(shown.lastIndexOf("epoch " + epoch + "/8")).as("epoch %d's bar", epoch).isLessThan(line);
            assertThat(shown.charAt(line - 1) == '\n' || shown.startsWith("\r\u001b[K", line - 4))
                    .as("epoch %d's line starts a line of its own (a new one, or the erased bar's)", epoch).isTrue();
        }
        assertThat(shown).containsPattern("w error: \\[.*\\]\\R");
    }
}
