package dev.descent.plugins.optimizers;

import com.google.auto.service.AutoService;
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
 * {@code torch.optim.RMSprop} on the mean gradient {@code g = ∇θ / batch_size}:
 *
 * <pre>
 * g ← g + wd · θ
 * s ← α s + (1 − α) g²
 * a ← √(s − ḡ²) + ε with centered (ḡ ← α ḡ + (1 − α) g), else √s + ε
 * b ← μ b + g / a; θ ← θ − lr · b     (momentum μ > 0), else θ ← θ − lr · g / a
 * </pre>
 */
@AutoService(Optimizer.class)
@Plugin(name = "rmsprop", description = "RMSprop: steps scaled by a running mean of squared gradients"
        + " (torch.optim.RMSprop)")
public final class RmsProp implements Optimizer, LearningRate {

    @Option(name = "lr", description = "Learning rate", min = 0, minExclusive = true)
    private double lr = 0.01;

    @Option(name = "alpha", description = "Decay of the running mean of the squared gradient", min = 0, max = 1)
    private double alpha = 0.99;

    @Option(name = "eps", description = "Added to the denominator for numerical stability", min = 0)
    private double eps = 1e-8;

    @Option(name = "weight-decay", description = "Weight decay of regularised parameters", min = 0)
    private double weightDecay = 0;

    @Option(name = "momentum", description = "Momentum factor", min = 0)
    private double momentum = 0;

    @Option(name = "centered", description = "Normalise by the estimated variance of the gradient")
    private boolean centered = false;

    private final ParameterBuffers squares = new ParameterBuffers("square-avg");
    private final ParameterBuffers means = new ParameterBuffers("grad-avg");
    private final ParameterBuffers buffer = new ParameterBuffers("momentum");

    @Override
    public void initialize(List<Parameter> parameters) {
        squares.initialize(parameters, 0);
        if (centered) {
            means.initialize(parameters, 0);
        }
        if (momentum > 0) {
            buffer.initialize(parameters, 0);
        }
    }

    @Override
    public void step(List<Parameter> parameters, int batchSize) {
        for (Parameter p : parameters) {
            Tensor theta = p.value();
            Tensor g = p.grad().mul(1.0 / batchSize);
            if (weightDecay != 0 && p.regularized()) {
                g = g.add(theta.mul(weightDecay));
            }
            Tensor s = squares.of(p).mulInPlace(alpha).addScaledInPlace(1 - alpha, g.square());
            Tensor average;
            if (centered) {
                Tensor gMean = means.of(p).mulInPlace(alpha).addScaledInPlace(1 - alpha, g);
                average = s.sub(gMean.square()).sqrt().add(eps);
            } else {
                average = s.sqrt().add(eps);
            }
            if (momentum > 0) {
                Tensor b = buffer.of(p).mulInPlace(momentum).addScaledInPlace(1, g.div(average));
                theta.addScaledInPlace(-lr, b);
            } else {
                theta.addScaledInPlace(-lr, g.div(average));
            }
        }
    }

    @Override
    public State saveState() {
        State.Builder state = State.builder();
        squares.save(state);
        if (centered) {
            means.save(state);
        }
        if (momentum > 0) {
            buffer.save(state);
        }
        return state.build();
    }

    @Override
    public void restoreState(State state) {
        squares.restore(state);
        if (centered) {
            means.restore(state);
        }
        if (momentum > 0) {
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
