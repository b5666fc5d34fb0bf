package dev.descent.api;

/** Elementwise functions of two tensors (with broadcasting); {@link #apply} is the definition. */
public enum BinaryOp {
    ADD, SUB, MUL, DIV;

    /** The reference value, in double precision. */
    public double apply(double a, double b) {
        return switch (this) {
            case ADD -> a + b;
            case SUB -> a - b;
            case MUL -> a * b;
            case DIV -> a / b;
        };
    }
}
