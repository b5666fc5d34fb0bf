package dev.descent.plugins.classification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.descent.api.DataContext;
import dev.descent.api.DataException;
import dev.descent.api.DataSource;
import dev.descent.api.Dataset;
import dev.descent.testkit.DataSourceContract;
import java.lang.reflect.Field;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SyntheticClassesTest extends DataSourceContract {

    @Override
    protected DataSource createDataSource() {
        return new SyntheticClasses();
    }

    private static SyntheticClasses configured(Object... optionsAndValues) throws ReflectiveOperationException {
        SyntheticClasses data = new SyntheticClasses();
        for (int i = 0; i < optionsAndValues.length; i += 2) {
            Field f = SyntheticClasses.class.getDeclaredField((String) optionsAndValues[i]);
            f.setAccessible(true);
            f.set(data, optionsAndValues[i + 1]);
        }
        return data;
    }

    @Test
    void makesTheConfiguredClassesNamedByNumberWithAValidationSplit() throws ReflectiveOperationException {
        Dataset data = configured("examples", 500, "features", 3, "classes", 4).load(new DataContext(new SplittableRandom(1)));
        assertThat(data.classes()).containsExactly("0", "1", "2", "3");
        assertThat(data.features()).isEqualTo(3);
        assertThat(data.examples()).isEqualTo(400);
        assertThat(data.validation().examples()).isEqualTo(100);
        int[] counts = new int[4];
        for (float y : data.labelVector()) {
            counts[(int) y]++;
        }
        for (int c = 0; c < 4; c++) {
            assertThat(counts[c]).as("examples of class %d", c).isBetween(60, 140);
        }
    }

    @Test
    void theClassMeansLieAtLeastTheSeparationApart() throws ReflectiveOperationException {
        Dataset data = configured("examples", 20_000, "classes", 3, "separation", 4.0, "validationFraction", 0.0)
                .load(new DataContext(new SplittableRandom(5)));
        double[][] means = new double[3][2];
        int[] counts = new int[3];
        for (int i = 0; i < data.examples(); i++) {
            int c = (int) data.labelVector()[i];
            counts[c]++;
            means[c][0] += data.featureMatrix()[2 * i];
            means[c][1] += data.featureMatrix()[2 * i + 1];
        }
        for (int a = 0; a < 3; a++) {
            for (int b = a + 1; b < 3; b++) {
                double dx = means[a][0] / counts[a] - means[b][0] / counts[b];
                double dy = means[a][1] / counts[a] - means[b][1] / counts[b];
                assertThat(Math.hypot(dx, dy)).as("distance between the means of classes %d and %d", a, b)
                        .isGreaterThan(4.0 - 0.1);
            }
        }
    }

    @Test
    void centresThatCannotBePlacedAreAClearError() throws ReflectiveOperationException {
        assertThatThrownBy(() -> configured("features", 1, "classes", 50, "separation", 100.0)
                .load(new DataContext(new SplittableRandom(1)))).isInstanceOf(DataException.class)
                .hasMessageContaining("could not place 50 class centres");
    }
}
