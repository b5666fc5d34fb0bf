package dev.descent.tensor;

/**
 * Elementwise functions of two tensors (with broadcasting); {@link #apply} is the definition. Each
 * has a fixed {@link #code()} for device code, as {@link UnaryOp} does.
 */
public enum BinaryOp {
    ADD(0), SUB(1), MUL(2), DIV(3), EQUAL(4);

    private final int code;

    BinaryOp(int code) {
        this.code = code;
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
