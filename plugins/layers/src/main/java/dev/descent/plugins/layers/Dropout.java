package dev.descent.plugins.layers;

import com.google.auto.service.AutoService;
import dev.descent.api.Layer;
import dev.descent.api.LayerContext;
import dev.descent.api.Option;
import dev.descent.api.Pass;
import dev.descent.api.Plugin;
import dev.descent.tensor.Tensor;
import java.util.random.RandomGenerator;

/**
 * Inverted dropout, the book's {@code dropout_layer} (chapter 5.6): while training, each value is
 * zeroed with probability {@code rate} and the others are divided by {@code 1 − rate}, so the
 * expected value is unchanged; in every other pass it is the identity. The mask is drawn from the
 * training step's stream ({@link Pass#random()}), in row-major order.
 */
@AutoService(Layer.class)
@Plugin(name = "dropout", description = "Inverted dropout while training (zero with probability rate, scale the rest"
        + " by 1/(1-rate)); identity otherwise")
public final class Dropout implements Layer {

    @Option(name = "rate", description = "Probability that a value is dropped", min = 0, max = 1, maxExclusive = true)
    private double rate = 0.5;

    public Dropout() {
    }

    Dropout(double rate) {
        this.rate = rate;
    }

    @Override
    public int initialize(LayerContext context) {
        return context.inputs();
    }

    @Override
    public Tensor forward(Tensor input, Pass pass) {
        if (!pass.training() || rate == 0) {
            return input;
        }
        float[] mask = new float[Math.toIntExact(input.shape().size())];
        float keep = (float) (1 / (1 - rate));
        RandomGenerator random = pass.random();
        for (int i = 0; i < mask.length; i++) {
            mask[i] = random.nextDouble() < rate ? 0f : keep;
        }
        return input.mul(Tensor.of(input.device(), mask, input.shape()));
    }
}
