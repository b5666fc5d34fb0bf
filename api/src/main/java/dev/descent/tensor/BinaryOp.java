package dev.descent.tensor;

import java.util.Set;

/**
 * Elementwise functions of two tensors (with broadcasting); {@link #apply} is the definition. Each
 * has a fixed {@link #code()} for device code, as {@link UnaryOp} does.
 */
public enum BinaryOp {
    ADD(0), SUB(1), MUL(2), DIV(3), EQUAL(4);

    private final int code;
    /** Package-private for the dispatch on every op ({@link OpDispatch}), which reads it without a call. */
    final int since;

    BinaryOp(int code) {
        this(code, 0);
    }

    BinaryOp(int code, int since) {
        this.code = code;
        this.since = since;
    }

    /** The ops of API {@code 2.minor} and before: what a device written against that version knows. */
    public static Set<BinaryOp> upTo(int minor) {
        return HostKernels.upTo(BinaryOp.class, BinaryOp::since, minor);
    }

    /** The minor version of the plugin API that added this op (see {@link UnaryOp#since()}). */
    public int since() {
        return since;
    }

    /** The op's number in device code, fixed for good: {@code BINARY_ADD} is always 0. */
    public int code() {
        return code;
    }

    /** The reference value, in double precision. {@code EQUAL} is 1 where {@code a == b}, else 0. */
    public double apply(double a, double b) {
        return switch (this) {
            case ADD -> a + b;
            case SUB -> a - b;
            case MUL -> a * b;
            case DIV -> a / b;
            case EQUAL -> a == b ? 1 : 0;
        };
    }
}
