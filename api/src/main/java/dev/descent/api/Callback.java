package dev.descent.api;

import java.util.List;
import java.util.Map;

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

    /**
     * Whether this callback takes the figures drawn of the run when it ends ({@link #figuresDrawn}):
     * drawing them costs a moment, so a program draws them only when some callback says yes.
     *
     * @since API 2.3
     */
    default boolean wantsFigures() {
        return false;
    }

    /**
     * After training, the figures drawn of the run, as {@code descent train --plot} draws them: PNG
     * files by name ({@code loss}, {@code confusion-matrix}, {@code predicted-vs-actual}, …), for a
     * callback that logs them (TensorBoard's Images tab). Called only when {@link #wantsFigures} says
     * so, and only by programs that draw figures ({@code descent train} does).
     *
     * @param epoch the run's last epoch
     * @since API 2.3
     */
    default void figuresDrawn(int epoch, Map<String, byte[]> pngs) {
    }

    default State saveState() {
        return State.EMPTY;
    }

    default void restoreState(State state) {
    }
}
