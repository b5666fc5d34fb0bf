package dev.descent.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class MinibatchesTest {

    @Test
    void aBatchSizeNearTheLargestIntIsOneBatchOfEveryExample() {
        Minibatches batches = new Minibatches(1000, Integer.MAX_VALUE, new SplittableRandom(1));
        assertThat(batches.count()).isEqualTo(1);
        assertThat(batches.from(0)).isZero();
        assertThat(batches.size(0)).isEqualTo(1000);
    }

    @Test
    void theLastBatchIsShortAndTheBatchesCoverEveryExample() {
        Minibatches batches = new Minibatches(25, 10, new SplittableRandom(1));
        assertThat(batches.count()).isEqualTo(3);
        assertThat(batches.from(2)).isEqualTo(20);
        assertThat(batches.size(2)).isEqualTo(5);
    }
}
