package dev.descent.tensor;

/**
 * Elementwise functions of one argument; {@link #apply} is the definition every device follows.
 * Each has a fixed {@link #code()}: devices written in another language (the OpenCL kernels) are
 * given these codes by name, so adding an op never renumbers another.
 */
public enum UnaryOp {
    NEG(0), SQUARE(1), ABS(2), SIGN(3), EXP(4), LOG(5), SQRT(6), SIGMOID(7), SOFTPLUS(8);

    private final int code;

    UnaryOp(int code) {
        this.code = code;
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
        };
    }
}
