package dev.descent.api;

import java.util.List;
import java.util.OptionalInt;

/**
 * The end of training, as {@link Callback#trainingEnded} sees it: the parameters as they are, and a
 * way to say that they are now those of an earlier epoch (early stopping's "restore best"), so that
 * the result, the saved model and its recorded losses are that epoch's.
 */
public final class TrainingEnd {

    private final List<Parameter> parameters;
    private final int lastEpoch;
    private int keptEpoch;

    public TrainingEnd(List<Parameter> parameters, int lastEpoch) {
        this.parameters = List.copyOf(parameters);
        this.lastEpoch = lastEpoch;
    }

    public List<Parameter> parameters() {
        return parameters;
    }

    /** The last epoch that ran. */
    public int lastEpoch() {
        return lastEpoch;
    }

    /**
     * Declares that the parameters now hold what they held after {@code epoch} (the callback has
     * written them back). Only an epoch of this run, up to {@link #lastEpoch()}.
     */
    public void keptEpoch(int epoch) {
        if (epoch < 1 || epoch > lastEpoch) {
            throw new IllegalArgumentException("epoch " + epoch + " is not one of this run (1 to " + lastEpoch + ")");
        }
        keptEpoch = epoch;
    }

    /** The epoch whose parameters are kept, when a callback said so. */
    public OptionalInt keptEpoch() {
        return keptEpoch == 0 ? OptionalInt.empty() : OptionalInt.of(keptEpoch);
    }
}
