package com.example.descent.logcosh;

import com.google.auto.service.AutoService;
import dev.descent.tensor.FunctionLibrary;
import dev.descent.tensor.TensorFunction;
import java.util.List;

/** Registers {@link LogCosh}, so the test kit's gradient contract checks it like the built-in functions. */
@AutoService(FunctionLibrary.class)
public final class LogCoshFunctions implements FunctionLibrary {

    @Override
    public List<TensorFunction> functions() {
        return List.of(new LogCosh());
    }
}
