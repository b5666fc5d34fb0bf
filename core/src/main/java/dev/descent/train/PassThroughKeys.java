package dev.descent.train;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Map;

/**
 * A component that takes the config's keys under a prefix of its own as they are, without the
 * checking every other key gets: the Spark engine's {@code spark.*} keys, which Spark itself
 * checks. The prefix is declared on the class ({@link Prefix}), so that a config is checked before
 * anything is created; {@link #passThrough} receives the keys once the component is.
 */
public interface PassThroughKeys {

    /** The prefix whose keys a {@link PassThroughKeys} component takes, e.g. {@code spark}. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.TYPE)
    @interface Prefix {
        String value();
    }

    /**
     * The config's keys under the prefix, whole ({@code spark.master}), with their values; called
     * once, after the options are set and before training.
     */
    void passThrough(Map<String, String> keys);

    /** The prefix {@code type} declares, or null when it takes no keys. */
    static String prefixOf(Class<?> type) {
        Prefix prefix = type.getAnnotation(Prefix.class);
        return prefix != null && PassThroughKeys.class.isAssignableFrom(type) ? prefix.value() : null;
    }
}
