package dev.descent.plugins.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link Dot} on 256-bit vectors ({@code jdk.incubator.vector}): one vector of eight running sums,
 * lane {@code j} being the plain version's sum {@code j}, so both give the same bits. Loaded only
 * when the module is present (see {@link Dot#best()}).
 */
final class VectorDot extends Dot {

    private static final VectorSpecies<Float> EIGHT = FloatVector.SPECIES_256;

    @Override
    float dot(float[] a, int ao, float[] b, int bo, int n) {
        FloatVector sums = FloatVector.zero(EIGHT);
        int i = 0;
        for (int end = n - LANES; i <= end; i += LANES) {
            sums = sums.add(FloatVector.fromArray(EIGHT, a, ao + i).mul(FloatVector.fromArray(EIGHT, b, bo + i)));
        }
        float sum = ((sums.lane(0) + sums.lane(1)) + (sums.lane(2) + sums.lane(3)))
                + ((sums.lane(4) + sums.lane(5)) + (sums.lane(6) + sums.lane(7)));
        for (; i < n; i++) {
            sum += a[ao + i] * b[bo + i];
        }
        return sum;
    }

    /** {@code null} when the hardware has no 256-bit vectors: the API would emulate them, slowly. */
    @Override
    String description() {
        return FloatVector.SPECIES_PREFERRED.vectorBitSize() >= 256 ? "Vector API, 256-bit" : null;
    }
}
