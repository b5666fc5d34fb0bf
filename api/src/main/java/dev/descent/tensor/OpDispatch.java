package dev.descent.tensor;

import java.util.Set;

/**
 * Hands each elementwise op to the device's kernel, or to the host's when the device does not know
 * it: an op of API 2.0 goes to the device's method as it always has (whose default runs it on the
 * host); a later one ({@link UnaryOp#since()} above 0) only when the device lists it. No static state,
 * so the loop's first op loads nothing more than this class.
 */
final class OpDispatch {

    private OpDispatch() {
    }

    /** {@code device.unary} for an op of API 2.0 or one the device lists, else on the host. */
    static void unary(Device device, UnaryOp op, DeviceBuffer x, DeviceBuffer out, int n) {
        if (op.since == 0 || device.nativeUnaryOps().contains(op)) {
            device.unary(op, x, out, n);
        } else {
            HostKernels.unaryOnHost(device, op, x, out, n);
        }
    }

    static void scalar(Device device, ScalarOp op, DeviceBuffer x, float s, DeviceBuffer out, int n) {
        if (op.since == 0 || device.nativeScalarOps().contains(op)) {
            device.scalar(op, x, s, out, n);
        } else {
            HostKernels.scalarOnHost(device, op, x, s, out, n);
        }
    }

    static void binary(Device device, BinaryOp op, DeviceBuffer a, Shape aShape, DeviceBuffer b, Shape bShape,
                       DeviceBuffer out, Shape outShape) {
        if (op.since == 0 || device.nativeBinaryOps().contains(op)) {
            device.binary(op, a, aShape, b, bShape, out, outShape);
        } else {
            HostKernels.binaryOnHost(device, op, a, aShape, b, bShape, out, outShape);
        }
    }

    /** The ops of API 2.0: what a device that runs a kernel natively knows unless it says more (loaded when asked). */
    static final class Api20 {
        static final Set<UnaryOp> UNARY = UnaryOp.upTo(0);
        static final Set<ScalarOp> SCALAR = ScalarOp.upTo(0);
        static final Set<BinaryOp> BINARY = BinaryOp.upTo(0);

        private Api20() {
        }
    }
}
