package dev.descent.plugin;

import dev.descent.api.DescentException;

/** A component cannot be found, is ambiguous, or cannot be created. */
public final class PluginException extends DescentException {

    private static final long serialVersionUID = 1L;

    public PluginException(String message) {
        super(message);
    }

    public PluginException(String message, Throwable cause) {
        super(message, cause);
    }
}
