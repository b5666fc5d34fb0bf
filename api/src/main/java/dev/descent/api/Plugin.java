package dev.descent.api;

import dev.descent.tensor.Device;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names a component so that a config file can choose it.
 *
 * <p>Every class registered as a {@link Model}, {@link Loss}, {@link Optimizer}, {@link DataSource}
 * or {@link Device} service carries this annotation. The name is unique within its kind (two losses
 * may not both be called {@code squared}) and is what users write after {@code loss =}.
 *
 * <pre>{@code
 * @AutoService(Loss.class)
 * @Plugin(name = "squared", description = "Half squared error (y_hat - y)^2 / 2, per example")
 * public final class SquaredLoss implements Loss { ... }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Plugin {

    /** The name users select the component by: lower case, digits and dashes, e.g. {@code synthetic-gaussian}. */
    String name();

    /** One line saying what the component does, shown by {@code descent plugins}. */
    String description();
}
