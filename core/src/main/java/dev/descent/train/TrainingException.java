package dev.descent.train;

import dev.descent.api.DescentException;

/** Training cannot go on: the loss diverged, or a component broke its contract. */
public final class TrainingException extends DescentException {

    private static final long serialVersionUID = 1L;

    public TrainingException(String message) {
        super(message);
    }

    public TrainingException(String message, Throwable cause) {
        super(message, cause);
    }
}
