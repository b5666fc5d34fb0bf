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
 * {@code torch.optim.Adagrad} on the mean gradient {@code g = ∇θ / batch_size}:
 *
 * <pre>
 * t ← t + 1
 * g ← g + wd · θ
 * Σ ← Σ + g²                       (Σ starts at initial-accumulator)
 * θ ← θ − lr / (1 + (t − 1) · lr-decay) · g / (√Σ + ε)
 * </pre>
 */
@AutoService(Optimizer.class)
@Plugin(name = "adagrad", description = "Adagrad: steps scaled by the accumulated squared gradients"
        + " (torch.optim.Adagrad)")
public final class Adagrad implements Optimizer, LearningRate {

    @Option(name = "lr", description = "Learning rate", min = 0, minExclusive = true)
    private double lr = 0.01;

    @Option(name = "lr-decay", description = "Learning-rate decay per step: lr / (1 + (t - 1) * lr-decay)", min = 0)
    private double lrDecay = 0;

    @Option(name = "weight-decay", description = "Weight decay of regularised parameters", min = 0)
    private double weightDecay = 0;

    @Option(name = "eps", description = "Added to the denominator for numerical stability", min = 0)
    private double eps = 1e-10;

    @Option(name = "initial-accumulator", description = "Starting value of the accumulated squared gradients",
            min = 0)
    private double initialAccumulator = 0;

    private final ParameterBuffers sums = new ParameterBuffers("sum");
    private long steps;

    @Override
    public void initialize(List<Parameter> parameters) {
        sums.initialize(parameters, initialAccumulator);
    }

    @Override
    public void step(List<Parameter> parameters, int batchSize) {
        steps++;
        double rate = lr / (1 + (steps - 1) * lrDecay);
        for (Parameter p : parameters) {
            Tensor theta = p.value();
            Tensor g = p.grad().mul(1.0 / batchSize);
            if (weightDecay != 0 && p.regularized()) {
                g = g.add(theta.mul(weightDecay));
            }
            Tensor sum = sums.of(p).addScaledInPlace(1, g.square());
            theta.addScaledInPlace(-rate, g.div(sum.sqrt().add(eps)));
        }
    }

    @Override
    public State saveState() {
        State.Builder state = State.builder().count("steps", steps);
        sums.save(state);
        return state.build();
    }

    @Override
    public void restoreState(State state) {
        steps = state.count("steps");
        sums.restore(state);
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
