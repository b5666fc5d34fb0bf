package dev.descent.plugins.cpu;

import java.lang.invoke.MethodHandle;
import java.lang.reflect.Array;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.Optional;

/**
 * OpenBLAS's thread count, chosen per product: one thread for a small or narrow product (two
 * threads would wait on each other longer than they save; measured in docs/performance.md),
 * OpenBLAS's own count for a large one. The JNI binding that runs the products cannot reach {@code
 * openblas_set_num_threads}; the FFM API (final in JDK 22) can, so on JDK 22 and later, with native
 * access granted ({@code bin/descent} and the jars' manifests grant it), this calls it through a
 * method handle; on older JDKs every product runs on OpenBLAS's default count.
 *
 * <p>The count is one setting for the whole process, and OpenBLAS's results depend on it (a product
 * split between two threads rounds differently from one on one thread). So a product and the count
 * it runs with go together ({@link #acquire}, {@link #release}): products of one count run side by
 * side, a product of another count waits for them, so devices on several threads (a service's
 * predictor copies, Spark's local tasks, a sweep's trials) get the same bits as each alone. The FFM classes are reached by
 * reflection, so this compiles for Java 17.
 */
final class BlasThreads {

    /** Guards the count and the products running with it. */
    static final Object LOCK = new Object();

    private final MethodHandle set;
    private final int threads;
    private int current;
    /** Products running now, all with {@code current} threads. */
    private int active;
    /** The count a waiting product needs, when it differs from {@code current}; 0 when none waits. */
    private int pending;

    /** A control that calls {@code set}, an {@code (int)void} handle, with OpenBLAS's count {@code threads}. */
    BlasThreads(MethodHandle set, int threads) {
        this.set = set;
        this.threads = threads;
        this.current = threads;
    }

    /**
     * The thread control of the OpenBLAS {@code library} (its {@code libblas.so.3}, which brings
     * {@code libopenblas.so.0}), or why there is none.
     */
    static Result find(Path library) {
        int feature = Runtime.version().feature();
        if (feature < 22) {
            return new Result(Optional.empty(), "OpenBLAS's own count for every product (choosing it per product"
                    + " needs JDK 22 or later, which bin/descent prefers when installed; this is JDK " + feature + ")");
        }
        try {
            if (!(boolean) Module.class.getMethod("isNativeAccessEnabled").invoke(BlasThreads.class.getModule())) {
                return new Result(Optional.empty(), "OpenBLAS's own count for every product (choosing it per product"
                        + " needs native access: run with --enable-native-access=ALL-UNNAMED, as bin/descent does)");
            }
            Class<?> arena = Class.forName("java.lang.foreign.Arena");
            Class<?> symbols = Class.forName("java.lang.foreign.SymbolLookup");
            Object lookup = symbols.getMethod("libraryLookup", Path.class, arena).invoke(null, library,
                    arena.getMethod("global").invoke(null));
            Method find = symbols.getMethod("find", String.class);
            Optional<?> setter = (Optional<?>) find.invoke(lookup, "openblas_set_num_threads");
            Optional<?> getter = (Optional<?>) find.invoke(lookup, "openblas_get_num_threads");
            if (setter.isEmpty() || getter.isEmpty()) {
                return new Result(Optional.empty(), "the library's own count (it is not OpenBLAS:"
                        + " no openblas_set_num_threads)");
            }
            Class<?> layout = Class.forName("java.lang.foreign.MemoryLayout");
            Object javaInt = Class.forName("java.lang.foreign.ValueLayout").getField("JAVA_INT").get(null);
            Object oneInt = Array.newInstance(layout, 1);
            Array.set(oneInt, 0, javaInt);
            Object none = Array.newInstance(layout, 0);
            Class<?> descriptor = Class.forName("java.lang.foreign.FunctionDescriptor");
            Object takesInt = descriptor.getMethod("ofVoid", oneInt.getClass()).invoke(null, oneInt);
            Object givesInt = descriptor.getMethod("of", layout, none.getClass()).invoke(null, javaInt, none);
            Class<?> linkerType = Class.forName("java.lang.foreign.Linker");
            Class<?> option = Class.forName("java.lang.foreign.Linker$Option");
            Object linker = linkerType.getMethod("nativeLinker").invoke(null);
            Method downcall = linkerType.getMethod("downcallHandle", Class.forName("java.lang.foreign.MemorySegment"),
                    descriptor, option.arrayType());
            Object noOptions = Array.newInstance(option, 0);
            MethodHandle set = (MethodHandle) downcall.invoke(linker, setter.get(), takesInt, noOptions);
            MethodHandle get = (MethodHandle) downcall.invoke(linker, getter.get(), givesInt, noOptions);
            int threads = (int) get.invokeExact();
            if (threads < 1) {
                return new Result(Optional.empty(), "OpenBLAS's own count (it reported " + threads + " threads)");
            }
            return new Result(Optional.of(new BlasThreads(set, threads)), "1 for products of up to "
                    + CpuDevice.NARROW + " columns or under " + String.format(java.util.Locale.ROOT, "%,d",
                    CpuDevice.BLAS_ONE_THREAD_BELOW) + " multiply-adds, " + threads + " (OpenBLAS's count) for"
                    + " larger ones; set per product through the FFM API");
        } catch (InvocationTargetException e) {
            return new Result(Optional.empty(), "OpenBLAS's own count for every product (its thread setting could"
                    + " not be reached: " + e.getCause() + ")");
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return new Result(Optional.empty(), "OpenBLAS's own count for every product (its thread setting could"
                    + " not be reached: " + e + ")");
        } catch (Throwable e) {
            throw new IllegalStateException("openblas_get_num_threads failed", e);
        }
    }

    /** The control, or none, and the sentence {@code descent devices --verbose} says about the threads. */
    record Result(Optional<BlasThreads> control, String description) {
    }

    /** OpenBLAS's own count (its default, or {@code OPENBLAS_NUM_THREADS}), used for large products. */
    int threads() {
        return threads;
    }

    /**
     * Waits until products may run with {@code count} threads, sets it, and counts this product in:
     * products that want the same count run side by side (a sweep's trials, predictor copies), one
     * that wants another count waits until they are done, and, once one waits, new ones of the
     * current count wait behind it. Every product runs with the count it asked for; {@link #release}
     * when done.
     */
    void acquire(int count) {
        boolean interrupted = false;
        synchronized (LOCK) {
            while (active > 0 && (current != count || pending != 0 && pending != count)) {
                if (current != count) {
                    pending = count;
                }
                try {
                    LOCK.wait();
                } catch (InterruptedException e) {
                    interrupted = true;   // a product in flight finishes; the interrupt is kept for the caller
                }
            }
            if (pending == count) {
                pending = 0;
            }
            use(count);
            active++;
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** The product that {@link #acquire} let run is done. */
    void release() {
        synchronized (LOCK) {
            active--;
            if (active == 0) {
                LOCK.notifyAll();
            }
        }
    }

    /** Sets the count for the next product; call under {@link #LOCK} with no product running. */
    void use(int count) {
        if (count == current) {
            return;
        }
        try {
            set.invokeExact(count);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("openblas_set_num_threads failed", e);
        }
        current = count;
    }
}
