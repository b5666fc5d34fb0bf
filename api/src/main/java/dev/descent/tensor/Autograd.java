package dev.descent.tensor;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * Reverse-mode automatic differentiation over {@link TensorFunction}s, as micrograd does it: each
 * tracked result keeps its function and inputs; {@link #backward} orders the graph so every tensor
 * comes after its inputs, then walks it from the end, giving each function the gradient of its
 * result and letting it add its inputs' gradients.
 */
final class Autograd {

    private static final AtomicLong VISITS = new AtomicLong();

    private Autograd() {
    }

    /** {@code function(inputs)}, its forward run untracked; the result remembers the call when it must. */
    static Tensor apply(TensorFunction function, Tensor... inputs) {
        // The common cases first, cheapest first: no input needs a gradient (data, evaluation), or
        // tracking is off (inside a backward, an optimizer step). Either way nothing records.
        if (!anyRequiresGrad(inputs)) {
            return function.forward(inputs);
        }
        int[] disabled = GradMode.depth();
        if (disabled[0] != 0) {
            return function.forward(inputs);
        }
        Tensor out;
        disabled[0]++;   // a forward built from tensor operations records nothing of its own
        try {
            out = function.forward(inputs);
        } finally {
            disabled[0]--;
        }
        for (Tensor input : inputs) {
            if (out == input) {
                throw new IllegalStateException("function '" + function.name() + "' returned one of its inputs;"
                        + " a forward must return a new tensor (a view, for a reshape)");
            }
        }
        out.requiresGrad = true;
        out.function = function;
        out.inputs = inputs;
        return out;
    }

    /**
     * Records that {@code out} is {@code function(inputs)}, when tracking is on and an input needs a
     * gradient: how {@link Tensor}'s own methods record, after computing the value directly (their
     * functions' forwards call kernels only, so there is nothing to keep from recording). The inputs
     * array exists only when something is recorded.
     */
    static boolean tracks(Tensor a) {
        return a.requiresGrad && GradMode.isEnabled();
    }

    static boolean tracks(Tensor a, Tensor b) {
        return (a.requiresGrad || b.requiresGrad) && GradMode.isEnabled();
    }

    static Tensor record(Tensor out, TensorFunction function, Tensor... inputs) {
        out.requiresGrad = true;
        out.function = function;
        out.inputs = inputs;
        return out;
    }

    private static boolean anyRequiresGrad(Tensor[] inputs) {
        for (Tensor input : inputs) {
            if (input.requiresGrad) {
                return true;
            }
        }
        return false;
    }

    /** Adds {@code ∂root/∂p} into the gradient of every parameter {@code p} that {@code root} depends on. */
    static void backward(Tensor root) {
        if (root.shape().size() != 1) {
            throw new IllegalStateException("backward() needs a scalar, not shape " + root.shape()
                    + "; reduce first, e.g. loss.sum().backward()");
        }
        if (!root.requiresGrad) {
            throw new IllegalStateException("backward() on a tensor that does not depend on any parameter");
        }
        Tensor[] order = topologicalOrder(root);
        int[] disabled = GradMode.depth();
        disabled[0]++;
        try {
            root.accumulate(Tensor.full(root.device(), root.shape(), 1f));
            Node node = new Node();
            for (int i = order.length - 1; i >= 0; i--) {
                Tensor t = order[i];
                Tensor g = t == null ? null : t.grad;
                if (g != null && t.function != null) {
                    t.grad = null;
                    node.at(t, g);
                    try {
                        t.function.backward(node);
                    } catch (RuntimeException e) {
                        throw new IllegalStateException("the backward pass failed in function '" + t.function.name()
                                + "' (inputs " + Arrays.stream(t.inputs).map(x -> x.shape().toString())
                                .collect(Collectors.joining(", ")) + "; result " + t.shape() + "): " + e.getMessage(), e);
                    }
                }
            }
        } finally {
            disabled[0]--;
        }
    }

    /**
     * Every tensor {@code root} was computed from, each after all its inputs (inputs first); the
     * array's unused slots at the end are null.
     */
    private static Tensor[] topologicalOrder(Tensor root) {
        // An iterative depth-first search; a tensor is visited once per call, marked with this call's
        // stamp instead of being put in a set (a step's graph is ~15 tensors, walked 100,000 times in W2).
        long stamp = VISITS.incrementAndGet();
        Tensor[] order = new Tensor[16];
        int count = 0;
        Tensor[] stack = new Tensor[16];
        int[] next = new int[16];   // which input of stack[d] to visit next
        int depth = 0;
        stack[0] = root;
        root.visit = stamp;
        while (depth >= 0) {
            Tensor t = stack[depth];
            int i = next[depth]++;
            Tensor[] inputs = t.inputs;
            if (inputs != null && i < inputs.length) {
                Tensor child = inputs[i];
                if (child.requiresGrad && child.visit != stamp) {
                    child.visit = stamp;
                    if (++depth == stack.length) {
                        stack = Arrays.copyOf(stack, depth * 2);
                        next = Arrays.copyOf(next, depth * 2);
                    }
                    stack[depth] = child;
                    next[depth] = 0;
                }
            } else {
                if (count == order.length) {
                    order = Arrays.copyOf(order, count * 2);
                }
                order[count++] = t;
                depth--;
            }
        }
        return order;
    }

    /** One node as its function's backward sees it; moved from node to node during a backward pass. */
    private static final class Node implements Gradients {
        private Tensor output;
        private Tensor outputGrad;

        void at(Tensor output, Tensor outputGrad) {
            this.output = output;
            this.outputGrad = outputGrad;
        }

        @Override
        public Tensor outputGrad() {
            return outputGrad;
        }

        @Override
        public Tensor input(int i) {
            return output.inputs[i];
        }

        @Override
        public int inputs() {
            return output.inputs.length;
        }

        @Override
        public Tensor output() {
            return output;
        }

        @Override
        public boolean needs(int i) {
            return output.inputs[i].requiresGrad;
        }

        @Override
        public void add(int i, Tensor gradient) {
            Tensor input = output.inputs[i];
            if (input.requiresGrad) {
                input.accumulate(gradient.sumTo(input.shape()));
            }
        }

        @Override
        public void addProduct(int i, Tensor a, boolean transposeA, Tensor b, boolean transposeB, int m, int n, int k) {
            output.inputs[i].accumulateProduct(a, transposeA, b, transposeB, m, n, k);
        }
    }
}
