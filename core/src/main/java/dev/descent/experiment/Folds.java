package dev.descent.experiment;

import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * Which fold each example belongs to, for k-fold cross-validation: fold {@code f}'s examples are its
 * validation part, every other example its training part. The sizes are scikit-learn's: {@code KFold}
 * gives the first {@code n mod k} folds one example more; stratified ({@code StratifiedKFold}), each
 * fold holds each class in the share scikit-learn's allocation gives it (the sorted labels dealt out
 * round-robin), so the class counts per fold, and so the fold sizes, are the same as there.
 *
 * <p>Shuffled, the examples are permuted (stratified: within each class) by {@code random}; not
 * shuffled, folds are contiguous runs of rows (stratified: each class's rows in file order).
 *
 * @param of    the fold (0 … {@code count − 1}) of every example
 * @param count how many folds
 */
public record Folds(int[] of, int count) {

    public Folds {
        of = of.clone();
    }

    /** Folds of {@code examples} regression (or unstratified) examples. */
    public static Folds plain(int examples, int count, boolean shuffle, RandomGenerator random) {
        check(examples, count);
        int[] order = identity(examples);
        if (shuffle) {
            shuffle(order, random);
        }
        int[] of = new int[examples];
        int at = 0;
        for (int f = 0; f < count; f++) {
            int size = examples / count + (f < examples % count ? 1 : 0);
            for (int i = 0; i < size; i++) {
                of[order[at++]] = f;
            }
        }
        return new Folds(of, count);
    }

    /**
     * Stratified folds of examples whose class indices are {@code labels} ({@code 0 … classes − 1}):
     * scikit-learn's {@code StratifiedKFold} allocation.
     */
    public static Folds stratified(float[] labels, int classes, int count, boolean shuffle, RandomGenerator random) {
        int n = labels.length;
        check(n, count);
        int[] sorted = new int[n];
        for (int i = 0; i < n; i++) {
            sorted[i] = (int) labels[i];
        }
        Arrays.sort(sorted);
        // allocation[f][c]: how many examples of class c fold f holds: sorted labels dealt round-robin.
        int[][] allocation = new int[count][classes];
        for (int i = 0; i < n; i++) {
            allocation[i % count][sorted[i]]++;
        }
        int[] of = new int[n];
        for (int c = 0; c < classes; c++) {
            int members = 0;
            for (int f = 0; f < count; f++) {
                members += allocation[f][c];
            }
            int[] folds = new int[members];   // fold numbers, each repeated as often as the fold holds class c
            int at = 0;
            for (int f = 0; f < count; f++) {
                for (int i = 0; i < allocation[f][c]; i++) {
                    folds[at++] = f;
                }
            }
            if (shuffle) {
                shuffle(folds, random);
            }
            at = 0;
            for (int i = 0; i < n; i++) {
                if ((int) labels[i] == c) {
                    of[i] = folds[at++];
                }
            }
        }
        return new Folds(of, count);
    }

    private static void check(int examples, int count) {
        if (count < 2) {
            throw new IllegalArgumentException("cross-validation needs at least 2 folds, not " + count);
        }
        if (count > examples) {
            throw new IllegalArgumentException(count + " folds need at least " + count + " examples; the data has "
                    + examples);
        }
    }

    /** How many examples fold {@code fold} holds (its validation part). */
    public int size(int fold) {
        int size = 0;
        for (int f : of) {
            if (f == fold) {
                size++;
            }
        }
        return size;
    }

    /** The examples of fold {@code fold} ({@code inFold}) or of every other fold, in row order. */
    public int[] rows(int fold, boolean inFold) {
        return java.util.stream.IntStream.range(0, of.length).filter(i -> (of[i] == fold) == inFold).toArray();
    }

    private static int[] identity(int n) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        return order;
    }

    /** Fisher–Yates, from the end, as the data sources shuffle. */
    private static void shuffle(int[] values, RandomGenerator random) {
        for (int i = values.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = values[i];
            values[i] = values[j];
            values[j] = t;
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Folds f && f.count == count && Arrays.equals(f.of, of);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(of) + count;
    }

    @Override
    public String toString() {
        return "Folds[" + count + " of " + of.length + " examples]";
    }
}
