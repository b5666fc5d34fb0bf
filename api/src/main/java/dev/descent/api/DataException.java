package dev.descent.api;

/** A data source cannot deliver its data: a bad file, a bad cell, inconsistent settings. */
public final class DataException extends DescentException {

    private static final long serialVersionUID = 1L;

    public DataException(String message) {
        super(message);
    }

    public DataException(String message, Throwable cause) {
        super(message, cause);
    }
}
