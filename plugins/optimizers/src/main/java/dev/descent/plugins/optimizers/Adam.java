package dev.descent.plugins.optimizers;

import com.google.auto.service.AutoService;
import dev.descent.api.Optimizer;
import dev.descent.api.Plugin;

/** {@code torch.optim.Adam}: adaptive moments, weight decay added to the gradient. */
@AutoService(Optimizer.class)
@Plugin(name = "adam", description = "Adam: adaptive moment estimation; weight decay added to the gradient"
        + " (torch.optim.Adam)")
public final class Adam extends AdamRule {

    public Adam() {
        super(false, 0);
    }
}
