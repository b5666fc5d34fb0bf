package dev.descent.train;

import dev.descent.api.Parameter;
import dev.descent.tensor.Tensor;
import java.util.List;

/**
 * The gradient transforms of {@code train.clip-norm} and {@code train.clip-value}, as PyTorch's
 * {@code clip_grad_norm_} and {@code clip_grad_value_} act on the gradient the optimizer sees, the
 * mean over the batch ({@code ∇ / examples}). The trainer's gradients are sums, so the bounds are
 * scaled by the example count.
 */
final class GradientClipping {

    private GradientClipping() {
    }

    /** Scales every gradient by {@code max / (‖ḡ‖ + 1e-6)} when the global norm {@code ‖ḡ‖} of the mean gradient exceeds {@code max}. */
    static GradientTransform byNorm(double max) {
        return (parameters, examples) -> {
            double squares = 0;
            for (Parameter p : parameters) {
                squares += p.grad().square().sum().item();
            }
            double norm = Math.sqrt(squares) / examples;
            double coefficient = max / (norm + 1e-6);
            if (coefficient < 1) {
                for (Parameter p : parameters) {
                    p.grad().mulInPlace(coefficient);
                }
            }
        };
    }

    /** Clamps every element of the mean gradient to {@code [-max, max]}. */
    static GradientTransform byValue(double max) {
        return (parameters, examples) -> {
            double bound = max * examples;
            for (Parameter p : parameters) {
                Tensor clamped = p.grad().max(-bound).min(bound);
                p.grad().fillInPlace(0).addScaledInPlace(1, clamped);
            }
        };
    }

    /** The transforms the settings ask for, norm first (as one would call them in PyTorch). */
    static List<GradientTransform> of(TrainingSettings settings) {
        if (settings.clipNorm() > 0 && settings.clipValue() > 0) {
            return List.of(byNorm(settings.clipNorm()), byValue(settings.clipValue()));
        }
        if (settings.clipNorm() > 0) {
            return List.of(byNorm(settings.clipNorm()));
        }
        return settings.clipValue() > 0 ? List.of(byValue(settings.clipValue())) : List.of();
    }
}
