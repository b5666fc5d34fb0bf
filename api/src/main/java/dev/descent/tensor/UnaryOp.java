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
    TANH(9, 1),
    /** {@code max(x, 0)}; added in API 2.2. */
    RELU(10, 2),
    /** The Gauss error function; added in API 2.2. */
    ERF(11, 2),
    /** {@code x Φ(x)}, Φ the standard normal distribution function (the exact GELU, not the tanh form); added in API 2.2. */
    GELU(12, 2);

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
     * The reference value, in double precision. {@code SIGN(0)} is 0; {@code RELU} keeps NaN, as
     * {@code torch.relu}. {@code SIGMOID} is
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
            case RELU -> x > 0 || Double.isNaN(x) ? x : 0;
            case ERF -> erf(x);
            case GELU -> x >= 0 ? x * (1 - 0.5 * erfc(x / SQRT2)) : 0.5 * x * erfc(-x / SQRT2);
        };
    }

    private static final double SQRT2 = Math.sqrt(2);

    /**
     * {@code erf(x)} to about 1e-12: its Maclaurin series below |x| = 3 (at most 60 terms), beyond
     * that {@code 1 − erfc(x)}.
     */
    static double erf(double x) {
        if (Double.isNaN(x)) {
            return x;
        }
        double a = Math.abs(x);
        if (a >= 3) {
            return Math.copySign(1 - erfcLarge(a), x);
        }
        double x2 = x * x;
        double term = x;
        double sum = x;
        for (int n = 1; n < 60; n++) {
            term *= -x2 / n;
            double next = term / (2 * n + 1);
            sum += next;
            if (Math.abs(next) < 1e-17 * Math.abs(sum)) {
                break;
            }
        }
        return sum * (2 / Math.sqrt(Math.PI));
    }

    /** {@code 1 − erf(x)}, without the cancellation {@code 1 − erf} suffers for large x. */
    static double erfc(double x) {
        return x >= 3 ? erfcLarge(x) : 1 - erf(x);
    }

    /**
     * erfc for x ≥ 3 by its continued fraction (Lentz's method), which converges fast there:
     * {@code erfc(x) = e^{−x²}/√π · 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + …))))}.
     */
    private static double erfcLarge(double x) {
        if (x > 27) {
            return 0;
        }
        double tiny = 1e-300;
        double f = x;
        double c = x;
        double d = 0;
        for (int k = 1; k < 200; k++) {
            double ak = k / 2.0;
            d = x + ak * d;
            d = d == 0 ? tiny : 1 / d;
            c = x + ak / c;
            if (c == 0) {
                c = tiny;
            }
            double delta = c * d;
            f *= delta;
            if (Math.abs(delta - 1) < 1e-16) {
                break;
            }
        }
        return Math.exp(-x * x) / (Math.sqrt(Math.PI) * f);
    }
}
