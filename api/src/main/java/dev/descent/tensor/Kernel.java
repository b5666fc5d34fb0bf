package dev.descent.tensor;

/**
 * The kernels of a {@link Device} beyond its memory primitives. Every one has a host fallback, so a
 * device lists in {@link Device#nativeKernels()} the ones it runs itself; the rest run on the host
 * through upload and download, correctly but slower.
 */
public enum Kernel {
    UNARY, SCALAR, BINARY, MATMUL, REDUCE_SUM, REDUCE_MAX, TRANSPOSE, GATHER_ROWS, SCATTER_ADD_ROWS, AXPY;

    /** {@code gather-rows}: how listings name it. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
