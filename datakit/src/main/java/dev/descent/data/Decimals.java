package dev.descent.data;

/**
 * Numbers are written in decimal in CSV cells and config values, as NumPy, pandas and Python's
 * {@code float()} read them. {@link Float#parseFloat} also takes Java's own spellings, hexadecimal
 * floats ({@code 0x1p3}) and type suffixes ({@code 1f}, {@code 2D}); those are refused, so a file
 * means the same here as in every other tool that reads it.
 */
public final class Decimals {

    private Decimals() {
    }

    /**
     * Whether {@code text} (stripped, and already accepted by {@link Float#parseFloat}) uses a
     * spelling only Java reads: a hexadecimal float or a {@code f}/{@code d} suffix. Two character
     * tests, cheap enough for every cell of a large file.
     */
    public static boolean isJavaOnly(String text) {
        int n = text.length();
        if (n == 0) {
            return false;
        }
        char last = text.charAt(n - 1);
        if (last == 'f' || last == 'F' || last == 'd' || last == 'D') {
            return true;
        }
        int first = text.charAt(0) == '+' || text.charAt(0) == '-' ? 1 : 0;
        return n > first + 1 && text.charAt(first) == '0'
                && (text.charAt(first + 1) == 'x' || text.charAt(first + 1) == 'X');
    }

    /** What to say after quoting a number {@link #isJavaOnly} refused. */
    public static String javaOnlyAdvice(String text) {
        return "a number written as only Java reads it (" + (isHex(text) ? "a hexadecimal float" : "a type suffix")
                + "); write it in decimal, e.g. 8, 0.5 or 1e-3";
    }

    private static boolean isHex(String text) {
        return text.indexOf('x') >= 0 || text.indexOf('X') >= 0;
    }
}
