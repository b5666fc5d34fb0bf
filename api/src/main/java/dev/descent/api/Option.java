package dev.descent.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a field of a component as a setting users can change in the config file.
 *
 * <p>The field's initial value is the default. The field must not be {@code final} or
 * {@code static}; its type is one of {@code int}, {@code long}, {@code float}, {@code double},
 * {@code boolean}, {@code String}, {@code Path}, an enum, {@code int[]}, {@code float[]},
 * {@code double[]} (written {@code 2, -3.4}), {@code String[]} (written {@code area, rooms}), or the
 * interface of a {@linkplain ComponentKind#composed composed kind} ({@code Layer}, written
 * {@code relu}) or an array of it ({@code Layer[]}, written {@code linear:256, relu, linear}): the
 * registry creates those components, with their options, from the text. The registry converts the text from the config, checks the range below and
 * writes the field before the component is used; a bad value is reported with its key and text.
 *
 * <pre>{@code
 * @Option(name = "lr", description = "Learning rate", min = 0, minExclusive = true)
 * private double lr = 0.03;
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.FIELD)
public @interface Option {

    /** The key under the component's kind, e.g. {@code lr} for {@code optimizer.lr}. */
    String name();

    /** One line for {@code descent plugins}: what the setting changes, with its unit if it has one. */
    String description();

    /** The smallest accepted value of a numeric option (each element of an array option). */
    double min() default Double.NEGATIVE_INFINITY;

    /** Whether {@link #min()} itself is rejected, as for a learning rate that must be positive. */
    boolean minExclusive() default false;

    /** The largest accepted value of a numeric option (each element of an array option). */
    double max() default Double.POSITIVE_INFINITY;

    /** Whether {@link #max()} itself is rejected, as for a dropout rate that must be below 1. */
    boolean maxExclusive() default false;
}
