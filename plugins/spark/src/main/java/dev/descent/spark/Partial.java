package dev.descent.spark;

import dev.descent.api.State;
import java.io.Serializable;
import java.util.Map;

/**
 * What one partition sends back to the driver: parameter-shaped arrays (gradients summed over its
 * rows of a batch, or its parameters after a round of local steps), the loss summed over those
 * rows, how many rows, and (local SGD) its optimizer's state.
 *
 * @param partition the partition's index, the order of every sum
 * @param arrays    one array per parameter, in the model's order
 * @param loss      the summed loss of its rows
 * @param correct   for classification, how many of its rows the model classified right
 * @param rows      how many rows it computed over
 */
record Partial(int partition, float[][] arrays, double loss, long correct, long rows, SavedState state)
        implements Serializable {

    Partial(int partition, float[][] arrays, double loss, long correct, long rows) {
        this(partition, arrays, loss, correct, rows, null);
    }

    /** An optimizer's {@link State}, in a form Java serialization carries. */
    record SavedState(Map<String, float[]> arrays, Map<String, Double> numbers, Map<String, Long> counts)
            implements Serializable {

        static SavedState of(State state) {
            return new SavedState(new java.util.LinkedHashMap<>(state.arrays()),
                    new java.util.LinkedHashMap<>(state.numbers()), new java.util.LinkedHashMap<>(state.counts()));
        }

        State toState() {
            return new State(arrays, numbers, counts);
        }
    }
}
