package dev.descent.config;

import dev.descent.api.DescentException;

/** A config file or override is wrong: a missing file, a bad line, an unknown key, a bad value. */
public final class ConfigException extends DescentException {

    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
