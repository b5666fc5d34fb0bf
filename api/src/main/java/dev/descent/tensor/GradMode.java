package dev.descent.tensor;

/**
 * Switches gradient tracking off for the current thread, like PyTorch's {@code torch.no_grad()}:
 *
 * <pre>{@code
 * try (var off = GradMode.disable()) {
 *     // evaluation, optimizer updates: nothing here is recorded for backward()
 * }
 * }</pre>
 */
public final class GradMode implements AutoCloseable {

    private static final ThreadLocal<int[]> DISABLED_DEPTH = ThreadLocal.withInitial(() -> new int[1]);

    private final int[] depth;
    private boolean closed;

    private GradMode(int[] depth) {
        this.depth = depth;
    }

    /** Stops recording operations until the returned handle is closed. Nests. */
    public static GradMode disable() {
        int[] depth = DISABLED_DEPTH.get();
        depth[0]++;
        return new GradMode(depth);
    }

    /** Whether operations on this thread are recorded for {@link Tensor#backward()}. */
    public static boolean isEnabled() {
        return DISABLED_DEPTH.get()[0] == 0;
    }

    /**
     * This thread's count of open {@code disable()}s, for the autograd engine: it reads it once per
     * operation and raises it around a function's forward and backward without allocating a handle.
     */
    static int[] depth() {
        return DISABLED_DEPTH.get();
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            depth[0]--;
        }
    }
}
