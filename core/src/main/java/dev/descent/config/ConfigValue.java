package dev.descent.config;

import java.util.Objects;

/**
 * One setting and where it came from, so errors can point at it.
 *
 * @param key    the full key, e.g. {@code optimizer.lr}
 * @param value  the text as written, trimmed
 * @param origin where it was written, e.g. {@code run.properties line 4} or
 *               {@code --set optimizer.lr=abc}
 */
public record ConfigValue(String key, String value, String origin) {

    public ConfigValue {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(origin, "origin");
    }
}
