package dev.descent.api;

/** Elementwise functions of one argument; {@link #apply} is the definition every device follows. */
public enum UnaryOp {
    NEG, SQUARE, ABS, SIGN, EXP, LOG, SQRT;

    /** The reference value, in double precision. {@code SIGN(0)} is 0. */
    public double apply(double x) {
        return switch (this) {
            case NEG -> -x;
            case SQUARE -> x * x;
            case ABS -> Math.abs(x);
            case SIGN -> Math.signum(x);
            case EXP -> Math.exp(x);
            case LOG -> Math.log(x);
            case SQRT -> Math.sqrt(x);
        };
    }
}
