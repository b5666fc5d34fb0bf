package dev.descent.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.descent.api.DataContext;
import dev.descent.api.DataSource;
import dev.descent.api.Dataset;
import dev.descent.data.Minibatches;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What every {@link DataSource} must do, and that the trainer's minibatches over its data visit
 * every example exactly once per epoch. Extend it in your plugin's tests:
 *
 * <pre>{@code
 * class CsvDataTest extends DataSourceContract {
 *     @Override protected DataSource createDataSource() { ... }
 * }
 * }</pre>
 */
public abstract class DataSourceContract {

    /** A new data source, configured to produce a small data set (at least a few examples). */
    protected abstract DataSource createDataSource();

    /** Whether the data depends on the seed (generated data); files do not. */
    protected boolean isRandom() {
        return true;
    }

    private Dataset load(long seed) {
        return createDataSource().load(new DataContext(new SplittableRandom(seed)));
    }

    @Test
    void shapesAreConsistent() {
        Dataset data = load(1);
        assertThat(data.examples()).isPositive();
        assertThat(data.features()).isPositive().isEqualTo(data.featureNames().size());
        assertThat(data.featureMatrix()).hasSize(data.examples() * data.features());
        assertThat(data.labelVector()).hasSize(data.examples() * data.outputs());
        assertThat(data.featureNames()).doesNotHaveDuplicates().doesNotContain(data.labelName());
    }

    @Test
    void valuesAreFinite() {
        Dataset data = load(2);
        for (float v : data.featureMatrix()) {
            assertThat(v).isFinite();
        }
        for (float v : data.labelVector()) {
            assertThat(v).isFinite();
        }
    }

    @Test
    void theSameSeedGivesTheSameData() {
        assertThat(load(3).featureMatrix()).isEqualTo(load(3).featureMatrix());
        assertThat(load(3).labelVector()).isEqualTo(load(3).labelVector());
        if (isRandom()) {
            assertThat(load(3).featureMatrix()).isNotEqualTo(load(4).featureMatrix());
        }
    }

    @ParameterizedTest(name = "batch size {0}")
    @ValueSource(ints = {1, 2, 3, 7, 10, 64, 1_000_000})
    void everyEpochVisitsEveryExampleExactlyOnce(int batchSize) {
        int n = load(5).examples();
        Minibatches batches = new Minibatches(n, batchSize, new SplittableRandom(6));
        for (int epoch = 0; epoch < 3; epoch++) {
            batches.shuffle();
            int[] visits = new int[n];
            int seen = 0;
            for (int b = 0; b < batches.count(); b++) {
                assertThat(batches.size(b)).isBetween(1, batchSize);
                if (b < batches.count() - 1) {
                    assertThat(batches.size(b)).isEqualTo(batchSize);
                }
                for (int i = batches.from(b); i < batches.from(b) + batches.size(b); i++) {
                    visits[batches.order()[i]]++;
                    seen++;
                }
            }
            assertThat(seen).isEqualTo(n);
            assertThat(visits).containsOnly(1);
        }
    }
}
