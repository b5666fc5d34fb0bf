package dev.descent.plugins.schedules;

import com.google.auto.service.AutoService;
import dev.descent.api.EpochEvent;
import dev.descent.api.Monitor;
import dev.descent.api.Option;
import dev.descent.api.Plugin;
import dev.descent.api.Schedule;
import dev.descent.api.State;

/**
 * {@code torch.optim.lr_scheduler.ReduceLROnPlateau} (relative threshold, no cooldown): watches
 * {@code monitor}, by default the validation loss when there is a validation split, else the
 * training loss; an epoch improves when a loss is below {@code best · (1 − threshold)} (mode min),
 * or an accuracy above {@code best · (1 + threshold)} (mode max); after more than {@code patience}
 * epochs without improvement the rate is multiplied by {@code factor} (not below {@code min-lr}).
 */
@AutoService(Schedule.class)
@Plugin(name = "plateau", description = "Multiplies the rate by factor when the (validation) loss or accuracy"
        + " stops improving for patience epochs (ReduceLROnPlateau)")
public final class PlateauSchedule implements Schedule {

    /** PyTorch's eps: a reduction smaller than this is not made. */
    private static final double EPS = 1e-8;

    @Option(name = "factor", description = "Factor applied at each reduction", min = 0, minExclusive = true, max = 1)
    private double factor = 0.1;

    @Option(name = "patience", description = "Epochs without improvement before a reduction", min = 0)
    private int patience = 10;

    @Option(name = "threshold", description = "Relative improvement that counts: loss < best * (1 - threshold)",
            min = 0)
    private double threshold = 1e-4;

    @Option(name = "min-lr", description = "The rate is never reduced below this", min = 0)
    private double minLr = 0;

    @Option(name = "monitor", description = "The figure watched: validation-loss, loss, accuracy, validation-accuracy"
            + " (classification), or auto (validation-loss when there is a validation split, else loss)")
    private Monitor monitor = Monitor.AUTO;

    /** The best figure so far; NaN before the first epoch. */
    private double best = Double.NaN;
    private int badEpochs;

    @Override
    public double next(EpochEvent finished, double rate) {
        double value = monitor.valueOf(finished, "schedule.monitor");
        boolean improved = Double.isNaN(best) || (monitor.resolve(finished).higherIsBetter()
                ? value > best * (1 + threshold) : value < best * (1 - threshold));
        if (improved) {
            best = value;
            badEpochs = 0;
        } else {
            badEpochs++;
        }
        if (badEpochs > patience) {
            double reduced = Math.max(rate * factor, minLr);
            badEpochs = 0;
            if (rate - reduced > EPS) {
                return reduced;
            }
        }
        return rate;
    }

    @Override
    public State saveState() {
        State.Builder state = State.builder().count("bad-epochs", badEpochs);
        if (!Double.isNaN(best)) {   // before the first epoch there is no best yet
            state.number("best", best);
        }
        return state.build();
    }

    @Override
    public void restoreState(State state) {
        best = state.numbers().containsKey("best") ? state.number("best") : Double.NaN;
        badEpochs = (int) state.count("bad-epochs");
    }
}
