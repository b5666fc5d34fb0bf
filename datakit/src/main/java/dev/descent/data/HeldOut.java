package dev.descent.data;

import java.util.Arrays;
import java.util.random.RandomGenerator;

/** Which rows a data source holds out for validation: a seeded choice, the same on every machine. */
public final class HeldOut {

    private HeldOut() {
    }

    /**
     * Row order for holding {@code held} of {@code n} rows out: the first {@code held} entries are the
     * validation rows, the rest the training rows, each part in file order, so that the split alone
     * depends on the seed. With nothing held out, the rows in order.
     */
    public static int[] order(int n, int held, RandomGenerator random) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        if (held > 0) {
            for (int i = n - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
            Arrays.sort(order, 0, held);
            Arrays.sort(order, held, n);
        }
        return order;
    }

    /** How many of {@code n} rows a fraction holds out: {@code floor(n × fraction)}. */
    public static int count(int n, double fraction) {
        return (int) Math.floor(n * fraction);
    }
}
