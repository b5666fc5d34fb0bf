package dev.descent.spark;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import scala.Tuple2;

/**
 * Sums the partitions' arrays in a fixed pairwise tree over their partition indices — (0+1)+(2+3)
 * and so on — so that the same partials give the same bits whatever order Spark's tasks finished
 * in (Spark's own {@code reduce} and {@code treeAggregate} combine in completion order).
 */
final class TreeSum {

    /** Partitions summed together on an executor before the driver sums the groups. */
    static final int GROUP = 16;

    private TreeSum() {
    }

    /**
     * The partitions' partials as the driver sums them, in partition order: up to {@link #GROUP}
     * partitions, each one's own; beyond, the executors first sum each group of {@code GROUP}
     * consecutive partitions (sorted by index, in this class's tree), one partial per group, so that
     * the driver receives {@code P / GROUP} arrays instead of {@code P}.
     */
    static List<Partial> onExecutors(JavaRDD<Partial> partials, int partitions) {
        if (partitions <= GROUP) {
            return partials.collect();
        }
        int groups = (partitions + GROUP - 1) / GROUP;
        return partials.mapToPair(q -> new Tuple2<>(q.partition() / GROUP, q))
                .partitionBy(new SparkRows.ByIndex(groups))
                .mapPartitionsWithIndex((g, it) -> {
                    List<Partial> own = new ArrayList<>();
                    it.forEachRemaining(t -> own.add(t._2()));
                    own.sort(Comparator.comparingInt(Partial::partition));
                    long rows = own.stream().mapToLong(Partial::rows).sum();
                    long correct = own.stream().mapToLong(Partial::correct).sum();
                    return Collections.singletonList(new Partial(g, arrays(own), loss(own, 0, own.size()), correct,
                            rows)).iterator();
                }, true).collect();
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
