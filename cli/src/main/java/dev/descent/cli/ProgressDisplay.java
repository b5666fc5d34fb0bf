package dev.descent.cli;

import dev.descent.train.BatchEnd;
import dev.descent.train.EpochEnd;
import dev.descent.train.TrainingListener;
import dev.descent.train.TrainingStart;
import java.io.PrintStream;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A progress bar per epoch on stderr, one line redrawn in place and fitted to the terminal's width
 * ({@link ProgressLine}): examples done, examples per second (smoothed), the time so far and left,
 * the current batch's loss and the learning rate. When the epoch ends the bar is erased and the
 * epoch's line takes its place.
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
public final class ProgressDisplay implements TrainingListener, AutoCloseable {

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

    /** Whether a bar is on the screen (the terminal thread's). */
    private boolean shown;

    ProgressDisplay(PrintStream err) {
        this(err, DELAY_NANOS);
    }

    /** With another delay before the bar appears: 0 shows it from the first batch (the benchmark's worst case). */
    public ProgressDisplay(PrintStream err, long delayNanos) {
        this(err, delayNanos, DEFAULT_REDRAW_NANOS);
    }

    /** With another least time between redraws: 0 redraws at every clock reading (a test sees every epoch's bar). */
    ProgressDisplay(PrintStream err, long delayNanos, long redrawNanos) {
        this(err, delayNanos, redrawNanos, TerminalWidth::columns);
    }

    /** With the terminal's width from {@code columns} (asked once per epoch, on the terminal thread). */
    ProgressDisplay(PrintStream err, long delayNanos, long redrawNanos, java.util.function.IntSupplier columns) {
        this.err = err;
        this.delayNanos = delayNanos;
        this.redrawNanos = redrawNanos;
        this.terminalWidth = columns;
    }

    private final java.util.function.IntSupplier terminalWidth;

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

    /** The learning rate of the epoch in progress, shown in its bar; NaN for an optimizer without one. */
    private volatile double learningRate = Double.NaN;

    @Override
    public void epochStarted(int epoch, java.util.OptionalDouble learningRate) {
        this.learningRate = learningRate.orElse(Double.NaN);
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

    // The terminal thread's state: the bar of the epoch in progress.
    private int barEpoch;
    private int columns;
    private double smoothedRate;
    private long lastExamples;
    private long lastElapsed;

    private void show(int epoch, long examples, long elapsedNanos, double loss) {
        if (barEpoch != epoch) {
            barEpoch = epoch;
            columns = terminalWidth.getAsInt();   // asked each epoch: a resized window fits from the next one
            smoothedRate = examples / (elapsedNanos / 1e9);
        } else if (elapsedNanos > lastElapsed) {
            // An exponential average over ~2 s: steady enough to read, quick to follow a real change.
            double seconds = (elapsedNanos - lastElapsed) / 1e9;
            double now = (examples - lastExamples) / seconds;
            smoothedRate += (now - smoothedRate) * (1 - Math.exp(-seconds / 2));
        }
        lastExamples = examples;
        lastElapsed = elapsedNanos;
        String line = ProgressLine.render(columns, epoch, epochs, examples, examplesPerEpoch, smoothedRate,
                elapsedNanos / 1e9, loss, learningRate);
        err.print("\r" + line + "\033[K");   // redrawn in place; the rest of the old line erased
        err.flush();
        shown = true;
    }

    /** The epoch ended: the bar goes, and its epoch line is printed where it stood. */
    private void closeBar() {
        if (shown) {
            err.print("\r\033[K");
            err.flush();
            shown = false;
        }
        barEpoch = 0;
    }

    /** Whether to show the bar: {@code always}, {@code never}, or {@code auto} (a terminal). */
    enum Mode {
        AUTO, ALWAYS, NEVER;

        boolean enabled() {
            return this == ALWAYS || (this == AUTO && System.console() != null);
        }
    }
}
