package dev.descent.plugin;

import dev.descent.api.DescentException;

/** A component cannot be found, is ambiguous, or cannot be created. */
public final class PluginException extends DescentException {

    private static final long serialVersionUID = 1L;

    private final boolean notFound;

    public PluginException(String message) {
        this(message, false);
    }

    /**
     * @param notFound whether no jar offers the component, so that a command line can add how it is
     *                 told where plugin folders are
     */
    public PluginException(String message, boolean notFound) {
        super(message);
        this.notFound = notFound;
    }

    /** Whether no jar on the class path or in a plugin folder offers the component asked for. */
    public boolean notFound() {
        return notFound;
    }

    public PluginException(String message, Throwable cause) {
        super(message, cause);
        this.notFound = false;
    }
}
