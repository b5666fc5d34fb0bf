package ${package};

import com.google.auto.service.AutoService;
import dev.descent.api.Loss;
import dev.descent.api.Option;
import dev.descent.api.Plugin;
import dev.descent.tensor.Tensor;

/**
 * The Huber loss: quadratic for small errors, linear for large ones, so outliers pull less than
 * under the squared loss. With {@code r = y_hat - y} and {@code a = |r|}:
 * <pre>
 *   a ≤ δ:  ½ a²
 *   a > δ:  δ (a − ½ δ)
 * </pre>
 * Written as {@code q = min(a, δ)}; {@code ½ q² + δ (a − q)}, which is both cases at once.
 */
@AutoService(Loss.class)
@Plugin(name = "${lossName}", description = "Huber loss: squared for |error| <= delta, linear beyond; robust to outliers")
public final class HuberLoss implements Loss {

    @Option(name = "delta", description = "Where the loss turns from quadratic to linear", min = 0, minExclusive = true)
    private double delta = 1.0;

    @Override
    public Tensor apply(Tensor yHat, Tensor y) {
        Tensor a = yHat.sub(y.reshape(yHat.shape())).abs();
        Tensor q = a.min(delta);
        return q.square().mul(0.5).add(a.sub(q).mul(delta));
    }
}
