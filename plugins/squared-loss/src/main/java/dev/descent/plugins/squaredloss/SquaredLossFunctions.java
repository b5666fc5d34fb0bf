package dev.descent.plugins.squaredloss;

import com.google.auto.service.AutoService;
import dev.descent.tensor.FunctionLibrary;
import dev.descent.tensor.TensorFunction;
import java.util.List;

/** The squared loss's own function, registered so that the test kit's gradient contract checks it. */
@AutoService(FunctionLibrary.class)
public final class SquaredLossFunctions implements FunctionLibrary {

    @Override
    public List<TensorFunction> functions() {
        return List.of(HalfSquaredError.INSTANCE);
    }
}
