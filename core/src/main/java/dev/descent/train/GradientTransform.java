package dev.descent.train;

import dev.descent.api.Parameter;
import java.util.List;

/**
 * Changes the combined gradients before the optimizer sees them: clipping by norm or by value.
 * Runs outside gradient tracking, in place on {@link Parameter#grad()}.
 */
@FunctionalInterface
public interface GradientTransform {

    /**
     * @param parameters the parameters, each gradient summed over {@code examples} examples
     * @param examples   the examples the gradients cover, as the optimizer will be told
     */
    void apply(List<Parameter> parameters, int examples);
}
