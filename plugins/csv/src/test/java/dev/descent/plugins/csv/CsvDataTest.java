package dev.descent.plugins.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.descent.api.DataContext;
import dev.descent.api.DataException;
import dev.descent.api.DataSource;
import dev.descent.api.Dataset;
import dev.descent.api.LoadingProgress;
import dev.descent.api.Task;
import dev.descent.testkit.DataSourceContract;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvDataTest extends DataSourceContract {

    @TempDir
    Path dir;

    private static final String TABLE = """
            area,rooms,age,price
            100,3,10,250
            80,2,30,180
            120,4,5,300
            60,2,50,120
            150,5,20,380
            """;

    private Path write(String text) {
        try {
            return Files.writeString(dir.resolve("houses.csv"), text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static CsvData configured(Path path, Object... optionsAndValues) {
        CsvData data = new CsvData();
        set(data, "path", path.toString());
        for (int i = 0; i < optionsAndValues.length; i += 2) {
            set(data, (String) optionsAndValues[i], optionsAndValues[i + 1]);
        }
        return data;
    }

    private static void set(CsvData data, String field, Object value) {
        try {
            Field f = field(data.getClass(), field);
            f.setAccessible(true);
            f.set(data, f.getType() == String[].class && value instanceof String one ? new String[] {one} : value);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Dataset load(CsvData data) {
        return data.load(new DataContext(new SplittableRandom(1)));
    }

    @Override
    protected DataSource createDataSource() {
        return configured(write(TABLE));
    }

    @Override
    protected boolean isRandom() {
        return false;
    }

    @Test
    void theLastColumnIsTheTargetAndTheOthersFeatures() {
        Dataset data = load(configured(write(TABLE), "standardize", false));
        assertThat(data.featureNames()).containsExactly("area", "rooms", "age");
        assertThat(data.labelName()).isEqualTo("price");
        assertThat(data.labelVector()).containsExactly(250f, 180f, 300f, 120f, 380f);
        assertThat(data.standardization()).isNull();
    }

    @Test
    void targetAndFeaturesCanBeChosenByName() {
        Dataset data = load(configured(write(TABLE), "target", "rooms", "features", new String[] {"age", "area"},
                "standardize", false));
        assertThat(data.featureNames()).containsExactly("age", "area");
        assertThat(data.featureMatrix()).startsWith(10f, 100f, 30f, 80f);
        assertThat(data.labelVector()).startsWith(3f, 2f);
    }

    @Test
    void standardizedFeaturesHaveMeanZeroAndUnitDeviation() {
        Dataset data = load(configured(write(TABLE)));
        float[] x = data.featureMatrix();
        for (int j = 0; j < 3; j++) {
            double sum = 0;
            double squares = 0;
            for (int i = 0; i < 5; i++) {
                sum += x[i * 3 + j];
                squares += x[i * 3 + j] * x[i * 3 + j];
            }
            assertThat(sum / 5).isCloseTo(0, within(1e-6));
            assertThat(squares / 5).isCloseTo(1, within(1e-5));
        }
        assertThat(data.standardization().mean()[0]).isCloseTo(102, within(1e-9));
    }

    @Test
    void aValidationFractionHoldsOutASeededSetScaledWithTheTrainingStatistics() {
        StringBuilder rows = new StringBuilder("x,y\n");
        for (int i = 0; i < 100; i++) {
            rows.append(i).append(',').append(2 * i).append('\n');
        }
        CsvData source = configured(write(rows.toString()), "validationFraction", 0.2);
        Dataset a = load(source);
        Dataset b = load(source);
        assertThat(a.examples()).isEqualTo(80);
        assertThat(a.validation().examples()).isEqualTo(20);
        assertThat(a.validation().labelVector()).isEqualTo(b.validation().labelVector());
        assertThat(a.validation().standardization()).isEqualTo(a.standardization());
        Dataset other = configured(write(rows.toString()), "validationFraction", 0.2)
                .load(new DataContext(new SplittableRandom(99)));
        assertThat(other.validation().labelVector()).isNotEqualTo(a.validation().labelVector());
    }

    @Test
    void aConstantColumnIsRefusedWhenStandardizingNamingTheColumn() {
        Path f = write("a,const,y\n1,5,1\n2,5,2\n3,5,3\n");
        assertThatThrownBy(() -> load(configured(f))).isInstanceOf(DataException.class)
                .hasMessageContaining("column 'const'").hasMessageContaining("constant")
                .hasMessageContaining("data.standardize = false");
    }

    @Test
    void unknownColumnsAreReportedWithTheColumnsThatExist() {
        Path f = write(TABLE);
        assertThatThrownBy(() -> load(configured(f, "target", "cost"))).isInstanceOf(DataException.class)
                .hasMessageContaining("data.target = 'cost'").hasMessageContaining("area, rooms, age, price");
        assertThatThrownBy(() -> load(configured(f, "features", new String[] {"area", "size"})))
                .isInstanceOf(DataException.class).hasMessageContaining("'size'").hasMessageContaining("area, rooms, age, price");
    }

    @Test
    void aMissingPathSaysWhichKeyToSet() {
        assertThatThrownBy(() -> load(new CsvData())).isInstanceOf(DataException.class).hasMessageContaining("data.path");
    }

    @Test
    void tabSeparatedFilesAreRead() {
        Path f = write("a\tb\n1\t2\n3\t4\n");
        assertThat(load(configured(f, "delimiter", "tab", "standardize", false)).labelVector()).containsExactly(2f, 4f);
    }

    @Test
    void aTargetOfNamesMakesAClassificationDataSetWithSortedClasses() {
        Path f = write("a,b,species\n1,2,setosa\n2,3,virginica\n3,1,setosa\n4,4,versicolor\n");
        Dataset data = load(configured(f, "standardize", false));
        assertThat(data.isClassification()).isTrue();
        assertThat(data.classes()).containsExactly("setosa", "versicolor", "virginica");
        assertThat(data.labelVector()).containsExactly(0f, 2f, 0f, 1f);
        assertThat(data.outputs()).isEqualTo(1);
    }

    @Test
    void numericLabelsAreClassesOnlyWhenAskedAndSortNumerically() {
        Path f = write("a,y\n1,10\n2,2\n3,10\n4,1\n");
        assertThat(load(configured(f, "standardize", false)).isClassification()).isFalse();
        Dataset data = load(configured(f, "standardize", false, "task", dev.descent.data.TableDataset.Task.CLASSIFICATION));
        assertThat(data.classes()).containsExactly("1", "2", "10");
        assertThat(data.labelVector()).containsExactly(2f, 1f, 2f, 0f);
    }

    @Test
    void givenClassesFixTheOrderAndAnyOtherLabelIsAnErrorNamingItsLine() {
        Path f = write("a,y\n1,cat\n2,dog\n3,cat\n");
        Dataset data = load(configured(f, "standardize", false, "classes", new String[] {"dog", "cat", "bird"}));
        assertThat(data.classes()).containsExactly("dog", "cat", "bird");
        assertThat(data.labelVector()).containsExactly(1f, 0f, 1f);
        assertThatThrownBy(() -> load(configured(f, "classes", new String[] {"dog", "bird"})))
                .isInstanceOf(DataException.class).hasMessageContaining(":2: column 'y' holds the class 'cat'")
                .hasMessageContaining("dog, bird");
    }

    @Test
    void aRegressionTaskRefusesTextLabelsNamingTheCell() {
        Path f = write("a,y\n1,2\n2,two\n");
        assertThatThrownBy(() -> load(configured(f, "task", dev.descent.data.TableDataset.Task.REGRESSION)))
                .isInstanceOf(DataException.class).hasMessageContaining(":3:2: column 'y' holds 'two', which is not a number");
    }

    @Test
    void aSingleClassIsRefused() {
        Path f = write("a,y\n1,cat\n2,cat\n");
        assertThatThrownBy(() -> load(configured(f, "standardize", false))).isInstanceOf(DataException.class)
                .hasMessageContaining("only the class 'cat'");
    }

    @Test
    void severalTargetsMakeAMultiOutputRegression() {
        Path f = write("a,y1,y2\n1,10,20\n2,11,21\n3,12,22\n");
        Dataset data = load(configured(f, "standardize", false, "target", new String[] {"y1", "y2"}));
        assertThat(data.outputs()).isEqualTo(2);
        assertThat(data.labelNames()).containsExactly("y1", "y2");
        assertThat(data.featureNames()).containsExactly("a");
        assertThat(data.labelVector()).containsExactly(10f, 20f, 11f, 21f, 12f, 22f);
    }

    @Test
    void aValidationSplitKeepsTheClassesOfTheWholeFile() {
        StringBuilder csv = new StringBuilder("a,y\n");
        for (int i = 0; i < 20; i++) {
            csv.append(i).append(',').append(i % 2 == 0 ? "even" : "odd").append('\n');
        }
        Dataset data = load(configured(write(csv.toString()), "validationFraction", 0.25));
        assertThat(data.classes()).containsExactly("even", "odd");
        assertThat(data.validation().classes()).containsExactly("even", "odd");
        assertThat(data.examples() + data.validation().examples()).isEqualTo(20);
    }

    @Test
    void autoFollowsTheRunsLossNumbersAsClassesForACrossEntropyAndCellErrorsForASquaredLoss() {
        Path numbers = write("a,y\n1,1\n2,0\n3,2\n");
        DataContext classifying = new DataContext(new SplittableRandom(1), LoadingProgress.NONE, Optional.empty(),
                Optional.of(Task.CLASSIFICATION));
        Dataset data = configured(numbers, "standardize", false).load(classifying);
        assertThat(data.classes()).containsExactly("0", "1", "2");

        Path names = write("a,y\n1,2\n3,abc\n");
        DataContext regressing = new DataContext(new SplittableRandom(1), LoadingProgress.NONE, Optional.empty(),
                Optional.of(Task.REGRESSION));
        assertThatThrownBy(() -> configured(names).load(regressing)).isInstanceOf(DataException.class)
                .hasMessageContaining(":3:2: column 'y' holds 'abc', which is not a number")
                .hasMessageContaining("loss = cross-entropy");
    }

    /** A field of the source or of the table options it extends. */
    private static Field field(Class<?> type, String name) throws NoSuchFieldException {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            try {
                return c.getDeclaredField(name);
            } catch (NoSuchFieldException e) {
                // the superclass declares it
            }
        }
        throw new NoSuchFieldException(name);
    }
}
