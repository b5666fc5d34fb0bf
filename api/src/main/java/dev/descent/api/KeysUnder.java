package dev.descent.api;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a {@code Map<String, String>} field of a component that takes the config's keys under a
 * prefix of its own as they are, without the checking every other key gets: the Spark engine's
 * {@code spark.*} keys, which Spark itself checks. The registry fills the field as it creates the
 * component, with each whole key ({@code spark.master}) and its value; a config naming such keys while
 * the run uses another component is refused, naming the component that takes them.
 *
 * <pre>{@code
 * @KeysUnder("spark")
 * private final Map<String, String> sparkKeys = new LinkedHashMap<>();
 * }</pre>
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.FIELD)
public @interface KeysUnder {

    /** The prefix, without its dot: {@code spark}. */
    String value();
}
