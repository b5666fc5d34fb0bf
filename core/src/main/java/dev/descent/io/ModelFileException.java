package dev.descent.io;

import dev.descent.api.DescentException;

/** A model file cannot be written or read: truncated, of another format version, inconsistent. */
public final class ModelFileException extends DescentException {

    private static final long serialVersionUID = 1L;

    public ModelFileException(String message) {
        super(message);
    }

    public ModelFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
