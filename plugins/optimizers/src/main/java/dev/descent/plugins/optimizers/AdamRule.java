package dev.descent.plugins.optimizers;

import dev.descent.api.LearningRate;
import dev.descent.api.Optimizer;
import dev.descent.api.Option;
import dev.descent.api.Parameter;
import dev.descent.api.ParameterBuffers;
import dev.descent.api.State;
import dev.descent.tensor.Tensor;
import java.util.List;

/**
 * Adam's update, as {@code torch.optim.Adam} and {@code AdamW} compute it, on the mean gradient
 * {@code g = ∇θ / batch_size}; the two differ only in how weight decay enters:
 *
 * <pre>
 * t ← t + 1
 * g ← g + wd · θ                       (adam: coupled)      θ ← θ · (1 − lr · wd)   (adamw: decoupled)
 * m ← β1 m + (1 − β1) g
 * v ← β2 v + (1 − β2) g²                v̂ ← max(v̂, v) with amsgrad
 * θ ← θ − lr / (1 − β1^t) · m / (√v / √(1 − β2^t) + ε)
 * </pre>
 */
abstract class AdamRule implements Optimizer, LearningRate {

    @Option(name = "lr", description = "Learning rate", min = 0, minExclusive = true)
    private double lr = 0.001;

    @Option(name = "beta1", description = "Decay of the running mean of the gradient", min = 0, max = 1)
    private double beta1 = 0.9;

    @Option(name = "beta2", description = "Decay of the running mean of the squared gradient", min = 0, max = 1)
    private double beta2 = 0.999;

    @Option(name = "eps", description = "Added to the denominator for numerical stability", min = 0)
    private double eps = 1e-8;

    @Option(name = "weight-decay", description = "Weight decay of regularised parameters", min = 0)
    private double weightDecay;

    @Option(name = "amsgrad", description = "Use the maximum of past squared-gradient averages (AMSGrad)")
    private boolean amsgrad = false;

    private final boolean decoupled;
    private final ParameterBuffers mean = new ParameterBuffers("exp-avg");
    private final ParameterBuffers squares = new ParameterBuffers("exp-avg-sq");
    private final ParameterBuffers maxSquares = new ParameterBuffers("max-exp-avg-sq");
    private long steps;

    AdamRule(boolean decoupled, double weightDecay) {
        this.decoupled = decoupled;
        this.weightDecay = weightDecay;
    }

    @Override
    public void initialize(List<Parameter> parameters) {
        mean.initialize(parameters, 0);
        squares.initialize(parameters, 0);
        if (amsgrad) {
            maxSquares.initialize(parameters, 0);
        }
    }

    @Override
    public void step(List<Parameter> parameters, int batchSize) {
        steps++;
        double correction1 = 1 - Math.pow(beta1, steps);
        double correction2 = Math.sqrt(1 - Math.pow(beta2, steps));
        for (Parameter p : parameters) {
            Tensor theta = p.value();
            Tensor g = p.grad().mul(1.0 / batchSize);
            boolean decays = weightDecay != 0 && p.regularized();
            if (decays && decoupled) {
                theta.mulInPlace(1 - lr * weightDecay);
            } else if (decays) {
                g = g.add(theta.mul(weightDecay));
            }
            Tensor m = mean.of(p).mulInPlace(beta1).addScaledInPlace(1 - beta1, g);
            Tensor v = squares.of(p).mulInPlace(beta2).addScaledInPlace(1 - beta2, g.square());
            if (amsgrad) {
                Tensor max = maxSquares.of(p);
                Tensor larger = v.add(max.sub(v).max(0));   // max(v̂, v) elementwise
                v = max.fillInPlace(0).addScaledInPlace(1, larger);
            }
            Tensor denominator = v.sqrt().div(correction2).add(eps);
            theta.addScaledInPlace(-lr / correction1, m.div(denominator));
        }
    }

    @Override
    public State saveState() {
        State.Builder state = State.builder().count("steps", steps);
        mean.save(state);
        squares.save(state);
        if (amsgrad) {
            maxSquares.save(state);
        }
        return state.build();
    }

    @Override
    public void restoreState(State state) {
        steps = state.count("steps");
        mean.restore(state);
        squares.restore(state);
        if (amsgrad) {
            maxSquares.restore(state);
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
