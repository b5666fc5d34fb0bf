package dev.descent.cli;

import dev.descent.train.BatchEnd;
import dev.descent.train.EpochEnd;
import dev.descent.train.TrainingListener;
import dev.descent.train.TrainingStart;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * A progress bar per epoch on stderr: examples done, examples per second, and the current batch
 * loss.
 *
 * <p>Cheap for the training thread by construction (measured in docs/performance.md): per batch it
 * adds to a counter and reads the clock; at most 5 times a second it reads the loss from the device
 * and hands the numbers to a terminal thread. Everything that touches the terminal — creating the
 * bar (class loading, the first render), redrawing it, closing it — runs on that thread, so training
 * never waits for the terminal. The bar only appears once an epoch has run for {@link #DELAY_NANOS},
 * like tqdm's {@code delay}: a short epoch has no use for one.
 *
 * <p>Other output that must not cut into the bar (the epoch lines) goes through {@link #terminal()},
 * which runs it on the same thread in order; {@link #close()} waits for all of it.
 */
final class ProgressDisplay implements TrainingListener, AutoCloseable {

    static final long DELAY_NANOS = 2_000_000_000L;
    static final long DEFAULT_REDRAW_NANOS = 200_000_000L;
    private static final long CLOCK_MIN_NANOS = 1_000_000L;
    private static final long CLOCK_MAX_NANOS = 20_000_000L;
    private static final int MAX_STRIDE = 1024;

    private final PrintStream err;
    private final long delayNanos;
    private final long redrawNanos;
    private final ExecutorService terminal = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "descent-progress");
        thread.setDaemon(true);
        return thread;
    });

    // The training thread's state.
    private int epochs;
    private int examplesPerEpoch;
    private long epochStart;
    private long lastUpdate;
    private long done;
    private long lastClock;
    private int stride = 1;
    private int untilClock;

    // The terminal thread's state.
    private ProgressBar bar;

    ProgressDisplay(PrintStream err) {
        this(err, DELAY_NANOS);
    }

    /** With another delay before the bar appears: 0 shows it from the first batch (the benchmark's worst case). */
    ProgressDisplay(PrintStream err, long delayNanos) {
        this(err, delayNanos, DEFAULT_REDRAW_NANOS);
    }

    /** With another least time between redraws: 0 redraws at every clock reading (a test sees every epoch's bar). */
    ProgressDisplay(PrintStream err, long delayNanos, long redrawNanos) {
        this.err = err;
        this.delayNanos = delayNanos;
        this.redrawNanos = redrawNanos;
    }

    /** Runs output on the terminal thread, after every bar update handed over before it. */
    Executor terminal() {
        return terminal;
    }

    @Override
    public void trainingStarted(TrainingStart start) {
        epochs = start.epochs();
        examplesPerEpoch = start.dataset().examples();
    }

    @Override
    public void batchEnded(BatchEnd batch) {
        if (batch.batch() == 1) {
            epochStart = System.nanoTime();
            lastClock = epochStart;
            done = 0;
            untilClock = stride;
        }
        done += batch.examples();
        if (--untilClock > 0) {
            return;
        }
        long now = System.nanoTime();
        // Reading the clock costs ~25 ns on a virtual machine, as much as a step of 10 examples' worth
        // of bookkeeping: read it every `stride` batches, the stride adapting so reads are 1–20 ms apart.
        long gap = now - lastClock;
        lastClock = now;
        if (gap < CLOCK_MIN_NANOS && stride < MAX_STRIDE) {
            stride <<= 1;
        } else if (gap > CLOCK_MAX_NANOS && stride > 1) {
            stride >>= 1;
        }
        untilClock = stride;
        if (now - lastUpdate < redrawNanos || now - epochStart < delayNanos) {
            return;
        }
        lastUpdate = now;
        int epoch = batch.epoch();
        long examples = done;
        long elapsed = now - epochStart;
        double loss = batch.loss();   // the device is the training thread's: read it here
        terminal.execute(() -> show(epoch, examples, elapsed, loss));
    }

    /** The rate of the epoch in progress, shown in its bar; empty for an optimizer without one. */
    private volatile String rateText = "";

    @Override
    public void epochStarted(int epoch, java.util.OptionalDouble learningRate) {
        rateText = learningRate.isPresent() ? String.format(Locale.ROOT, " lr %.3g", learningRate.getAsDouble()) : "";
    }

    @Override
    public void epochEnded(EpochEnd epoch) {
        terminal.execute(this::closeBar);
    }

    /** Closes any open bar and waits until everything handed to the terminal thread is written. */
    @Override
    public void close() {
        terminal.execute(this::closeBar);
        terminal.shutdown();
        try {
            terminal.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void show(int epoch, long examples, long elapsedNanos, double loss) {
        if (bar == null) {
            bar = new ProgressBarBuilder()
                    // The bar appears part-way through the epoch: start its clock and count there,
                    // so that its rate and time left are the epoch's.
                    .startsFrom(examples, Duration.ofNanos(elapsedNanos))
                    .setTaskName(String.format(Locale.ROOT, "epoch %d/%d", epoch, epochs))
                    .setInitialMax(examplesPerEpoch)
                    .setUnit(" ex", 1)
                    .showSpeed()
                    .setStyle(ProgressBarStyle.ASCII)
                    .setUpdateIntervalMillis(200)
                    // An explicit width: asking JLine for the terminal's costs ~0.3 s of start-up.
                    .setConsumer(new ConsoleProgressBarConsumer(err, width()))
                    .build();
        }
        bar.stepTo(examples);
        bar.setExtraMessage(String.format(Locale.ROOT, " loss %.6f", loss) + rateText);
    }

    private void closeBar() {
        if (bar != null) {
            bar.stepTo(examplesPerEpoch);
            bar.close();
            bar = null;
        }
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
