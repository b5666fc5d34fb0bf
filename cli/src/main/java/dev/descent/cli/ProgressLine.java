package dev.descent.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The progress bar's one line, fitted to the terminal's width so it never wraps:
 * {@code epoch 2/10  42% [=======>          ] 84.0k/200k ex  1.2M ex/s  0:02<0:03  batch loss 0.001234  lr 0.0300}.
 * When the terminal is narrow, the least needed parts go first (the rate of the optimizer, the
 * times, the counts), then the bar shrinks; the epoch and the percentage always show.
 */
final class ProgressLine {

    private static final int MIN_BAR = 10;
    private static final int MAX_BAR = 40;

    private ProgressLine() {
    }

    /**
     * @param width     the terminal's columns: the line has at most {@code width - 1} characters (the last
     *                  column would make some terminals wrap)
     * @param rate      examples per second, smoothed
     * @param learningRate the rate shown, or NaN for none
     */
    static String render(int width, int epoch, int epochs, long done, long total, double rate, double elapsedSeconds,
                         double loss, double learningRate) {
        int room = Math.max(20, width - 1);
        double fraction = total <= 0 ? 0 : Math.min(1, (double) done / total);
        String head = String.format(Locale.ROOT, "epoch %d/%d %3d%%", epoch, epochs, (int) Math.floor(fraction * 100));
        // The parts after the bar, most wanted first; dropped from the end until the line fits.
        List<String> parts = new ArrayList<>();
        parts.add("batch loss " + String.format(Locale.ROOT, "%.6f", loss));
        // Padded to their widest, so the bar keeps its length while the numbers change.
        String totalText = count(total);
        parts.add(pad(count(done), totalText.length()) + "/" + totalText + " ex");
        parts.add(pad(count(rate), 5) + " ex/s");
        double left = rate > 0 ? (total - done) / rate : Double.NaN;
        parts.add(clock(elapsedSeconds) + "<" + (Double.isFinite(left) ? clock(left) : "--:--"));
        if (!Double.isNaN(learningRate)) {
            parts.add(String.format(Locale.ROOT, "lr %.3g", learningRate));
        }
        // In the order shown: loss last, so the numbers that move least are read where they stay.
        int[] order = {1, 2, 3, 0, 4};
        while (true) {
            StringBuilder tail = new StringBuilder();
            for (int i : order) {
                if (i < parts.size()) {
                    tail.append("  ").append(parts.get(i));
                }
            }
            int bar = Math.min(MAX_BAR, room - head.length() - tail.length() - 3);
            if (bar >= MIN_BAR || parts.isEmpty()) {
                String line = bar >= MIN_BAR ? head + " " + bar(bar, fraction) + tail : head + tail;
                return line.length() <= room ? line : line.substring(0, room);
            }
            parts.remove(parts.size() - 1);   // the lr first, then the times, the rate, the counts; the loss last
        }
    }

    private static String pad(String text, int width) {
        return text.length() >= width ? text : " ".repeat(width - text.length()) + text;
    }

    private static String bar(int width, double fraction) {
        int inside = width - 2;
        int full = (int) Math.floor(fraction * inside);
        StringBuilder bar = new StringBuilder("[");
        for (int i = 0; i < inside; i++) {
            bar.append(i < full ? '=' : i == full && full < inside ? '>' : ' ');
        }
        return bar.append(']').toString();
    }

    /** {@code 950}, {@code 84.0k}, {@code 1.2M}: three significant digits at most. */
    static String count(double value) {
        if (value < 1000) {
            return String.format(Locale.ROOT, "%.0f", value);
        }
        String[] units = {"k", "M", "G", "T"};
        double scaled = value;
        int unit = -1;
        while (scaled >= 999.5 && unit < units.length - 1) {
            scaled /= 1000;
            unit++;
        }
        String digits = scaled >= 99.95 ? String.format(Locale.ROOT, "%.0f", scaled)
                : String.format(Locale.ROOT, "%.1f", scaled);
        return digits + units[unit];
    }

    /** {@code 0:07}, {@code 12:34}, {@code 1:02:03}. */
    static String clock(double seconds) {
        long s = Math.max(0, Math.round(seconds));
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
}
