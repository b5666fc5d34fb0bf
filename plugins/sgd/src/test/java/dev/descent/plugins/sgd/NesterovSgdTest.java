package dev.descent.plugins.sgd;

import dev.descent.api.Optimizer;
import dev.descent.testkit.OptimizerContract;
import java.lang.reflect.Field;

/** The test kit's optimizer contract for sgd with Nesterov momentum: the stateful path. */
class NesterovSgdTest extends OptimizerContract {

    @Override
    protected Optimizer createOptimizer() {
        MinibatchSgd sgd = new MinibatchSgd();
        set(sgd, "lr", 0.05);
        set(sgd, "momentum", 0.9);
        set(sgd, "nesterov", true);
        return sgd;
    }

    /** Options are private fields that the registry sets; the test sets them the same way. */
    private static void set(Object target, String field, Object value) {
        try {
            Field f = target.getClass().getDeclaredField(field);
            f.setAccessible(true);
            f.set(target, value);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }
}
