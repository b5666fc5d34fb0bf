package dev.descent.cli;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * The terminal's width in columns, for lines that must not wrap. {@code $COLUMNS} when the shell
 * exports it (most do not), else the terminal itself, asked through {@code stty size} on
 * {@code /dev/tty} (a few milliseconds, on the progress bar's own thread), else 80.
 */
final class TerminalWidth {

    static final int FALLBACK = 80;

    private TerminalWidth() {
    }

    static int columns() {
        Integer fromEnvironment = parse(System.getenv("COLUMNS"));
        if (fromEnvironment != null) {
            return fromEnvironment;
        }
        File tty = new File("/dev/tty");
        if (tty.exists()) {
            try {
                Process stty = new ProcessBuilder("stty", "size").redirectInput(tty)
                        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
                String answer = new String(stty.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).strip();
                if (stty.waitFor(2, TimeUnit.SECONDS) && stty.exitValue() == 0) {
                    String[] rowsAndColumns = answer.split("\\s+");
                    Integer columns = rowsAndColumns.length == 2 ? parse(rowsAndColumns[1]) : null;
                    if (columns != null) {
                        return columns;
                    }
                }
            } catch (java.io.IOException e) {
                // no stty: the fallback
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return FALLBACK;
    }

    private static Integer parse(String text) {
        if (text == null) {
            return null;
        }
        try {
            int value = Integer.parseInt(text.strip());
            return value >= 20 && value <= 1000 ? value : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
