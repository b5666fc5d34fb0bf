package dev.descent.tensor;

import java.util.List;

/**
 * Registers {@link TensorFunction}s as a service, so that the test kit's
 * {@code TensorGradientContract} finds and checks every one, the built-in ones and a plugin's, with
 * no list kept by hand:
 *
 * <pre>{@code
 * @AutoService(FunctionLibrary.class)
 * public final class LogCoshFunctions implements FunctionLibrary {
 *     @Override public List<TensorFunction> functions() { return List.of(new LogCosh()); }
 * }
 * }</pre>
 */
public interface FunctionLibrary {

    /** The functions, each with its {@link TensorFunction#gradientCases()}. */
    List<TensorFunction> functions();
}
