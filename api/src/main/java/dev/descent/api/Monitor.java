package dev.descent.api;

import java.util.Locale;
import java.util.OptionalDouble;

/**
 * A figure of each epoch that a callback or schedule watches, as an option value: {@code loss},
 * {@code validation-loss}, and for classification {@code accuracy} and {@code validation-accuracy};
 * {@code auto} is the validation loss when the data has a validation split, else the training loss.
 */
public enum Monitor {
    AUTO, LOSS, VALIDATION_LOSS, ACCURACY, VALIDATION_ACCURACY;

    /** The figure's name in {@link EpochEvent#figure}: {@code validation-accuracy}. */
    public String figure() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** For messages: {@code training loss}, {@code validation accuracy}. */
    public String description() {
        return name().startsWith("VALIDATION") ? figure().replace('-', ' ') : "training " + figure();
    }

    /** Whether the figure improves by rising (an accuracy) rather than falling (a loss). */
    public boolean higherIsBetter() {
        return this == ACCURACY || this == VALIDATION_ACCURACY;
    }

    /** What {@code auto} means for this epoch; any other value is itself. */
    public Monitor resolve(EpochEvent epoch) {
        if (this != AUTO) {
            return this;
        }
        return epoch.validationLoss().isPresent() ? VALIDATION_LOSS : LOSS;
    }

    /**
     * The watched figure of {@code epoch}, {@code auto} resolved.
     *
     * @param option the option's key for the message, e.g. {@code early-stopping.monitor}
     * @throws DescentException when the run does not have the figure, saying what to do
     */
    public double valueOf(EpochEvent epoch, String option) {
        Monitor watched = resolve(epoch);
        OptionalDouble value = epoch.figure(watched.figure());
        if (value.isEmpty()) {
            throw new DescentException(option + " = " + watched.figure() + ", but this run has no " + watched.figure()
                    + (watched.name().startsWith("VALIDATION") ? "; set a validation split (e.g."
                    + " data.validation-fraction = 0.2)" : "; accuracy is measured for classification only")
                    + ", or watch another figure (" + option + " = loss)");
        }
        return value.getAsDouble();
    }
}
