package ${package};

import com.google.auto.service.AutoService;
import dev.descent.api.LearningRate;
import dev.descent.api.Optimizer;
import dev.descent.api.Option;
import dev.descent.api.Parameter;
import dev.descent.api.Plugin;
import dev.descent.api.State;
import dev.descent.tensor.Tensor;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * SGD with momentum (the "heavy ball"): each parameter keeps a velocity that remembers past
 * gradients, which speeds up progress along consistent directions and damps oscillation.
 * <pre>
 *   v ← μ v + ∇θ / batch_size
 *   θ ← θ − lr · v
 * </pre>
 * The velocities are the optimizer's state: saved with the model ({@link #saveState}), so
 * {@code train --resume} carries on with them instead of starting from rest.
 */
@AutoService(Optimizer.class)
@Plugin(name = "${optimizerName}", description = "SGD with momentum: v = momentum * v + grad / batch_size; theta -= lr * v")
public final class MomentumSgd implements Optimizer, LearningRate {

    @Option(name = "lr", description = "Learning rate", min = 0, minExclusive = true)
    private double lr = 0.01;

    @Option(name = "momentum", description = "How much of the previous velocity is kept (0 is plain SGD)", min = 0,
            max = 1)
    private double momentum = 0.9;

    /** One velocity per parameter, owned by this instance; keyed by identity, not by value. */
    private final Map<Parameter, Tensor> velocities = new IdentityHashMap<>();

    /** Names of the parameters, in order, so state can be saved and found by name. */
    private List<Parameter> parameters = List.of();

    @Override
    public void initialize(List<Parameter> parameters) {
        this.parameters = List.copyOf(parameters);
        for (Parameter p : parameters) {
            velocities.put(p, Tensor.persistentZeros(p.value().device(), p.value().shape()));
        }
    }

    @Override
    public void step(List<Parameter> parameters, int batchSize) {
        for (Parameter p : parameters) {
            Tensor v = velocities.computeIfAbsent(p, q -> Tensor.persistentZeros(q.value().device(), q.value().shape()));
            v.mulInPlace(momentum).addScaledInPlace(1.0 / batchSize, p.grad());
            p.value().addScaledInPlace(-lr, v);
        }
    }

    @Override
    public State saveState() {
        State.Builder state = State.builder();
        for (Parameter p : parameters) {
            state.array("velocity/" + p.name(), velocities.get(p).toFloatArray());
        }
        return state.build();
    }

    @Override
    public void restoreState(State state) {
        for (Parameter p : parameters) {
            float[] saved = state.array("velocity/" + p.name());
            if (saved.length != p.value().size()) {
                throw new IllegalArgumentException("the velocity of '" + p.name() + "' has " + saved.length
                        + " values, but the parameter has shape " + p.value().shape());
            }
            velocities.get(p).assign(saved);
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
