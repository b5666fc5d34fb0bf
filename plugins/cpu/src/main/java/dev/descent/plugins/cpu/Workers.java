package dev.descent.plugins.cpu;

import java.lang.invoke.VarHandle;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * A fixed team of threads that runs the chunks of one kernel at a time: the calling thread and
 * {@code threads - 1} daemon workers take chunks {@code 0 … chunks-1} from a shared cursor until none
 * are left, and {@link #run} returns when every chunk is done.
 *
 * <p>Which thread runs which chunk varies from call to call, so kernels make results independent of
 * it: chunk boundaries depend only on the problem size (never on the thread count), each chunk writes
 * its own part of the output or its own partial result, and partial results are combined in chunk
 * order by the caller. That is what keeps the {@code cpu} device bit-identical for any
 * {@code threads}.
 *
 * <p>Kernels here last tens of microseconds, about as long as waking a parked thread takes, so idle
 * workers first spin for a while (as OpenMP runtimes do) and only then park.
 */
final class Workers implements AutoCloseable {

    /** One kernel split into chunks. */
    @FunctionalInterface
    interface Chunks {
        void run(int chunk);
    }

    /** Roughly 10–50 µs of spinning before a worker parks: longer competes with the JIT and the collector on small machines. */
    private static final int SPINS = 1 << 12;

    private final Thread[] threads;
    /** Spins before parking: none when there are more threads than processors, where spinning steals from them. */
    private final int spins;
    /** The job's generation (high 32 bits) and its next unclaimed chunk (low 32 bits). */
    private final AtomicLong cursor = new AtomicLong();
    private final AtomicInteger finished = new AtomicInteger();
    private final boolean[] parked;
    private volatile Chunks job;
    private volatile int chunks;
    private volatile boolean closed;
    private volatile Throwable failure;

    Workers(int threads) {
        this.threads = new Thread[Math.max(0, threads - 1)];
        this.parked = new boolean[this.threads.length];
        this.spins = threads > Runtime.getRuntime().availableProcessors() ? 0 : SPINS;
        for (int i = 0; i < this.threads.length; i++) {
            int index = i;
            Thread worker = new Thread(() -> work(index), "descent-cpu-" + (i + 1));
            worker.setDaemon(true);
            this.threads[i] = worker;
            worker.start();
        }
    }

    /** How many threads run chunks, the caller included. */
    int size() {
        return threads.length + 1;
    }

    /** Runs {@code body} for every chunk in {@code [0, count)}, on every thread of the team, and waits. */
    void run(int count, Chunks body) {
        if (count <= 0) {
            return;
        }
        if (count == 1 || threads.length == 0) {
            for (int c = 0; c < count; c++) {
                body.run(c);
            }
            return;
        }
        long generation = (cursor.get() >>> 32) + 1;
        finished.set(0);
        job = body;
        chunks = count;
        cursor.set(generation << 32);   // publishes the job: workers read it after seeing the generation
        VarHandle.fullFence();          // ... and read `parked` only after that (pairs with the worker's fence)
        for (int i = 0; i < threads.length; i++) {
            if (parked[i]) {
                LockSupport.unpark(threads[i]);
            }
        }
        claimChunks(generation);
        while (finished.get() < count) {   // only chunks other threads have claimed are left
            Thread.onSpinWait();
        }
        Throwable thrown = failure;
        if (thrown != null) {
            failure = null;
            if (thrown instanceof RuntimeException e) {
                throw e;
            }
            if (thrown instanceof Error e) {
                throw e;
            }
            throw new IllegalStateException(thrown);
        }
    }

    private void claimChunks(long generation) {
        while (true) {
            long c = cursor.get();
            if ((c >>> 32) != generation) {
                return;
            }
            int chunk = (int) c;
            if (chunk >= chunks) {
                return;
            }
            if (cursor.compareAndSet(c, c + 1)) {
                // Claimed: the caller waits for this chunk, so the job and its count stay this generation's.
                try {
                    job.run(chunk);
                } catch (Throwable t) {
                    failure = t;
                } finally {
                    finished.incrementAndGet();
                }
            }
        }
    }

    private void work(int index) {
        long seen = 0;
        while (!closed) {
            long generation = cursor.get() >>> 32;
            if (generation != seen) {
                seen = generation;
                claimChunks(generation);
                continue;
            }
            int spun = 0;
            while ((cursor.get() >>> 32) == seen && !closed && spun < spins) {
                Thread.onSpinWait();
                spun++;
            }
            if ((cursor.get() >>> 32) == seen && !closed) {
                parked[index] = true;
                // Re-check after announcing: run() publishes, then reads parked, so no wake-up is lost.
                VarHandle.fullFence();
                if ((cursor.get() >>> 32) == seen && !closed) {
                    LockSupport.park(this);
                }
                parked[index] = false;
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        for (Thread t : threads) {
            LockSupport.unpark(t);
        }
    }
}
