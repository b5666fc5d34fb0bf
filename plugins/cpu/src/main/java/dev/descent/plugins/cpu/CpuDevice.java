package dev.descent.plugins.cpu;

import com.google.auto.service.AutoService;
import dev.descent.tensor.BinaryOp;
import dev.descent.tensor.Device;
import dev.descent.tensor.DeviceBuffer;
import dev.descent.api.Option;
import dev.descent.api.Plugin;
import dev.descent.tensor.ScalarOp;
import dev.descent.tensor.UnaryOp;
import dev.descent.tensor.Kernel;
import dev.descent.tensor.Shape;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * Tensors in float arrays on the Java heap, kernels in Java on every core. Released arrays are
 * reused for the next tensor of the same size ({@link ArrayPool}), so a training step allocates
 * nothing large.
 *
 * <p>Deterministic whatever {@code threads} is: large kernels are cut into chunks whose bounds depend
 * only on the problem's size, each chunk writes its own rows or its own partial sum, and partial sums
 * are combined in chunk order (see {@link Workers}). Small kernels (a minibatch of 10) run on the
 * calling thread alone, since handing them over would cost more than they do. Dot products use
 * {@link Dot}: the Vector API when the JVM offers it, otherwise plain Java, with the same bits either
 * way. Reductions to one value accumulate in double.
 *
 * <p>Large matrix products run in the system's BLAS when {@code blas} allows and one is installed
 * ({@link NativeBlas}): from {@link #BLAS_MIN} multiply-adds and more than {@link #NARROW} columns,
 * or, where OpenBLAS's threads are chosen per product ({@link BlasThreads}, JDK 22+), from {@link
 * #BLAS_MIN_CHOSEN_THREADS} and two columns: the same bits on the same machine, library, JDK range
 * and thread setting, not across them. With {@code blas = java}, or below the threshold (the
 * book's run), the products are Java's and the same everywhere.
 */
@AutoService(Device.class)
@Plugin(name = "cpu", description = "Java kernels on the JVM heap, on every core, large matrix products in native BLAS"
        + " when installed (cpu.blas); deterministic")
public final class CpuDevice implements Device {

    /**
     * Work per chunk (floats for elementwise kernels, sums and gathers; multiply-adds for products).
     * A kernel is split only when it has at least two chunks: below that, handing work to another
     * thread costs about as much as it saves (measured with bench/jmh.sh and whole runs; see
     * docs/performance.md). So minibatch kernels mostly stay on the calling thread and full-data
     * passes, such as the epoch's loss, use every core.
     */
    static final int CHUNK = 1 << 18;

    @Option(name = "threads", description = "Threads for large kernels; 0 for one per available processor. "
            + "Results are the same for any value", min = 0)
    private int threads = 0;

    @Option(name = "blas", description = "Large matrix products in native BLAS: auto (the best installed, OpenBLAS"
            + " first, else Java), native (the same, warning when there is none), java (the same bits on every"
            + " machine)")
    private NativeBlas.Choice blas = NativeBlas.Choice.AUTO;

    /**
     * Products of at least this many multiply-adds ({@code m · n · k}) and more than {@link #NARROW}
     * columns go to the native BLAS when there is one and its threads cannot be chosen per product:
     * below it, the call and OpenBLAS's threads cost more than they save, and narrow products
     * (softmax's logits, W6) are faster in {@link #narrowProduct} (measured: docs/performance.md); the
     * book's 2-wide products never reach it.
     */
    static final long BLAS_MIN = 1L << 20;

    /**
     * Where OpenBLAS's threads are chosen per product ({@link BlasThreads}, JDK 22+): products of at
     * least this many multiply-adds and two columns or more go to it, narrow ones included, since on
     * one thread it beats the Java product there too (W6, W7: docs/performance.md).
     */
    static final long BLAS_MIN_CHOSEN_THREADS = 1L << 16;

    /**
     * Products under this many multiply-adds, and narrow ones of any size, run on one OpenBLAS thread;
     * larger ones on all of them (measured: docs/performance.md).
     */
    static final long BLAS_ONE_THREAD_BELOW = 1L << 22;

    /** {@link #BLAS_MIN}, lowered by tests to send every product to the native BLAS. */
    long blasMin = BLAS_MIN;
    /** The fewest columns a product needs to go to the native BLAS; lowered by tests. */
    int blasMinColumns = NARROW + 1;
    private NativeBlas.Use products;

    private final Dot dot = Dot.best();
    private final ArrayPool pool = new ArrayPool();
    private Workers workers;
    /** Partial results of chunked reductions, one slot per chunk; grown as needed, never shrunk. */
    private float[] partials = new float[0];
    private double[] partialSums = new double[0];

    @Override
    public String description() {
        int n = team().size();
        // What the products run in once a large one has come (loading a library is left to that moment).
        String large = products == null ? "large products: blas = " + blas.name().toLowerCase(java.util.Locale.ROOT)
                : products.blas().isPresent() ? String.format(java.util.Locale.ROOT,
                        "products of %,d multiply-adds or more in %s", products.threads().isPresent()
                                ? Math.min(blasMin, BLAS_MIN_CHOSEN_THREADS) : blasMin, products.description())
                : "products in Java";
        return "cpu (" + n + (n == 1 ? " thread, " : " threads, ") + dot.description() + ", " + large + ")";
    }

    /** What the products run in, and why. */
    @Override
    public java.util.List<String> notes() {
        return java.util.List.of("matrix products: " + products().description() + "; " + products().reason());
    }

    private NativeBlas.Use products() {
        if (products == null) {
            products = NativeBlas.resolve(blas);
        }
        return products;
    }

    /** Every kernel runs here, in Java. */
    @Override
    public Set<Kernel> nativeKernels() {
        return EnumSet.allOf(Kernel.class);
    }

    /** Every op of this API: the cpu device is built with it. */
    private static final Set<UnaryOp> UNARY_OPS = Collections.unmodifiableSet(EnumSet.allOf(UnaryOp.class));
    private static final Set<ScalarOp> SCALAR_OPS = Collections.unmodifiableSet(EnumSet.allOf(ScalarOp.class));
    private static final Set<BinaryOp> BINARY_OPS = Collections.unmodifiableSet(EnumSet.allOf(BinaryOp.class));

    @Override
    public Set<UnaryOp> nativeUnaryOps() {
        return UNARY_OPS;
    }

    @Override
    public Set<ScalarOp> nativeScalarOps() {
        return SCALAR_OPS;
    }

    @Override
    public Set<BinaryOp> nativeBinaryOps() {
        return BINARY_OPS;
    }

    /** The {@code threads} option, for tests and embedders that build the device themselves; before first use. */
    void setThreads(int threads) {
        if (workers != null) {
            throw new IllegalStateException("the cpu device's threads are already running");
        }
        this.threads = threads;
    }

    /** The products this device uses, chosen by a test (a stand-in BLAS); before first use. */
    void useProducts(NativeBlas.Use use) {
        if (products != null) {
            throw new IllegalStateException("the cpu device has chosen its products already");
        }
        this.products = use;
    }

    /** The {@code blas} option, for tests and embedders that build the device themselves; before first use. */
    void setBlas(NativeBlas.Choice choice) {
        if (products != null) {
            throw new IllegalStateException("the cpu device has chosen its products already");
        }
        this.blas = choice;
    }

    private Workers team() {
        if (workers == null) {
            workers = new Workers(threads > 0 ? threads : Runtime.getRuntime().availableProcessors());
        }
        return workers;
    }

    /**
     * Runs {@code body} over {@code [0, n)} in chunks of {@code chunk}, on several threads when there
     * are several chunks. Kernels test for a single chunk themselves and call their loop directly:
     * that keeps a minibatch's kernels from allocating the {@code body} lambda on every call.
     */
    private void forRanges(int n, int chunk, Range body) {
        int chunks = (n + chunk - 1) / chunk;
        if (chunks <= 1) {
            body.run(0, n);
            return;
        }
        team().run(chunks, c -> body.run(c * chunk, Math.min(n, (c + 1) * chunk)));
    }

    @FunctionalInterface
    private interface Range {
        void run(int from, int to);
    }

    @Override
    public DeviceBuffer allocate(int length) {
        return new CpuBuffer(pool.take(length), false);
    }

    /** The array itself: device memory is the heap, so a data set is not held twice. */
    @Override
    public DeviceBuffer adopt(float[] values) {
        return new CpuBuffer(values, true);
    }

    @Override
    public void release(DeviceBuffer buffer) {
        if (buffer instanceof CpuBuffer cpu && !cpu.adopted && !cpu.released) {
            cpu.released = true;
            pool.give(cpu.data);
        }
    }

    @Override
    public void upload(float[] source, DeviceBuffer target) {
        float[] t = data(target);
        System.arraycopy(source, 0, t, 0, t.length);
    }

    @Override
    public void download(DeviceBuffer source, float[] target) {
        float[] s = data(source);
        System.arraycopy(s, 0, target, 0, s.length);
    }

    @Override
    public void fill(DeviceBuffer target, float value) {
        java.util.Arrays.fill(data(target), value);
    }

    @Override
    public void unary(UnaryOp op, DeviceBuffer x, DeviceBuffer out, int n) {
        float[] a = data(x);
        float[] o = data(out);
        if (n <= CHUNK) {
            unary(op, a, o, 0, n);
        } else {
            forRanges(n, CHUNK, (from, to) -> unary(op, a, o, from, to));
        }
    }

    private static void unary(UnaryOp op, float[] a, float[] o, int from, int to) {
        switch (op) {
            case NEG -> { for (int i = from; i < to; i++) o[i] = -a[i]; }
            case SQUARE -> { for (int i = from; i < to; i++) o[i] = a[i] * a[i]; }
            case ABS -> { for (int i = from; i < to; i++) o[i] = Math.abs(a[i]); }
            case SIGN -> { for (int i = from; i < to; i++) o[i] = Math.signum(a[i]); }
            case EXP -> { for (int i = from; i < to; i++) o[i] = (float) Math.exp(a[i]); }
            case LOG -> { for (int i = from; i < to; i++) o[i] = (float) Math.log(a[i]); }
            case SQRT -> { for (int i = from; i < to; i++) o[i] = (float) Math.sqrt(a[i]); }
            case SIGMOID, SOFTPLUS -> { for (int i = from; i < to; i++) o[i] = (float) op.apply(a[i]); }
            case TANH -> { for (int i = from; i < to; i++) o[i] = (float) Math.tanh(a[i]); }
            case RELU -> { for (int i = from; i < to; i++) o[i] = Math.max(a[i], 0f); }   // NaN stays NaN
            case ERF, GELU -> { for (int i = from; i < to; i++) o[i] = (float) op.apply(a[i]); }
            default -> throw new UnsupportedOperationException(op.name());
        }
    }

    @Override
    public void scalar(ScalarOp op, DeviceBuffer x, float s, DeviceBuffer out, int n) {
        float[] a = data(x);
        float[] o = data(out);
        if (n <= CHUNK) {
            scalar(op, a, s, o, 0, n);
        } else {
            forRanges(n, CHUNK, (from, to) -> scalar(op, a, s, o, from, to));
        }
    }

    private static void scalar(ScalarOp op, float[] a, float s, float[] o, int from, int to) {
        switch (op) {
            case ADD -> { for (int i = from; i < to; i++) o[i] = a[i] + s; }
            case MUL -> { for (int i = from; i < to; i++) o[i] = a[i] * s; }
            case REVERSE_SUB -> { for (int i = from; i < to; i++) o[i] = s - a[i]; }
            case REVERSE_DIV -> { for (int i = from; i < to; i++) o[i] = s / a[i]; }
            case POW -> { for (int i = from; i < to; i++) o[i] = (float) Math.pow(a[i], s); }
            case MAX -> { for (int i = from; i < to; i++) o[i] = Math.max(a[i], s); }
            case MIN -> { for (int i = from; i < to; i++) o[i] = Math.min(a[i], s); }
            case GREATER -> { for (int i = from; i < to; i++) o[i] = a[i] > s ? 1f : 0f; }
            case LESS -> { for (int i = from; i < to; i++) o[i] = a[i] < s ? 1f : 0f; }
            default -> throw new UnsupportedOperationException(op.name());
        }
    }

    @Override
    public void binary(BinaryOp op, DeviceBuffer a, Shape aShape, DeviceBuffer b, Shape bShape,
                       DeviceBuffer out, Shape outShape) {
        float[] x = data(a);
        float[] y = data(b);
        float[] o = data(out);
        int n = outShape.size();
        if (n == 0) {
            return;
        }
        if (aShape.size() == n && (bShape.size() == n || bShape.size() == 1)) {
            int step = bShape.size() == n ? 1 : 0;   // 0: a bias or a scalar, the same b for every element
            if (n <= CHUNK) {
                apply(op, x, 0, 1, y, 0, step, o, 0, n);
            } else {
                forRanges(n, CHUNK, (from, to) -> apply(op, x, from, 1, y, from * step, step, o, from, to - from));
            }
            return;
        }
        int rank = outShape.rank();
        int[] dims = outShape.dims();
        int[] aStrides = aShape.broadcastStrides(rank);
        int[] bStrides = bShape.broadcastStrides(rank);
        int inner = dims[rank - 1];
        int[] counter = new int[rank];
        int aOffset = 0;
        int bOffset = 0;
        for (int start = 0; start < n; start += inner) {
            apply(op, x, aOffset, aStrides[rank - 1], y, bOffset, bStrides[rank - 1], o, start, inner);
            // Advance the odometer over every dimension but the last.
            for (int d = rank - 2; d >= 0; d--) {
                counter[d]++;
                aOffset += aStrides[d];
                bOffset += bStrides[d];
                if (counter[d] < dims[d]) {
                    break;
                }
                aOffset -= aStrides[d] * dims[d];
                bOffset -= bStrides[d] * dims[d];
                counter[d] = 0;
            }
        }
    }

    private static void apply(BinaryOp op, float[] x, int xo, int xs, float[] y, int yo, int ys,
                              float[] o, int oo, int n) {
        // The common cases, indexed alike: the JIT vectorises a loop over several arrays only when each
        // is read and written at the same index (with an offset per array it cannot rule out overlap).
        if (xs == 1 && xo == oo && ys == 0) {   // a bias or a scalar: the same y for every element
            aligned(op, x, y[yo], o, oo, oo + n);
            return;
        }
        if (xs == 1 && ys == 1 && xo == oo && yo == oo) {
            aligned(op, x, y, o, oo, oo + n);
            return;
        }
        if (xs == 1 && ys == 1) {
            switch (op) {
                case ADD -> { for (int i = 0; i < n; i++) o[oo + i] = x[xo + i] + y[yo + i]; }
                case SUB -> { for (int i = 0; i < n; i++) o[oo + i] = x[xo + i] - y[yo + i]; }
                case MUL -> { for (int i = 0; i < n; i++) o[oo + i] = x[xo + i] * y[yo + i]; }
                case DIV -> { for (int i = 0; i < n; i++) o[oo + i] = x[xo + i] / y[yo + i]; }
                case EQUAL -> { for (int i = 0; i < n; i++) o[oo + i] = x[xo + i] == y[yo + i] ? 1f : 0f; }
                default -> throw new UnsupportedOperationException(op.name());
            }
            return;
        }
        switch (op) {
            case ADD -> { for (int i = 0; i < n; i++) o[oo + i] = x[xo + i * xs] + y[yo + i * ys]; }
            case SUB -> { for (int i = 0; i < n; i++) o[oo + i] = x[xo + i * xs] - y[yo + i * ys]; }
            case MUL -> { for (int i = 0; i < n; i++) o[oo + i] = x[xo + i * xs] * y[yo + i * ys]; }
            case DIV -> { for (int i = 0; i < n; i++) o[oo + i] = x[xo + i * xs] / y[yo + i * ys]; }
            case EQUAL -> { for (int i = 0; i < n; i++) o[oo + i] = x[xo + i * xs] == y[yo + i * ys] ? 1f : 0f; }
            default -> throw new UnsupportedOperationException(op.name());
        }
    }

    /** {@code o[i] = x[i] op y[i]} for {@code i} in {@code [from, to)}. */
    private static void aligned(BinaryOp op, float[] x, float[] y, float[] o, int from, int to) {
        switch (op) {
            case ADD -> { for (int i = from; i < to; i++) o[i] = x[i] + y[i]; }
            case SUB -> { for (int i = from; i < to; i++) o[i] = x[i] - y[i]; }
            case MUL -> { for (int i = from; i < to; i++) o[i] = x[i] * y[i]; }
            case DIV -> { for (int i = from; i < to; i++) o[i] = x[i] / y[i]; }
            case EQUAL -> { for (int i = from; i < to; i++) o[i] = x[i] == y[i] ? 1f : 0f; }
            default -> throw new UnsupportedOperationException(op.name());
        }
    }

    /** {@code o[i] = x[i] op c} for {@code i} in {@code [from, to)}. */
    private static void aligned(BinaryOp op, float[] x, float c, float[] o, int from, int to) {
        switch (op) {
            case ADD -> { for (int i = from; i < to; i++) o[i] = x[i] + c; }
            case SUB -> { for (int i = from; i < to; i++) o[i] = x[i] - c; }
            case MUL -> { for (int i = from; i < to; i++) o[i] = x[i] * c; }
            case DIV -> { for (int i = from; i < to; i++) o[i] = x[i] / c; }
            case EQUAL -> { for (int i = from; i < to; i++) o[i] = x[i] == c ? 1f : 0f; }
            default -> throw new UnsupportedOperationException(op.name());
        }
    }

    /**
     * Runs the product in the native BLAS when it is large enough to pay there, and says whether it
     * did: where OpenBLAS's threads are chosen per product, from {@link #BLAS_MIN_CHOSEN_THREADS}
     * multiply-adds and two columns, on one thread below {@link #BLAS_ONE_THREAD_BELOW} or up to
     * {@link #NARROW} columns; otherwise
     * from {@link #BLAS_MIN} and more than {@link #NARROW} columns, on OpenBLAS's own count.
     */
    private boolean nativeProduct(float[] x, boolean transposeA, float[] y, boolean transposeB, float[] z, int m,
                                  int n, int k, boolean accumulate) {
        long macs = (long) m * n * k;
        if (macs < Math.min(Math.max(1, blasMin), BLAS_MIN_CHOSEN_THREADS) || products().blas().isEmpty()) {
            return false;
        }
        Optional<BlasThreads> threads = products.threads();
        if (threads.isEmpty()) {
            if (n < blasMinColumns || macs < Math.max(1, blasMin)) {
                return false;
            }
            NativeBlas.rowMajor(products.blas().get(), x, transposeA, y, transposeB, z, m, n, k, accumulate);
            return true;
        }
        threads.get().acquire(n <= NARROW || macs < BLAS_ONE_THREAD_BELOW ? 1 : threads.get().threads());
        try {
            NativeBlas.rowMajor(products.blas().get(), x, transposeA, y, transposeB, z, m, n, k, accumulate);
        } finally {
            threads.get().release();
        }
        return true;
    }

    @Override
    public void matmul(DeviceBuffer a, boolean transposeA, DeviceBuffer b, boolean transposeB,
                       DeviceBuffer c, int m, int n, int k, boolean accumulate) {
        float[] x = data(a);
        float[] y = data(b);
        float[] z = data(c);
        if (n >= 2 && nativeProduct(x, transposeA, y, transposeB, z, m, n, k, accumulate)) {
            return;
        }
        if (transposeA && !transposeB && n == 1) {
            transposedTimesVector(x, y, z, m, k, accumulate);
            return;
        }
        // Every other case: output rows are independent, so chunks of rows run in parallel and each
        // c[i][j] adds its k products in one fixed order.
        if (!transposeA && !transposeB && n == 1 && (long) m * k <= CHUNK) {
            timesVector(x, y, z, 0, m, k, accumulate);   // a minibatch's X·w, on this thread
            return;
        }
        int rowsPerChunk = Math.max(1, CHUNK / Math.max(1, n * k));
        forRanges(m, rowsPerChunk, (from, to) -> {
            if (!accumulate) {
                java.util.Arrays.fill(z, from * n, to * n, 0f);
            }
            if (!transposeA && !transposeB && n == 1) {
                timesVector(x, y, z, from, to, k, true);
            } else if (!transposeA && transposeB) {
                for (int i = from; i < to; i++) {
                    for (int j = 0; j < n; j++) {
                        z[i * n + j] += dot.dot(x, i * k, y, j * k, k);
                    }
                }
            } else if (n <= NARROW && to - from >= NARROW) {
                narrowProduct(x, transposeA, y, transposeB, z, from, to, m, n, k);
            } else {
                rowsTimesMatrix(x, transposeA, y, transposeB, z, from, to, m, n, k);
            }
        });
    }

    /**
     * Products with at most this many columns (softmax's logits, its weights' gradient) take {@link
     * #narrowProduct}: a row of {@code c} that short leaves {@link #rowsTimesMatrix}'s vectorised loop
     * mostly set-up and tail.
     */
    static final int NARROW = 16;

    /**
     * Per thread: {@code op(a)}'s columns and {@code c}'s columns over a range of rows, for {@link
     * #narrowProduct}; each its own array, since the JIT vectorises a loop over two arrays only when
     * both start at index 0 (with offsets into one array it cannot rule out that they overlap).
     */
    private static final class NarrowScratch {
        float[][] a = new float[0][];
        float[][] c = new float[0][];

        static float[][] rows(float[][] rows, int count, int length) {
            if (rows.length < count || (count > 0 && rows[0].length < length)) {
                int capacity = Math.max(length, rows.length > 0 ? rows[0].length : 0);
                rows = new float[Math.max(count, rows.length)][capacity];
            }
            return rows;
        }
    }

    private static final ThreadLocal<NarrowScratch> NARROW_SCRATCH = ThreadLocal.withInitial(NarrowScratch::new);

    /**
     * Rows {@code [from, to)} of {@code c += op(a) · op(b)} for a narrow {@code c} (n ≤ {@link
     * #NARROW}), computed transposed: {@code cᵀ[j] += op(a)ᵀ[p] · b[p][j]}, a saxpy over the rows
     * (hundreds long, which the JIT vectorises) per p and j, four p at a time. Each c[i][j] still starts
     * from its value and adds its products one at a time in p order, so the bits are those of {@link
     * #rowsTimesMatrix} ({@code NarrowProductTest}); W6's step 0.66 → 0.2 ms (docs/performance.md).
     */
    private static void narrowProduct(float[] x, boolean transposeA, float[] y, boolean transposeB, float[] z,
                                      int from, int to, int m, int n, int k) {
        int rows = to - from;
        NarrowScratch scratch = NARROW_SCRATCH.get();
        float[][] a = scratch.a = NarrowScratch.rows(scratch.a, k, rows);
        float[][] c = scratch.c = NarrowScratch.rows(scratch.c, n, rows);
        if (transposeA) {   // a is stored k × m: op(a)ᵀ[p] is part of a's row p
            for (int p = 0; p < k; p++) {
                System.arraycopy(x, p * m + from, a[p], 0, rows);
            }
        } else {
            transposeRows(x, k, from, rows, a);
        }
        for (int r = 0; r < rows; r++) {
            int row = (from + r) * n;
            for (int j = 0; j < n; j++) {
                c[j][r] = z[row + j];
            }
        }
        for (int j = 0; j < n; j++) {
            float[] cj = c[j];
            int p = 0;
            for (; p + 3 < k; p += 4) {
                saxpy4(a[p], a[p + 1], a[p + 2], a[p + 3], cj, b(y, transposeB, p, j, n, k),
                        b(y, transposeB, p + 1, j, n, k), b(y, transposeB, p + 2, j, n, k),
                        b(y, transposeB, p + 3, j, n, k), rows);
            }
            for (; p < k; p++) {
                float[] ap = a[p];
                float bpj = b(y, transposeB, p, j, n, k);
                for (int r = 0; r < rows; r++) {
                    cj[r] += ap[r] * bpj;
                }
            }
        }
        for (int r = 0; r < rows; r++) {
            int row = (from + r) * n;
            for (int j = 0; j < n; j++) {
                z[row + j] = c[j][r];
            }
        }
    }

    /** {@code op(b)[p][j]}. */
    private static float b(float[] y, boolean transposeB, int p, int j, int n, int k) {
        return transposeB ? y[j * k + p] : y[p * n + j];
    }

    /** {@code c[r] += a0[r]·b0; += a1[r]·b1; += a2[r]·b2; += a3[r]·b3}, in that order, for each r. */
    private static void saxpy4(float[] a0, float[] a1, float[] a2, float[] a3, float[] c,
                               float b0, float b1, float b2, float b3, int rows) {
        for (int r = 0; r < rows; r++) {
            float v = c[r];
            v += a0[r] * b0;
            v += a1[r] * b1;
            v += a2[r] * b2;
            v += a3[r] * b3;
            c[r] = v;
        }
    }

    /** {@code out[p][r] = x[(from + r) · k + p]}: rows of x as columns, eight rows at a time (fewer cache misses). */
    private static void transposeRows(float[] x, int k, int from, int rows, float[][] out) {
        int r = 0;
        for (; r + 7 < rows; r += 8) {
            int s = (from + r) * k;
            for (int p = 0; p < k; p++) {
                float[] column = out[p];
                column[r] = x[s + p];
                column[r + 1] = x[s + k + p];
                column[r + 2] = x[s + 2 * k + p];
                column[r + 3] = x[s + 3 * k + p];
                column[r + 4] = x[s + 4 * k + p];
                column[r + 5] = x[s + 5 * k + p];
                column[r + 6] = x[s + 6 * k + p];
                column[r + 7] = x[s + 7 * k + p];
            }
        }
        for (; r < rows; r++) {
            int s = (from + r) * k;
            for (int p = 0; p < k; p++) {
                out[p][r] = x[s + p];
            }
        }
    }

    /** Rows {@code [from, to)} of {@code z (+)= x · y} for a vector {@code y}: a dot product per row. */
    private void timesVector(float[] x, float[] y, float[] z, int from, int to, int k, boolean accumulate) {
        for (int i = from; i < to; i++) {
            float product = dot.dot(x, i * k, y, 0, k);
            z[i] = accumulate ? z[i] + product : product;
        }
    }

    /**
     * Rows {@code [from, to)} of {@code c += op(a) · op(b)} as saxpys over c's row (which the JIT
     * vectorises), each c[i][j] adding its products in p order.
     */
    private static void rowsTimesMatrix(float[] x, boolean transposeA, float[] y, boolean transposeB, float[] z,
                                        int from, int to, int m, int n, int k) {
        for (int i = from; i < to; i++) {
            int row = i * n;
            for (int p = 0; p < k; p++) {
                float aip = transposeA ? x[p * m + i] : x[i * k + p];
                if (transposeB) {
                    for (int j = 0; j < n; j++) {
                        z[row + j] += aip * y[j * k + p];
                    }
                } else {
                    int bRow = p * n;
                    for (int j = 0; j < n; j++) {
                        z[row + j] += aip * y[bRow + j];
                    }
                }
            }
        }
    }

    /**
     * {@code c (+)= aᵀ g} with {@code a} stored {@code k × m} and {@code g} a vector: the gradient of
     * the weights, {@code Xᵀ · ∂l/∂ŷ}. Walks a's rows (contiguous) as saxpys into c. Large products
     * are cut into blocks of rows, fixed by the shape: the first block adds into c directly, every
     * other one into its own partial vector, and the partials are added to c in block order.
     */
    private void transposedTimesVector(float[] x, float[] g, float[] z, int m, int k, boolean accumulate) {
        if (!accumulate) {
            java.util.Arrays.fill(z, 0, m, 0f);
        }
        int rowsPerBlock = Math.max(64, CHUNK / Math.max(1, m));
        int blocks = (k + rowsPerBlock - 1) / rowsPerBlock;
        if (blocks <= 1) {
            saxpyRows(x, g, z, 0, m, 0, k);
            return;
        }
        if (partials.length < (blocks - 1) * m) {
            partials = new float[(blocks - 1) * m];
        }
        float[] partial = partials;
        team().run(blocks, block -> {
            int from = block * rowsPerBlock;
            int to = Math.min(k, from + rowsPerBlock);
            if (block == 0) {
                saxpyRows(x, g, z, 0, m, from, to);
            } else {
                int offset = (block - 1) * m;
                java.util.Arrays.fill(partial, offset, offset + m, 0f);
                saxpyRows(x, g, partial, offset, m, from, to);
            }
        });
        for (int block = 1; block < blocks; block++) {
            int offset = (block - 1) * m;
            for (int i = 0; i < m; i++) {
                z[i] += partial[offset + i];
            }
        }
    }

    /**
     * {@code out[offset + i] += Σ_p x[p][i] · g[p]} for rows {@code p} in {@code [from, to)}, in p
     * order. Four rows per pass over {@code out}: each element still adds its products one at a time
     * in p order (so the bits are those of one row per pass), but {@code out} is loaded and stored
     * once per four rows instead of once per row, and the loop's set-up is paid a quarter as often
     * (a W4 batch: 36 → 28 µs, docs/performance.md). The JIT vectorises the inner loops.
     */
    private static void saxpyRows(float[] x, float[] g, float[] out, int offset, int m, int from, int to) {
        int p = from;
        for (; p + 3 < to; p += 4) {
            int r0 = p * m;
            int r1 = r0 + m;
            int r2 = r1 + m;
            int r3 = r2 + m;
            float g0 = g[p];
            float g1 = g[p + 1];
            float g2 = g[p + 2];
            float g3 = g[p + 3];
            for (int i = 0; i < m; i++) {
                float o = out[offset + i];
                o += x[r0 + i] * g0;
                o += x[r1 + i] * g1;
                o += x[r2 + i] * g2;
                o += x[r3 + i] * g3;
                out[offset + i] = o;
            }
        }
        for (; p < to; p++) {
            int row = p * m;
            float gp = g[p];
            for (int i = 0; i < m; i++) {
                out[offset + i] += x[row + i] * gp;
            }
        }
    }

    @Override
    public void reduceSum(DeviceBuffer x, Shape xShape, DeviceBuffer out, Shape outShape) {
        float[] v = data(x);
        float[] o = data(out);
        int n = xShape.size();
        if (outShape.size() == 1) {
            o[0] = (float) sum(v, n);
            return;
        }
        int rank = xShape.rank();
        int[] dims = xShape.dims();
        int[] outStrides = outShape.broadcastStrides(rank);
        double[] sums = new double[outShape.size()];
        int[] counter = new int[rank];
        int outOffset = 0;
        for (int i = 0; i < n; i++) {
            sums[outOffset] += v[i];
            for (int d = rank - 1; d >= 0; d--) {
                counter[d]++;
                outOffset += outStrides[d];
                if (counter[d] < dims[d]) {
                    break;
                }
                outOffset -= outStrides[d] * dims[d];
                counter[d] = 0;
            }
        }
        for (int i = 0; i < sums.length; i++) {
            o[i] = (float) sums[i];
        }
    }

    @Override
    public void reduceMax(DeviceBuffer x, Shape xShape, DeviceBuffer out, Shape outShape) {
        float[] v = data(x);
        float[] o = data(out);
        int n = xShape.size();
        java.util.Arrays.fill(o, 0, outShape.size(), Float.NEGATIVE_INFINITY);
        int rank = xShape.rank();
        if (rank == 0) {
            o[0] = v[0];
            return;
        }
        int[] dims = xShape.dims();
        int inner = dims[rank - 1];
        if (inner > 0 && outShape.size() == n / inner && outShape.broadcastStrides(rank)[rank - 1] == 0) {
            // Rows reduced to their maxima (a softmax's shift): when the other dimensions are all kept.
            for (int r = 0, start = 0; start < n; r++, start += inner) {
                o[r] = max(v, start, start + inner);
            }
            return;
        }
        int[] outStrides = outShape.broadcastStrides(rank);
        int[] counter = new int[rank];
        int outOffset = 0;
        for (int i = 0; i < n; i++) {
            float value = v[i];
            if (!(value <= o[outOffset]) && !Float.isNaN(o[outOffset])) {
                o[outOffset] = value;   // larger, or NaN (which then stays)
            }
            for (int d = rank - 1; d >= 0; d--) {
                counter[d]++;
                outOffset += outStrides[d];
                if (counter[d] < dims[d]) {
                    break;
                }
                outOffset -= outStrides[d] * dims[d];
                counter[d] = 0;
            }
        }
    }

    private static float max(float[] v, int from, int to) {
        float m = Float.NEGATIVE_INFINITY;
        for (int i = from; i < to; i++) {
            float value = v[i];
            if (!(value <= m)) {
                if (Float.isNaN(value)) {
                    return value;
                }
                m = value;
            }
        }
        return m;
    }

    /** The sum of {@code v[0 .. n)} in double: in order up to {@link #CHUNK}, else per chunk, chunks in order. */
    private double sum(float[] v, int n) {
        int chunks = (n + CHUNK - 1) / CHUNK;
        if (chunks <= 1) {
            return sum(v, 0, n);
        }
        if (partialSums.length < chunks) {
            partialSums = new double[chunks];
        }
        double[] sums = partialSums;
        team().run(chunks, c -> sums[c] = sum(v, c * CHUNK, Math.min(n, (c + 1) * CHUNK)));
        double total = 0;
        for (int c = 0; c < chunks; c++) {
            total += sums[c];
        }
        return total;
    }

    private static double sum(float[] v, int from, int to) {
        double sum = 0;
        for (int i = from; i < to; i++) {
            sum += v[i];
        }
        return sum;
    }

    @Override
    public void transpose(DeviceBuffer x, int rows, int cols, DeviceBuffer out) {
        float[] v = data(x);
        float[] o = data(out);
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                o[c * rows + r] = v[r * cols + c];
            }
        }
    }

    /** Rows copied whole into consecutive rows of the batch; large batches split between threads. */
    @Override
    public void gatherRows(DeviceBuffer x, int cols, int[] indices, int from, int count, DeviceBuffer out) {
        float[] v = data(x);
        float[] o = data(out);
        if (cols == 1) {
            for (int i = 0; i < count; i++) {
                o[i] = v[indices[from + i]];
            }
            return;
        }
        if ((long) count * cols <= CHUNK) {
            gather(v, cols, indices, from, o, 0, count);
        } else {
            forRanges(count, Math.max(1, CHUNK / cols), (first, last) -> gather(v, cols, indices, from, o, first, last));
        }
    }

    private static void gather(float[] v, int cols, int[] indices, int from, float[] o, int first, int last) {
        for (int i = first; i < last; i++) {
            System.arraycopy(v, indices[from + i] * cols, o, i * cols, cols);
        }
    }

    @Override
    public void scatterAddRows(DeviceBuffer source, int cols, int[] indices, int from, int count, DeviceBuffer target) {
        float[] s = data(source);
        float[] t = data(target);
        for (int i = 0; i < count; i++) {
            int row = indices[from + i] * cols;
            for (int c = 0; c < cols; c++) {
                t[row + c] += s[i * cols + c];
            }
        }
    }

    @Override
    public void axpy(float alpha, DeviceBuffer x, DeviceBuffer y, int n) {
        float[] a = data(x);
        float[] b = data(y);
        if (n <= CHUNK) {
            axpy(alpha, a, b, 0, n);
        } else {
            forRanges(n, CHUNK, (from, to) -> axpy(alpha, a, b, from, to));
        }
    }

    private static void axpy(float alpha, float[] a, float[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            b[i] += alpha * a[i];
        }
    }

    @Override
    public void close() {
        pool.clear();
        if (workers != null) {
            workers.close();
            workers = null;
        }
    }

    private static float[] data(DeviceBuffer buffer) {
        if (buffer instanceof CpuBuffer cpu) {
            return cpu.data;
        }
        throw new IllegalArgumentException("buffer " + buffer + " does not belong to the cpu device");
    }
}
