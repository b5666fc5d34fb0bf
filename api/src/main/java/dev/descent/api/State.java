package dev.descent.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What a component keeps between steps or epochs, as plain values: named float arrays (an
 * optimizer's velocities), named real numbers and named counts. A model file carries the state of
 * the optimizer, the schedule and the callbacks, so that {@code --resume} continues where a run
 * stopped instead of starting them afresh.
 *
 * <pre>{@code
 * State saved = State.builder().array("velocity/w", v.toFloatArray()).count("steps", steps).build();
 * float[] v = saved.array("velocity/w");
 * }</pre>
 *
 * Names are chosen by the component; keep them stable across versions of a plugin, since old model
 * files carry them.
 *
 * @param arrays  float arrays by name, in insertion order
 * @param numbers real numbers by name
 * @param counts  whole numbers by name
 */
public record State(Map<String, float[]> arrays, Map<String, Double> numbers, Map<String, Long> counts) {

    /** No state: what a stateless component saves. */
    public static final State EMPTY = new State(Map.of(), Map.of(), Map.of());

    public State {
        arrays = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(arrays, "arrays")));
        numbers = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(numbers, "numbers")));
        counts = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(counts, "counts")));
    }

    public static Builder builder() {
        return new Builder();
    }

    public boolean isEmpty() {
        return arrays.isEmpty() && numbers.isEmpty() && counts.isEmpty();
    }

    /** The array saved as {@code name}; an error naming the missing entry when there is none. */
    public float[] array(String name) {
        return require(arrays, name, "array");
    }

    public double number(String name) {
        return require(numbers, name, "number");
    }

    public long count(String name) {
        return require(counts, name, "count");
    }

    private static <V> V require(Map<String, V> values, String name, String what) {
        V value = values.get(name);
        if (value == null) {
            throw new IllegalArgumentException("the saved state has no " + what + " '" + name + "' (it has "
                    + values.keySet() + "); was it saved by another version of this component?");
        }
        return value;
    }

    /** Collects a state entry by entry. */
    public static final class Builder {
        private final Map<String, float[]> arrays = new LinkedHashMap<>();
        private final Map<String, Double> numbers = new LinkedHashMap<>();
        private final Map<String, Long> counts = new LinkedHashMap<>();

        private Builder() {
        }

        /** Adds a copy of {@code values}. */
        public Builder array(String name, float[] values) {
            arrays.put(name, values.clone());
            return this;
        }

        public Builder number(String name, double value) {
            numbers.put(name, value);
            return this;
        }

        public Builder count(String name, long value) {
            counts.put(name, value);
            return this;
        }

        public State build() {
            return new State(arrays, numbers, counts);
        }
    }
}
