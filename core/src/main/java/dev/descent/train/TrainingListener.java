package dev.descent.train;

/**
 * Hooks into a training run: progress display, plots, logs, early stopping. Every method has an
 * empty default, so a listener implements only what it needs.
 *
 * <p>Listeners are called on the training thread, in the order they were bound; a slow listener
 * slows training. {@link #batchEnded} runs after every minibatch: keep it cheap.
 */
public interface TrainingListener {

    /** Before the first epoch, once the data is loaded and the model initialised. */
    default void trainingStarted(TrainingStart start) {
    }

    /**
     * Before each epoch's first batch, with the learning rate it runs at (empty when the optimizer
     * has none).
     */
    default void epochStarted(int epoch, java.util.OptionalDouble learningRate) {
    }

    /** After each minibatch's optimizer step. */
    default void batchEnded(BatchEnd batch) {
    }

    /** After each epoch, with the mean loss over the whole data set. Not called for a diverged epoch. */
    default void epochEnded(EpochEnd epoch) {
    }

    /** After the last epoch. Not called when training fails. */
    default void trainingEnded(TrainingResult result) {
    }
}
