package dev.descent.cli;

import dev.descent.train.BatchEnd;
import dev.descent.train.EpochEnd;
import dev.descent.train.TrainingListener;
import dev.descent.train.TrainingStart;
import java.io.PrintStream;
import java.util.Locale;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * A progress bar per epoch on stderr: examples done, examples per second, and the current batch
 * loss.
 *
 * <p>Cheap by construction (measured in docs/performance.md): per batch it adds to a counter and
 * reads the clock; the bar is updated, and the loss read from the device, at most 5 times a second;
 * and the bar only appears once an epoch has run for {@link #DELAY_NANOS}, like tqdm's {@code delay},
 * because creating and closing one costs ~0.1 s of class loading and rendering, which a short
 * epoch would feel and has no use for.
 */
final class ProgressDisplay implements TrainingListener {

    static final long DELAY_NANOS = 2_000_000_000L;
    private static final long REDRAW_NANOS = 200_000_000L;

    private final PrintStream err;
    private ProgressBar bar;
    private int epochs;
    private int examplesPerEpoch;
    private long epochStart;
    private long lastUpdate;
    private long pending;

    ProgressDisplay(PrintStream err) {
        this.err = err;
    }

    @Override
    public void trainingStarted(TrainingStart start) {
        epochs = start.epochs();
        examplesPerEpoch = start.dataset().examples();
    }

    @Override
    public void batchEnded(BatchEnd batch) {
        long now = System.nanoTime();
        if (batch.batch() == 1) {
            epochStart = now;
        }
        pending += batch.examples();
        if (now - lastUpdate < REDRAW_NANOS || now - epochStart < DELAY_NANOS) {
            return;
        }
        lastUpdate = now;
        if (bar == null) {
            bar = new ProgressBarBuilder()
                    .setTaskName(String.format(Locale.ROOT, "epoch %d/%d", batch.epoch(), epochs))
                    .setInitialMax(examplesPerEpoch)
                    .setUnit(" ex", 1)
                    .showSpeed()
                    .setStyle(ProgressBarStyle.ASCII)
                    .setUpdateIntervalMillis(200)
                    // An explicit width: asking JLine for the terminal's costs ~0.3 s of start-up.
                    .setConsumer(new ConsoleProgressBarConsumer(err, width()))
                    .build();
        }
        bar.stepBy(pending);
        pending = 0;
        bar.setExtraMessage(String.format(Locale.ROOT, " loss %.6f", batch.loss()));
    }

    @Override
    public void epochEnded(EpochEnd epoch) {
        if (bar != null) {
            bar.stepBy(pending);
            bar.close();
            bar = null;
        }
        pending = 0;
    }

    private static int width() {
        try {
            return Math.max(40, Integer.parseInt(System.getenv().getOrDefault("COLUMNS", "100").strip()) - 1);
        } catch (NumberFormatException e) {
            return 99;
        }
    }

    /** Whether to show the bar: {@code always}, {@code never}, or {@code auto} (a terminal). */
    enum Mode {
        AUTO, ALWAYS, NEVER;

        boolean enabled() {
            return this == ALWAYS || (this == AUTO && System.console() != null);
        }
    }
}
