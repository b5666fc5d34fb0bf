package dev.descent.plugins.synthetic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.descent.api.DataContext;
import dev.descent.api.DataSource;
import dev.descent.api.Dataset;
import dev.descent.testkit.DataSourceContract;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SyntheticGaussianDataTest extends DataSourceContract {

    @Override
    protected DataSource createDataSource() {
        return new SyntheticGaussianData();
    }

    private static Dataset load(long seed) {
        return new SyntheticGaussianData().load(new DataContext(new SplittableRandom(seed)));
    }

    @Test
    void generatesTheBooksDataSet() {
        Dataset data = load(1);
        assertThat(data.examples()).isEqualTo(1000);
        assertThat(data.features()).isEqualTo(2);
        assertThat(data.featureNames()).containsExactly("x0", "x1");
        assertThat(data.trueParameters().get("w")).containsExactly(2f, -3.4f);
        assertThat(data.trueParameters().get("b")).containsExactly(4.2f);
    }

    @Test
    void labelsAreTheLinearFunctionPlusSmallNoise() {
        Dataset data = load(2);
        float[] x = data.featureMatrix();
        float[] y = data.labelVector();
        double squares = 0;
        for (int i = 0; i < data.examples(); i++) {
            double residual = y[i] - (2 * x[2 * i] - 3.4 * x[2 * i + 1] + 4.2);
            squares += residual * residual;
        }
        assertThat(Math.sqrt(squares / data.examples())).isCloseTo(0.01, within(0.001));
    }

    @Test
    void featuresAreStandardNormal() {
        float[] x = load(3).featureMatrix();
        double sum = 0;
        double squares = 0;
        for (float v : x) {
            sum += v;
            squares += (double) v * v;
        }
        assertThat(sum / x.length).isCloseTo(0, within(0.08));
        assertThat(squares / x.length).isCloseTo(1, within(0.08));
    }

    @Test
    void randomWeightsDrawsTheTrueWeightsForWideProblems() throws Exception {
        SyntheticGaussianData source = new SyntheticGaussianData();
        java.lang.reflect.Field field = SyntheticGaussianData.class.getDeclaredField("randomWeights");
        field.setAccessible(true);
        field.setInt(source, 512);
        Dataset data = source.load(new DataContext(new SplittableRandom(8)));
        assertThat(data.features()).isEqualTo(512);
        float[] w = data.trueParameters().get("w");
        assertThat(w).hasSize(512);
        double squares = 0;
        for (float v : w) {
            squares += (double) v * v;
        }
        assertThat(squares / w.length).isCloseTo(1, within(0.2));
    }

    @Test
    void theSameSeedGivesTheSameDataAndAnotherSeedOtherData() {
        assertThat(load(4).featureMatrix()).isEqualTo(load(4).featureMatrix());
        assertThat(load(4).labelVector()).isEqualTo(load(4).labelVector());
        assertThat(load(4).featureMatrix()).isNotEqualTo(load(5).featureMatrix());
    }
}
