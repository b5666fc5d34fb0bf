package dev.descent.plugins.cpu;

import static org.assertj.core.api.Assertions.assertThat;

import dev.descent.tensor.Device;
import dev.descent.tensor.DeviceBuffer;
import dev.ludovic.netlib.blas.BLAS;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * OpenBLAS's thread count, one setting for the process, chosen per product: each product runs with
 * the count its size calls for even when devices on several threads multiply at once (a stand-in
 * BLAS checks the count in effect while it runs), since results depend on the count.
 */
class BlasThreadsTest {

    /** The count the stand-in library has, as {@code openblas_set_num_threads} would leave it. */
    private static final AtomicInteger COUNT = new AtomicInteger(2);

    static void setCount(int threads) {
        COUNT.set(threads);
    }

    private final ConcurrentLinkedQueue<String> wrong = new ConcurrentLinkedQueue<>();
    private final AtomicInteger products = new AtomicInteger();
    /** Products in the stand-in now, and the most there were at once. */
    private final AtomicInteger inside = new AtomicInteger();
    private final AtomicInteger mostInside = new AtomicInteger();
    /** The control of the stand-in's count, OpenBLAS's own count being 2. */
    private final BlasThreads threads = control();

    private static BlasThreads control() {
        COUNT.set(2);   // as OpenBLAS starts: each test's control begins at the library's own count
        try {
            return new BlasThreads(MethodHandles.lookup().findStatic(BlasThreadsTest.class, "setCount",
                    MethodType.methodType(void.class, int.class)), 2);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    /** A BLAS whose sgemm waits a little and checks the count stayed the one its size calls for. */
    private BLAS standIn() {
        return (BLAS) Proxy.newProxyInstance(BLAS.class.getClassLoader(), new Class<?>[] {BLAS.class},
                (proxy, method, args) -> {
                    if (!method.getName().equals("sgemm")) {
                        throw new UnsupportedOperationException(method.getName());
                    }
                    int n = (int) args[2];
                    int m = (int) args[3];
                    int k = (int) args[4];
                    long macs = (long) m * n * k;
                    int expected = n <= CpuDevice.NARROW || macs < CpuDevice.BLAS_ONE_THREAD_BELOW ? 1 : 2;
                    mostInside.accumulateAndGet(inside.incrementAndGet(), Math::max);
                    for (int i = 0; i < 20; i++) {
                        if (COUNT.get() != expected) {
                            wrong.add(m + "×" + k + "×" + n + " ran on " + COUNT.get() + " threads, not " + expected);
                        }
                        Thread.onSpinWait();
                        Thread.yield();
                    }
                    inside.decrementAndGet();
                    products.incrementAndGet();
                    return null;
                });
    }

    private CpuDevice device() {
        CpuDevice cpu = new CpuDevice();
        cpu.useProducts(new NativeBlas.Use(Optional.of(standIn()), Optional.of(threads), "a stand-in", "a test"));
        return cpu;
    }

    private static void multiply(Device device, int m, int k, int n, int times) {
        DeviceBuffer a = device.allocate(m * k);
        DeviceBuffer b = device.allocate(k * n);
        DeviceBuffer c = device.allocate(m * n);
        for (int i = 0; i < times; i++) {
            device.matmul(a, false, b, false, c, m, n, k, false);
        }
    }

    @Test
    void smallAndNarrowProductsRunOnOneThreadLargeOnesOnOpenBlasCountEvenFromSeveralThreadsAtOnce()
            throws Exception {
        CpuDevice wide = device();
        CpuDevice narrow = device();
        CpuDevice small = device();
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> running = List.of(
                new Thread(() -> await(go, () -> multiply(wide, 256, 784, 256, 300))),      // 51 M: 2 threads
                new Thread(() -> await(go, () -> multiply(narrow, 6000, 784, 10, 300))),    // 47 M, 10 wide: 1
                new Thread(() -> await(go, () -> multiply(small, 256, 256, 32, 300))));     // 2 M: 1 thread
        running.forEach(Thread::start);
        go.countDown();
        for (Thread thread : running) {
            thread.join();
        }

        assertThat(products.get()).isEqualTo(900);
        assertThat(wrong).isEmpty();
        wide.close();
        narrow.close();
        small.close();
    }

    @Test
    void whereThreadsAreChosenProductsFrom65536MultiplyAddsAndTwoColumnsGoToTheBlasOthersStayInJava()
            throws Exception {
        CpuDevice cpu = device();

        multiply(cpu, 31, 1024, 2, 1);   // 63,488 multiply-adds: Java
        multiply(cpu, 64, 1024, 1, 1);   // one column (a matrix times a vector): Java
        assertThat(products.get()).isZero();
        multiply(cpu, 32, 1024, 2, 1);   // 65,536, two columns: the BLAS, on one thread
        assertThat(products.get()).isEqualTo(1);
        assertThat(wrong).isEmpty();
        cpu.close();
    }

    @Test
    void productsThatWantTheSameCountRunSideBySide() throws Exception {
        CpuDevice one = device();
        CpuDevice other = device();
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> running = List.of(
                new Thread(() -> await(go, () -> multiply(one, 256, 256, 32, 400))),      // 2 M: 1 thread
                new Thread(() -> await(go, () -> multiply(other, 256, 256, 32, 400))));
        running.forEach(Thread::start);
        go.countDown();
        for (Thread thread : running) {
            thread.join();
        }
        assertThat(products.get()).isEqualTo(800);
        assertThat(wrong).isEmpty();
        assertThat(mostInside.get()).as("two products at once").isEqualTo(2);
        one.close();
        other.close();
    }

    private static void await(CountDownLatch go, Runnable work) {
        try {
            go.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        work.run();
    }
}
