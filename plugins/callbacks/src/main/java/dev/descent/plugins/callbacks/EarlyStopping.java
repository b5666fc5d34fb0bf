package dev.descent.plugins.callbacks;

import com.google.auto.service.AutoService;
import dev.descent.api.Callback;
import dev.descent.api.DescentException;
import dev.descent.api.EpochEvent;
import dev.descent.api.Monitor;
import dev.descent.api.Option;
import dev.descent.api.Parameter;
import dev.descent.api.Plugin;
import dev.descent.api.State;
import dev.descent.api.TrainingEnd;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops training when the monitored figure has not improved by more than {@code min-delta} for
 * {@code patience} epochs, and (with {@code restore-best}) ends with the best epoch's parameters, so
 * the saved and reported model is that epoch's. By default the figure is the validation loss when
 * the data has a validation split, else the training loss; a classifier may watch its (validation)
 * accuracy instead, which improves by rising.
 */
@AutoService(Callback.class)
@Plugin(name = "early-stopping", description = "Stops when the (validation) loss or accuracy stops improving; keeps the best"
        + " epoch's parameters")
public final class EarlyStopping implements Callback {

    private static final Logger LOG = LoggerFactory.getLogger(EarlyStopping.class);

    @Option(name = "monitor", description = "The figure watched: validation-loss, loss, accuracy, validation-accuracy"
            + " (classification), or auto (validation-loss when there is a validation split, else loss)")
    private Monitor monitor = Monitor.AUTO;

    @Option(name = "patience", description = "Epochs without improvement before stopping", min = 1)
    private int patience = 5;

    @Option(name = "min-delta", description = "The least decrease that counts as an improvement", min = 0)
    private double minDelta = 0;

    @Option(name = "restore-best", description = "End with the parameters of the best epoch, not the last")
    private boolean restoreBest = true;

    private double best = Double.POSITIVE_INFINITY;
    /** What the last epoch watched: an accuracy is kept negated in {@link #best}. */
    private Monitor watching = Monitor.LOSS;
    private int bestEpoch;
    private int epochsWithoutImprovement;
    private Map<String, float[]> bestParameters = new LinkedHashMap<>();
    /** Whether this callback stopped the run: its stop line already said which epoch is kept. */
    private boolean stopped;

    @Override
    public void epochEnded(EpochEvent epoch) {
        Monitor watching = monitor.resolve(epoch);
        double figure = monitor.valueOf(epoch, "early-stopping.monitor");
        String watched = watching.description();
        this.watching = watching;
        // Compared as a loss: an accuracy is watched as its negative, so "lower is better" holds for both.
        double value = watching.higherIsBetter() ? -figure : figure;
        if (value < best - minDelta) {
            best = value;
            bestEpoch = epoch.epoch();
            epochsWithoutImprovement = 0;
            if (restoreBest) {
                bestParameters = new LinkedHashMap<>();
                for (Parameter p : epoch.parameters()) {
                    bestParameters.put(p.name(), p.value().toFloatArray());
                }
            }
            return;
        }
        epochsWithoutImprovement++;
        if (epochsWithoutImprovement >= patience) {
            stopped = true;
            epoch.requestStop(String.format(Locale.ROOT, "the %s has not improved by more than %s for %d epochs;"
                    + " %s epoch %d's parameters (%s %.6f)", watched, minDelta, patience,
                    restoreBest ? "keeping" : "the best were", bestEpoch, watched, shown(best)));
        }
    }

    @Override
    public void trainingEnded(TrainingEnd end) {
        if (!restoreBest || bestEpoch == 0 || bestEpoch == end.lastEpoch() || bestParameters.isEmpty()) {
            return;
        }
        for (Parameter p : end.parameters()) {
            float[] values = bestParameters.get(p.name());
            if (values != null) {
                p.value().assign(values);
            }
        }
        end.keptEpoch(bestEpoch);
        if (!stopped) {
            LOG.info("early stopping: ending with epoch {}'s parameters, the best ({})", bestEpoch,
                    String.format(Locale.ROOT, "%.6f", shown(best)));
        }
    }

    private double shown(double value) {
        return watching.higherIsBetter() ? -value : value;
    }

    @Override
    public State saveState() {
        State.Builder state = State.builder().count("best-epoch", bestEpoch)
                .count("epochs-without-improvement", epochsWithoutImprovement);
        if (Double.isFinite(best)) {
            state.number("best", best);
        }
        bestParameters.forEach((name, values) -> state.array("best/" + name, values));
        return state.build();
    }

    @Override
    public void restoreState(State state) {
        bestEpoch = (int) state.count("best-epoch");
        epochsWithoutImprovement = (int) state.count("epochs-without-improvement");
        best = state.numbers().containsKey("best") ? state.number("best") : Double.POSITIVE_INFINITY;
        bestParameters = new LinkedHashMap<>();
        state.arrays().forEach((name, values) -> {
            if (name.startsWith("best/")) {
                bestParameters.put(name.substring("best/".length()), values.clone());
            }
        });
        if (epochsWithoutImprovement >= patience) {
            LOG.info("early stopping ended the saved run ({} epochs without improvement since epoch {}): it stops again"
                    + " after the next epoch that does not improve on epoch {}; to train on, raise early-stopping.patience"
                    + " (now {}) or leave early-stopping out of callbacks", epochsWithoutImprovement, bestEpoch, bestEpoch,
                    patience);
        }
    }
}
