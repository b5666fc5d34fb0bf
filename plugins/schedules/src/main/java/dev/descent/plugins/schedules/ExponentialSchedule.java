package dev.descent.plugins.schedules;

import com.google.auto.service.AutoService;
import dev.descent.api.EpochEvent;
import dev.descent.api.Option;
import dev.descent.api.Plugin;
import dev.descent.api.Schedule;

/** {@code torch.optim.lr_scheduler.ExponentialLR}: after epoch {@code k}, {@code lr = base · gamma^k}. */
@AutoService(Schedule.class)
@Plugin(name = "exponential", description = "Multiplies the rate by gamma after every epoch (ExponentialLR)")
public final class ExponentialSchedule implements Schedule {

    @Option(name = "gamma", description = "Factor applied after each epoch", min = 0, minExclusive = true)
    private double gamma = 0.95;

    private double base;

    @Override
    public double start(double baseRate, int epochs) {
        base = baseRate;
        return baseRate;
    }

    @Override
    public double next(EpochEvent finished, double rate) {
        return base * Math.pow(gamma, finished.epoch());
    }
}
