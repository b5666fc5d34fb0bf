package dev.descent.api;

/**
 * A problem the user can fix: a bad config value, a missing file, a diverging run.
 *
 * <p>The message is the whole report: one sentence naming what was wrong, where (file, line, key,
 * value) and what to do. Front ends print it without a stack trace and exit with code 2. Bugs are
 * not {@code DescentException}s.
 */
public class DescentException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public DescentException(String message) {
        super(message);
    }

    public DescentException(String message, Throwable cause) {
        super(message, cause);
    }
}
