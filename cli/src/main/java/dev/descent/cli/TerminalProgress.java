package dev.descent.cli;

import dev.descent.api.LoadingProgress;
import java.io.PrintStream;
import java.util.Locale;

/**
 * A one-line progress indicator on stderr for long loads, redrawn in place; used only when stderr
 * is a terminal, so logs and pipes never see control characters.
 */
final class TerminalProgress implements LoadingProgress {

    private final PrintStream err;
    private String what = "";
    private long total;
    private long startNanos;
    private long lastDraw;
    private boolean drawn;

    private TerminalProgress(PrintStream err) {
        this.err = err;
    }

    /** A terminal indicator when stderr is a terminal, otherwise nothing. */
    static LoadingProgress forStderr() {
        return System.console() != null ? new TerminalProgress(System.err) : LoadingProgress.NONE;
    }

    @Override
    public void started(String what, long total) {
        this.what = what;
        this.total = total;
        this.startNanos = System.nanoTime();
    }

    @Override
    public void advanced(long done) {
        long now = System.nanoTime();
        if (now - lastDraw < 200_000_000L || now - startNanos < 500_000_000L) {
            return;   // redraw at most 5 times a second, and not at all for short loads
        }
        lastDraw = now;
        double seconds = (now - startNanos) / 1e9;
        String percent = total > 0 ? String.format(Locale.ROOT, "%3d%% ", Math.min(100, done * 100 / total)) : "";
        err.printf(Locale.ROOT, "\rloading %s %s(%.0f MiB, %.0f MiB/s)  ", what, percent, done / 1048576.0,
                done / 1048576.0 / seconds);
        err.flush();
        drawn = true;
    }

    @Override
    public void finished() {
        if (drawn) {
            err.print("\r\033[K");
            err.flush();
        }
    }
}
