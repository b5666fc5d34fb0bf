package dev.descent.spark;

import java.util.List;

/**
 * Sums the partitions' arrays in a fixed pairwise tree over their partition indices — (0+1)+(2+3)
 * and so on — so that the same partials give the same bits whatever order Spark's tasks finished
 * in (Spark's own {@code reduce} and {@code treeAggregate} combine in completion order).
 */
final class TreeSum {

    private TreeSum() {
    }

    /** The partials' arrays summed; {@code partials} sorted by partition index, at least one. */
    static float[][] arrays(List<Partial> partials) {
        return arrays(partials, 0, partials.size());
    }

    private static float[][] arrays(List<Partial> partials, int from, int to) {
        if (to - from == 1) {
            float[][] own = partials.get(from).arrays();
            float[][] copy = new float[own.length][];
            for (int i = 0; i < own.length; i++) {
                copy[i] = own[i].clone();
            }
            return copy;
        }
        int middle = (from + to) >>> 1;
        float[][] left = arrays(partials, from, middle);
        float[][] right = arrays(partials, middle, to);
        for (int i = 0; i < left.length; i++) {
            for (int j = 0; j < left[i].length; j++) {
                left[i][j] += right[i][j];
            }
        }
        return left;
    }

    /** The partials' losses summed in the same tree. */
    static double loss(List<Partial> partials, int from, int to) {
        if (to - from == 1) {
            return partials.get(from).loss();
        }
        int middle = (from + to) >>> 1;
        return loss(partials, from, middle) + loss(partials, middle, to);
    }
}
