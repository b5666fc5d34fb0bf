package dev.descent.plugins.schedules;

import com.google.auto.service.AutoService;
import dev.descent.api.EpochEvent;
import dev.descent.api.Option;
import dev.descent.api.Plugin;
import dev.descent.api.Schedule;

/**
 * A linear warm-up, then cosine annealing: for epoch {@code k < warmup} the rate is
 * {@code base · (start-factor + (1 − start-factor) · k / warmup)}, then it follows a cosine from
 * {@code base} to {@code min-lr} over the remaining epochs (to {@code t-max}, by default {@code train.epochs}). As PyTorch's
 * {@code SequentialLR([LinearLR(start_factor, total_iters=warmup), CosineAnnealingLR(epochs − warmup,
 * eta_min)], milestones=[warmup])}.
 */
@AutoService(Schedule.class)
@Plugin(name = "warmup-cosine", description = "Linear warm-up from start-factor * lr to lr over warmup epochs,"
        + " then cosine annealing to min-lr")
public final class WarmupCosineSchedule implements Schedule {

    @Option(name = "warmup", description = "Epochs of linear warm-up", min = 0)
    private int warmup = 5;

    @Option(name = "start-factor", description = "The first epoch's rate, as a fraction of lr", min = 0,
            minExclusive = true, max = 1)
    private double startFactor = 1.0 / 3;

    @Option(name = "min-lr", description = "The rate at the end of training", min = 0)
    private double minLr = 0;

    @Option(name = "t-max", description = "Epochs of the whole schedule, warm-up included; 0 for train.epochs", min = 0)
    private int tMax = 0;

    private double base;
    private int epochs;

    @Override
    public double start(double baseRate, int epochs) {
        this.base = baseRate;
        this.epochs = tMax > 0 ? tMax : epochs;
        return rate(0);
    }

    @Override
    public double next(EpochEvent finished, double rate) {
        return rate(finished.epoch());
    }

    private double rate(int k) {
        if (k < warmup) {
            return base * (startFactor + (1 - startFactor) * k / warmup);
        }
        return Cosine.rate(base, minLr, k - warmup, Math.max(1, epochs - warmup));
    }
}
