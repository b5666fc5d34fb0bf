package dev.descent.plugins.sgd;

import com.google.auto.service.AutoService;
import dev.descent.api.DescentException;
import dev.descent.api.LearningRate;
import dev.descent.api.Optimizer;
import dev.descent.api.Option;
import dev.descent.api.Parameter;
import dev.descent.api.ParameterBuffers;
import dev.descent.api.Plugin;
import dev.descent.api.State;
import dev.descent.tensor.Tensor;
import java.util.List;

/**
 * The book's optimizer, {@code θ ← θ − lr · ∇θ / batch_size}, with the options of PyTorch's
 * {@code torch.optim.SGD} applied to the mean gradient {@code g = ∇θ / batch_size}:
 *
 * <pre>
 * g ← g + weight_decay · θ                          (for parameters that are regularised)
 * b ← g on the first step, else momentum · b + (1 − dampening) · g
 * g ← g + momentum · b if nesterov, else b          (when momentum ≠ 0)
 * θ ← θ − lr · g
 * </pre>
 *
 * With the defaults (no weight decay, no momentum) it is exactly the book's update.
 */
@AutoService(Optimizer.class)
@Plugin(name = "sgd", description = "Minibatch stochastic gradient descent: theta -= lr * grad / batch_size,"
        + " with optional momentum, Nesterov and weight decay (torch.optim.SGD)")
public final class MinibatchSgd implements Optimizer, LearningRate {

    @Option(name = "lr", description = "Learning rate: the step size along the negative gradient", min = 0,
            minExclusive = true)
    private double lr = 0.03;

    @Option(name = "weight-decay", description = "L2 penalty added to the gradient: g += weight-decay * theta",
            min = 0)
    private double weightDecay = 0;

    @Option(name = "momentum", description = "Momentum factor; 0 is plain SGD", min = 0)
    private double momentum = 0;

    @Option(name = "dampening", description = "Dampening of the momentum: b = momentum * b + (1 - dampening) * g",
            min = 0, max = 1)
    private double dampening = 0;

    @Option(name = "nesterov", description = "Nesterov momentum (needs momentum > 0 and dampening = 0)")
    private boolean nesterov = false;

    private final ParameterBuffers buffer = new ParameterBuffers("momentum");
    private long steps;

    @Override
    public void initialize(List<Parameter> parameters) {
        if (nesterov && (momentum <= 0 || dampening != 0)) {
            throw new DescentException("optimizer.nesterov = true needs optimizer.momentum > 0 and"
                    + " optimizer.dampening = 0 (as torch.optim.SGD); set the momentum, or nesterov = false");
        }
        if (momentum != 0) {
            buffer.initialize(parameters, 0);
        }
    }

    @Override
    public void step(List<Parameter> parameters, int batchSize) {
        steps++;
        if (weightDecay == 0 && momentum == 0) {
            double scale = -lr / batchSize;   // the book's update, in the book's order
            for (Parameter p : parameters) {
                p.value().addScaledInPlace(scale, p.grad());
            }
            return;
        }
        for (Parameter p : parameters) {
            Tensor g = p.grad().mul(1.0 / batchSize);
            if (weightDecay != 0 && p.regularized()) {
                g = g.add(p.value().mul(weightDecay));
            }
            if (momentum != 0) {
                Tensor b = buffer.of(p);
                if (steps == 1) {
                    b.fillInPlace(0).addScaledInPlace(1, g);
                } else {
                    b.mulInPlace(momentum).addScaledInPlace(1 - dampening, g);
                }
                g = nesterov ? g.add(b.mul(momentum)) : b;
            }
            p.value().addScaledInPlace(-lr, g);
        }
    }

    @Override
    public State saveState() {
        State.Builder state = State.builder().count("steps", steps);
        if (momentum != 0) {
            buffer.save(state);
        }
        return state.build();
    }

    @Override
    public void restoreState(State state) {
        steps = state.counts().containsKey("steps") ? state.count("steps") : 0;
        if (momentum != 0) {
            buffer.restore(state);
        }
    }

    /** The schedule's handle on {@code lr}: the rate it sets after each epoch. */
    @Override
    public double learningRate() {
        return lr;
    }

    @Override
    public void setLearningRate(double rate) {
        lr = rate;
    }
}
