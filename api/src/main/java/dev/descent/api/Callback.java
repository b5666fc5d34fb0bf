package dev.descent.api;

import java.util.List;

/**
 * Code that runs as training goes and may end it early: early stopping, checkpoints, logging of a
 * metric. Callbacks are chosen by name as a list, {@code callbacks = early-stopping, checkpoint},
 * each configured under its own name ({@code early-stopping.patience = 5}), and called in that order.
 *
 * <p>Every method has an empty default. Callbacks run on the training thread between epochs, outside
 * gradient tracking; they may read the parameters and, at the end, write them (to keep the best
 * epoch's). A callback that keeps progress (epochs without improvement) saves it in
 * {@link #saveState}, so that a resumed run continues it.
 */
public interface Callback {

    /** Before the first epoch (of this process: after a resume, before the next epoch). */
    default void trainingStarted(List<Parameter> parameters) {
    }

    /**
     * Before the first epoch, with the run's {@link Outputs}: a callback that writes files checks
     * them here (so a bad path fails before training, not after it) and writes them through it. The
     * default calls {@link #trainingStarted(List)}.
     */
    default void trainingStarted(List<Parameter> parameters, Outputs outputs) {
        trainingStarted(parameters);
    }

    /** After each epoch's losses are known; may {@linkplain EpochEvent#requestStop request a stop}. */
    default void epochEnded(EpochEvent epoch) {
    }

    /**
     * After the last epoch, or after the epoch whose callback asked to stop. A callback may write
     * earlier parameters back and say so with {@link TrainingEnd#keptEpoch}.
     */
    default void trainingEnded(TrainingEnd end) {
    }

    default State saveState() {
        return State.EMPTY;
    }

    default void restoreState(State state) {
    }
}
