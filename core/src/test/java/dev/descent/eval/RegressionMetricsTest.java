package dev.descent.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class RegressionMetricsTest {

    @Test
    void computesTheTextbookValues() {
        RegressionMetrics m = RegressionMetrics.of(new float[] {2.5f, 0f, 2f, 8f}, new float[] {3f, -0.5f, 2f, 7f});
        assertThat(m.mse()).isCloseTo(0.375, within(1e-12));            // scikit-learn's example
        assertThat(m.rmse()).isCloseTo(Math.sqrt(0.375), within(1e-12));
        assertThat(m.mae()).isCloseTo(0.5, within(1e-12));
        assertThat(m.r2()).isCloseTo(0.9486081370449679, within(1e-12));
    }

    @Test
    void perfectPredictionsHaveR2OfOneAndPredictingTheMeanZero() {
        float[] y = {1f, 2f, 3f};
        assertThat(RegressionMetrics.of(y, y).r2()).isEqualTo(1.0);
        assertThat(RegressionMetrics.of(new float[] {2f, 2f, 2f}, y).r2()).isCloseTo(0.0, within(1e-12));
    }

    @Test
    void r2IsUndefinedForConstantTargets() {
        assertThat(RegressionMetrics.of(new float[] {1f, 2f}, new float[] {5f, 5f}).r2()).isNaN();
    }
}
