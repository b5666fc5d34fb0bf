package dev.descent.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class ClassificationMetricsTest {

    private static final List<String> CLASSES = List.of("ant", "bird", "cat");

    @Test
    void matchesScikitLearnsClassificationReportOnItsDocumentedExample() {
        // sklearn.metrics.classification_report([0, 1, 2, 2, 2], [0, 0, 2, 2, 1]): precision 0.50 0.00 1.00,
        // recall 1.00 0.00 0.67, f1 0.67 0.00 0.80, accuracy 0.60, macro f1 0.49, weighted f1 0.61.
        ClassificationMetrics m = ClassificationMetrics.of(new int[] {0, 0, 2, 2, 1}, new int[] {0, 1, 2, 2, 2}, null,
                CLASSES);
        assertThat(m.accuracy()).isEqualTo(0.6);
        assertThat(m.precision()).containsExactly(0.5, 0.0, 1.0);
        assertThat(m.recall()[0]).isEqualTo(1.0);
        assertThat(m.recall()[2]).isCloseTo(2.0 / 3, within(1e-12));
        assertThat(m.f1()[0]).isCloseTo(2.0 / 3, within(1e-12));
        assertThat(m.f1()[2]).isCloseTo(0.8, within(1e-12));
        assertThat(m.support()).containsExactly(1L, 1L, 3L);
        assertThat(m.macroF1()).isCloseTo((2.0 / 3 + 0.8) / 3, within(1e-12));
        assertThat(m.weightedF1()).isCloseTo((2.0 / 3 + 3 * 0.8) / 5, within(1e-12));
        assertThat(m.confusion()[2]).containsExactly(0L, 1L, 2L);
        assertThat(m.logLoss()).isNaN();
    }

    @Test
    void logLossIsTheMeanNegativeLogProbabilityOfTheTrueClassClippedAtOneInAQuadrillion() {
        double[] p = {0.7, 0.2, 0.1, 0.0, 1.0, 0.0};
        ClassificationMetrics m = ClassificationMetrics.of(new int[] {0, 1}, new int[] {0, 2}, p, CLASSES);
        assertThat(m.logLoss()).isCloseTo((-Math.log(0.7) - Math.log(1e-15)) / 2, within(1e-12));
        assertThat(m.metric("log-loss")).isEqualTo(m.logLoss());
        assertThat(m.metric("accuracy")).isEqualTo(0.5);
    }

    @Test
    void theConfusionTableNamesTheClassesAndAlignsTheCounts() {
        ClassificationMetrics m = ClassificationMetrics.of(new int[] {0, 0, 2, 2, 1}, new int[] {0, 1, 2, 2, 2}, null,
                CLASSES);
        assertThat(m.confusionTable().split("\\R")).containsExactly(
                "true \\ predicted  ant  bird  cat",
                "ant                 1     0    0",
                "bird                1     0    0",
                "cat                 0     1    2");
        assertThat(m.report()).contains("cat       1.0000  0.6667  0.8000        3");
    }
}
