package dev.descent.api;

/**
 * What an {@link Optimizer} implements so that a {@link Schedule} can change its step size, as
 * PyTorch's schedulers change an optimizer's {@code lr}: the trainer reads the configured rate with
 * {@link #learningRate()} before the first epoch, and after each epoch sets the rate the schedule
 * gives with {@link #setLearningRate(double)}. The rate is usually the optimizer's {@code lr} option:
 *
 * <pre>{@code
 * @Option(name = "lr", description = "Learning rate", min = 0, minExclusive = true)
 * private double lr = 0.01;
 *
 * @Override public double learningRate() { return lr; }
 * @Override public void setLearningRate(double rate) { lr = rate; }
 * }</pre>
 *
 * An optimizer without it trains at its own rate under {@code schedule = constant}; a schedule that
 * changes the rate is refused before the first epoch, naming the optimizer. The epoch's rate is
 * shown in the progress bar and saved in model files for {@code --resume}.
 */
public interface LearningRate {

    /** The step size the next step uses. */
    double learningRate();

    /** Sets the step size of the following steps: finite, 0 or more (the trainer checks). */
    void setLearningRate(double rate);
}
