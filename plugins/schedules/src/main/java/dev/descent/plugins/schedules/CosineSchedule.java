package dev.descent.plugins.schedules;

import com.google.auto.service.AutoService;
import dev.descent.api.EpochEvent;
import dev.descent.api.Option;
import dev.descent.api.Plugin;
import dev.descent.api.Schedule;

/**
 * {@code torch.optim.lr_scheduler.CosineAnnealingLR}: after epoch {@code k},
 * {@code lr = min-lr + (base − min-lr) · (1 + cos(π k / t-max)) / 2}.
 */
@AutoService(Schedule.class)
@Plugin(name = "cosine", description = "Anneals the rate along a cosine to min-lr over t-max epochs"
        + " (CosineAnnealingLR)")
public final class CosineSchedule implements Schedule {

    @Option(name = "t-max", description = "Epochs to reach min-lr; 0 for train.epochs", min = 0)
    private int tMax = 0;

    @Option(name = "min-lr", description = "The rate at the end of the period", min = 0)
    private double minLr = 0;

    private double base;
    private int period;

    @Override
    public double start(double baseRate, int epochs) {
        base = baseRate;
        period = tMax > 0 ? tMax : epochs;
        return baseRate;
    }

    @Override
    public double next(EpochEvent finished, double rate) {
        return Cosine.rate(base, minLr, finished.epoch(), period);
    }
}
