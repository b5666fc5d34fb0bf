package dev.descent.train;

import dev.descent.api.State;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where a run stands besides its parameters: what a resumed run needs to continue as if it had not
 * stopped.
 *
 * @param epoch        the epochs completed, counting those of the runs it resumed
 * @param learningRate the optimizer's learning rate for the next epoch, as the schedule set it; NaN when
 *                     the optimizer has none
 * @param optimizer the optimizer's {@link dev.descent.api.Optimizer#saveState state}
 * @param schedule  the schedule's state
 * @param callbacks each callback's state, by its name
 */
public record TrainingState(int epoch, double learningRate, State optimizer, State schedule, Map<String, State> callbacks) {

    /** Nothing trained yet. */
    public static final TrainingState START = new TrainingState(0, Double.NaN, State.EMPTY, State.EMPTY, Map.of());

    public TrainingState {
        callbacks = Collections.unmodifiableMap(new LinkedHashMap<>(callbacks));
    }
}
