package com.example.descent.logcosh;

import dev.descent.tensor.Device;
import dev.descent.testkit.ReferenceDevice;
import dev.descent.testkit.TensorGradientContract;

/**
 * The test kit's gradient contract: it finds {@link LogCosh} through {@link LogCoshFunctions} (and the
 * built-in functions) on the class path and checks each one's backward against finite differences.
 */
class LogCoshGradientTest extends TensorGradientContract {

    @Override
    protected Device createDevice() {
        return new ReferenceDevice();
    }
}
