package dev.descent.plugins.optimizers;

import com.google.auto.service.AutoService;
import dev.descent.api.Optimizer;
import dev.descent.api.Plugin;

/** {@code torch.optim.AdamW}: Adam with weight decay applied to the parameters, not the gradient. */
@AutoService(Optimizer.class)
@Plugin(name = "adamw", description = "AdamW: Adam with decoupled weight decay, theta *= 1 - lr * weight-decay"
        + " (torch.optim.AdamW)")
public final class AdamW extends AdamRule {

    public AdamW() {
        super(true, 0.01);
    }
}
