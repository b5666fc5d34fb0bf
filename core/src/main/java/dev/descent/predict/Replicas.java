package dev.descent.predict;

import dev.descent.api.Model;
import dev.descent.tensor.Device;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The copies of a {@link Predictor}'s model, each on a device of its own, handed to one thread at a
 * time: threads predicting at the same moment each take one instead of waiting on a lock around a
 * single model. A copy is made when a thread finds none free and fewer than {@code most} exist;
 * otherwise it waits for one to be released.
 */
final class Replicas implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Replicas.class);

    /** A model and the device its tensors live on. */
    record Replica(Model model, Device device) {
    }

    private final LinkedBlockingDeque<Replica> idle = new LinkedBlockingDeque<>();
    private final List<Replica> all = new CopyOnWriteArrayList<>();
    private final AtomicInteger made = new AtomicInteger(1);
    private final Supplier<Replica> copies;
    private final int most;
    private volatile boolean copying = true;

    Replicas(Replica first, Supplier<Replica> copies, int most) {
        this.copies = copies;
        this.most = Math.max(1, most);
        all.add(first);
        idle.add(first);
    }

    /** A copy no other thread holds: a free one, a new one, or the next one released. */
    Replica acquire() {
        Replica free = idle.pollFirst();
        if (free != null) {
            return free;
        }
        if (copying) {
            if (made.incrementAndGet() <= most) {
                try {
                    Replica copy = copies.get();
                    all.add(copy);
                    LOG.debug("made copy {} of the model for threads predicting at once", all.size());
                    return copy;
                } catch (RuntimeException e) {
                    // The plugins' jars may be closed by now (the registry was): predict with the copies there are.
                    copying = false;
                    LOG.debug("could not make another copy of the model; threads take turns with {}", all.size(), e);
                }
            }
            made.decrementAndGet();
        }
        try {
            return idle.takeFirst();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to predict", e);
        }
    }

    void release(Replica replica) {
        idle.addFirst(replica);
    }

    @Override
    public void close() {
        for (Replica replica : all) {
            replica.device().close();
        }
    }
}
