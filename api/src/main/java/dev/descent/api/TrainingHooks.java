package dev.descent.api;

import java.util.List;

/**
 * The points of the training loop where a component acts: before and after the run, each epoch and
 * each minibatch. Any component of a run whose class implements this interface is called there,
 * whatever its kind, so a plugin jar that declares a kind of its own ({@link KindProvider}) makes its
 * components act during a run without an engine of its own.
 *
 * <p>Every method has an empty default. Hooks run on the training thread, outside gradient
 * tracking except around a batch, after the run's callbacks, in the order of the run's kinds. They may
 * read and write the parameters; {@link #afterEpoch} may end the run like a callback. The batch hooks
 * run after every minibatch step of the local engine (a distributed engine calls them around each
 * round of combined steps on the driver): keep them cheap. A component that overrides neither batch
 * hook costs the loop nothing per batch.
 */
public interface TrainingHooks {

    /** Before the first epoch of this process, the parameters initialised (or resumed). */
    default void beforeRun(List<Parameter> parameters, Outputs outputs) {
    }

    /** Before epoch {@code epoch}'s first minibatch (epochs are numbered across resumes, from 1). */
    default void beforeEpoch(int epoch, List<Parameter> parameters) {
    }

    /** Before minibatch {@code batch} (from 1) of epoch {@code epoch}. */
    default void beforeBatch(int epoch, int batch, List<Parameter> parameters) {
    }

    /** After minibatch {@code batch}'s optimizer step, its gradients zeroed. */
    default void afterBatch(int epoch, int batch, List<Parameter> parameters) {
    }

    /**
     * After the epoch's losses are known and the callbacks have seen them; may
     * {@linkplain EpochEvent#requestStop end the run}.
     */
    default void afterEpoch(EpochEvent epoch) {
    }

    /** After the last epoch, once the callbacks have ended (and chosen which parameters to keep). */
    default void afterRun(TrainingEnd end) {
    }
}
