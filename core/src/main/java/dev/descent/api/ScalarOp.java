package dev.descent.api;

/** Elementwise functions of an element {@code x} and a scalar {@code s}; {@link #apply} is the definition. */
public enum ScalarOp {
    /** {@code x + s} */ ADD,
    /** {@code x * s} */ MUL,
    /** {@code s - x} */ REVERSE_SUB,
    /** {@code s / x} */ REVERSE_DIV,
    /** {@code x ^ s} */ POW,
    /** {@code max(x, s)} */ MAX,
    /** {@code min(x, s)} */ MIN,
    /** {@code 1 if x > s else 0}: the gradient mask of {@link #MAX} */ GREATER,
    /** {@code 1 if x < s else 0}: the gradient mask of {@link #MIN} */ LESS;

    /** The reference value, in double precision. */
    public double apply(double x, double s) {
        return switch (this) {
            case ADD -> x + s;
            case MUL -> x * s;
            case REVERSE_SUB -> s - x;
            case REVERSE_DIV -> s / x;
            case POW -> Math.pow(x, s);
            case MAX -> Math.max(x, s);
            case MIN -> Math.min(x, s);
            case GREATER -> x > s ? 1 : 0;
            case LESS -> x < s ? 1 : 0;
        };
    }
}
