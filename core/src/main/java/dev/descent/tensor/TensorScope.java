package dev.descent.tensor;

import java.util.ArrayList;
import java.util.List;

/**
 * Frees the device memory of every tensor created inside it when it closes: the trainer opens one
 * per minibatch, so a step's temporaries go back to the device (the OpenCL device reuses them)
 * instead of waiting for the garbage collector.
 *
 * <pre>{@code
 * try (var scope = TensorScope.open()) {
 *     Tensor l = loss.apply(model.forward(x), y);
 *     l.sum().backward();
 * } // every tensor made above is released here; parameters and their gradients are not
 * }</pre>
 *
 * Parameters and tensors made outside any scope are never released by a scope. Scopes nest and
 * belong to the thread that opened them.
 */
public final class TensorScope implements AutoCloseable {

    private static final ThreadLocal<TensorScope> CURRENT = new ThreadLocal<>();

    private final TensorScope parent;
    private final List<Tensor> tensors = new ArrayList<>(32);   // a training step makes ~20
    private boolean closed;

    private TensorScope(TensorScope parent) {
        this.parent = parent;
    }

    public static TensorScope open() {
        TensorScope scope = new TensorScope(CURRENT.get());
        CURRENT.set(scope);
        return scope;
    }

    static void register(Tensor tensor) {
        TensorScope scope = CURRENT.get();
        if (scope != null) {
            scope.tensors.add(tensor);
        }
    }

    /** Moves {@code tensor} out of this scope into the enclosing one (or none), so it survives the close. */
    public Tensor keep(Tensor tensor) {
        if (tensors.remove(tensor) && parent != null) {
            parent.tensors.add(tensor);
        }
        return tensor;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (int i = tensors.size() - 1; i >= 0; i--) {
            tensors.get(i).close();
        }
        tensors.clear();
        CURRENT.set(parent);
    }
}
