package dev.descent.tensor;

import java.util.Set;

/**
 * Elementwise functions of an element {@code x} and a scalar {@code s}; {@link #apply} is the
 * definition. Each has a fixed {@link #code()} for device code, as {@link UnaryOp} does.
 */
public enum ScalarOp {
    /** {@code x + s} */ ADD(0),
    /** {@code x * s} */ MUL(1),
    /** {@code s - x} */ REVERSE_SUB(2),
    /** {@code s / x} */ REVERSE_DIV(3),
    /** {@code x ^ s} */ POW(4),
    /** {@code max(x, s)} */ MAX(5),
    /** {@code min(x, s)} */ MIN(6),
    /** {@code 1 if x > s else 0}: the gradient mask of {@link #MAX} */ GREATER(7),
    /** {@code 1 if x < s else 0}: the gradient mask of {@link #MIN} */ LESS(8);

    private final int code;
    /** Package-private for the dispatch on every op ({@link OpDispatch}), which reads it without a call. */
    final int since;

    ScalarOp(int code) {
        this(code, 0);
    }

    ScalarOp(int code, int since) {
        this.code = code;
        this.since = since;
    }

    /** The ops of API {@code 2.minor} and before: what a device written against that version knows. */
    public static Set<ScalarOp> upTo(int minor) {
        return HostKernels.upTo(ScalarOp.class, ScalarOp::since, minor);
    }

    /** The minor version of the plugin API that added this op (see {@link UnaryOp#since()}). */
    public int since() {
        return since;
    }

    /** The op's number in device code, fixed for good: {@code SCALAR_ADD} is always 0. */
    public int code() {
        return code;
    }

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
