package dev.descent.tensor;

import java.util.Set;

/**
 * Elementwise functions of one argument; {@link #apply} is the definition every device follows.
 * Each has a fixed {@link #code()}: devices written in another language (the OpenCL kernels) are
 * given these codes by name, so adding an op never renumbers another. Each records the minor
 * version of the plugin API that added it ({@link #since()}): a device runs an op natively only when
 * it lists it ({@link Device#nativeUnaryOps()}, by default the ops of API 2.0), so an op added later
 * runs on the host for a device written before it.
 */
public enum UnaryOp {
    NEG(0), SQUARE(1), ABS(2), SIGN(3), EXP(4), LOG(5), SQRT(6), SIGMOID(7), SOFTPLUS(8),
    /** Added in API 2.1. */
    TANH(9, 1);

    private final int code;
    /** Package-private for the dispatch on every op ({@link OpDispatch}), which reads it without a call. */
    final int since;

    UnaryOp(int code) {
        this(code, 0);
    }

    UnaryOp(int code, int since) {
        this.code = code;
        this.since = since;
    }

    /** The ops of API {@code 2.minor} and before: what a device written against that version knows. */
    public static Set<UnaryOp> upTo(int minor) {
        return HostKernels.upTo(UnaryOp.class, UnaryOp::since, minor);
    }

    /** The minor version of the plugin API that added this op: 0 for API 2.0, 1 for 2.1. */
    public int since() {
        return since;
    }

    /** The op's number in device code, fixed for good: {@code UNARY_NEG} is always 0. */
    public int code() {
        return code;
    }

    /**
     * The reference value, in double precision. {@code SIGN(0)} is 0. {@code SIGMOID} is
     * {@code 1 / (1 + e^-x)} and {@code SOFTPLUS} is {@code log(1 + e^x)}, both computed so that no
     * intermediate overflows for any finite {@code x}.
     */
    public double apply(double x) {
        return switch (this) {
            case NEG -> -x;
            case SQUARE -> x * x;
            case ABS -> Math.abs(x);
            case SIGN -> Math.signum(x);
            case EXP -> Math.exp(x);
            case LOG -> Math.log(x);
            case SQRT -> Math.sqrt(x);
            case SIGMOID -> x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
            case SOFTPLUS -> Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
            case TANH -> Math.tanh(x);
        };
    }
}
