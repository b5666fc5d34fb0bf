package dev.descent.api;

/**
 * The learning rate over the epochs: constant, stepped down, annealed, reduced on a plateau.
 *
 * <p>The trainer calls {@link #start} once with the optimizer's configured {@code lr}, uses the rate
 * it returns for the first epoch, and after every epoch calls {@link #next} for the rate of the
 * following one, as PyTorch's schedulers step once per epoch. The rate is written into the
 * optimizer's {@code lr} option, so a schedule works with every optimizer that has one. An
 * implementation must be deterministic and keep its progress (a plateau's counter) in
 * {@link #saveState}, so that a resumed run continues the same schedule.
 */
public interface Schedule {

    /**
     * The rate of the first epoch.
     *
     * @param baseRate the optimizer's configured learning rate
     * @param epochs   how many epochs the run has in total
     */
    default double start(double baseRate, int epochs) {
        return baseRate;
    }

    /** The rate for the epoch after {@code finished}, which ran at {@code rate}. */
    double next(EpochEvent finished, double rate);

    /**
     * Whether this schedule ever changes the rate. Only a schedule that does not ({@code constant})
     * may be used with an optimizer that has no {@code lr} option.
     */
    default boolean changesRate() {
        return true;
    }

    default State saveState() {
        return State.EMPTY;
    }

    default void restoreState(State state) {
    }
}
