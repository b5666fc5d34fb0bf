package dev.descent.plugins.schedules;

import com.google.auto.service.AutoService;
import dev.descent.api.EpochEvent;
import dev.descent.api.Option;
import dev.descent.api.Plugin;
import dev.descent.api.Schedule;

/** {@code torch.optim.lr_scheduler.StepLR}: after epoch {@code k}, {@code lr = base · gamma^⌊k / step-size⌋}. */
@AutoService(Schedule.class)
@Plugin(name = "step", description = "Multiplies the rate by gamma every step-size epochs (StepLR)")
public final class StepSchedule implements Schedule {

    @Option(name = "step-size", description = "Epochs between two reductions", min = 1)
    private int stepSize = 10;

    @Option(name = "gamma", description = "Factor applied at each reduction", min = 0, minExclusive = true)
    private double gamma = 0.1;

    private double base;

    @Override
    public double start(double baseRate, int epochs) {
        base = baseRate;
        return baseRate;
    }

    @Override
    public double next(EpochEvent finished, double rate) {
        return base * Math.pow(gamma, Math.floorDiv(finished.epoch(), stepSize));
    }
}
