package dev.descent.plugins.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.descent.api.DataContext;
import dev.descent.api.DataException;
import dev.descent.api.Dataset;
import dev.descent.api.Encoding;
import dev.descent.api.LoadingProgress;
import dev.descent.data.TableOptions;
import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Missing cells and category columns in the csv source: filled and encoded from the training rows only. */
class CsvEncodingTest {

    @TempDir
    Path dir;

    private CsvData csv(String text, Object... optionsAndValues) throws IOException {
        CsvData data = new CsvData();
        set(data, "path", Files.writeString(dir.resolve("t.csv"), text).toString());
        set(data, "standardize", false);
        for (int i = 0; i < optionsAndValues.length; i += 2) {
            set(data, (String) optionsAndValues[i], optionsAndValues[i + 1]);
        }
        return data;
    }

    private static Dataset load(CsvData data) {
        return data.load(new DataContext(new SplittableRandom(1)));
    }

    @Test
    void aTextColumnIsOneHotEncodedWithSortedCategories() throws IOException {
        Dataset data = load(csv("x,kind,y\n1,villa,1\n2,flat,2\n3,house,3\n4,flat,4\n"));
        assertThat(data.featureNames()).containsExactly("x", "kind=flat", "kind=house", "kind=villa");
        assertThat(data.featureMatrix()).containsExactly(1, 0, 0, 1, 2, 1, 0, 0, 3, 0, 1, 0, 4, 1, 0, 0);
        assertThat(data.encoding().columns().get(1).categories()).containsExactly("flat", "house", "villa");
    }

    @Test
    void aTableOfNumbersWithoutGapsIsReadAsBeforeWithoutAnEncoding() throws IOException {
        Dataset data = load(csv("x,z,y\n1,5,1\n2,6,2\n"));
        assertThat(data.encoding()).isNull();
        assertThat(data.featureNames()).containsExactly("x", "z");
    }

    @Test
    void declaredCategoriesOfNumbersSortNumericallyAndOneAndOnePointZeroAreOne() throws IOException {
        Dataset data = load(csv("code,y\n20,1\n120,2\n60,3\n20.0,4\n", "categorical", new String[] {"code"}));
        assertThat(data.featureNames()).containsExactly("code=20", "code=60", "code=120");
        assertThat(data.featureMatrix()).containsExactly(1, 0, 0, 0, 0, 1, 0, 1, 0, 1, 0, 0);
    }

    @Test
    void theFillIsFittedOnTheTrainingRowsOnlyNotOnTheValidationRows() throws IOException {
        StringBuilder text = new StringBuilder("x,y\n");
        for (int i = 0; i < 20; i++) {
            text.append(i == 0 ? "" : Integer.toString(i * i)).append(',').append(i).append('\n');
        }
        Dataset data = load(csv(text.toString(), "missing", TableOptions.Missing.MEAN, "validationFraction", 0.25));
        double expected = 0;
        int present = 0;
        float[] y = data.labelVector();
        for (float label : y) {   // the training rows' labels are their row numbers: x = label²
            if (label != 0) {
                expected += label * label;
                present++;
            }
        }
        expected /= present;
        assertThat(data.encoding().columns().get(0).fillNumber()).isEqualTo(expected);
        assertThat(data.validation().encoding()).isEqualTo(data.encoding());
    }

    @Test
    void dropLeavesOutTheRowsMissingThatColumnAndOthersAreFilled() throws IOException {
        Dataset data = load(csv("a,b,y\n1,,1\n,2,2\n3,4,3\n5,6,4\n", "missing", TableOptions.Missing.MEDIAN,
                "missingPerColumn", new String[] {"a:drop"}));
        assertThat(data.labelVector()).containsExactly(1, 3, 4);
        assertThat(data.featureMatrix()).containsExactly(1, 5, 3, 4, 5, 6);   // b's median of 4 and 6
        assertThat(data.encoding().columns().get(0).missing()).isEqualTo("drop");
    }

    @Test
    void anIndicatorFeatureFollowsTheColumnsForColumnsThatMissValues() throws IOException {
        Dataset data = load(csv("a,b,y\n1,,1\n2,2,2\n3,4,3\n", "missing", TableOptions.Missing.CONSTANT,
                "fillValue", -1.0, "missingIndicator", true));
        assertThat(data.featureNames()).containsExactly("a", "b", "b (missing)");
        assertThat(data.featureMatrix()).containsExactly(1, -1, 1, 2, 2, 0, 3, 4, 0);
    }

    @Test
    void rowsWithoutATargetAreLeftOutUnderAStrategyAndAnErrorWithout() throws IOException {
        assertThat(load(csv("a,y\n1,1\n2,NA\n3,3\n", "missing", TableOptions.Missing.MEAN)).examples()).isEqualTo(2);
        assertThatThrownBy(() -> load(csv("k,a,y\nu,1,1\nv,2,\nu,3,3\n"))).isInstanceOf(DataException.class)
                .hasMessageEndingWith("t.csv:3: the target is missing; every row needs its target: fill it, or set"
                        + " data.missing (rows without a target are then left out)");
    }

    @Test
    void aMissingCellUnderErrorNamesItsLineColumnAndTheOption() throws IOException {
        assertThatThrownBy(() -> load(csv("a,kind,y\n1,x,1\n,y,2\n"))).isInstanceOf(DataException.class)
                .hasMessageEndingWith("t.csv:3: column 'a' is missing, and data.missing = error; fill it, or set"
                        + " data.missing (drop, mean, median, most-frequent or constant)");
        assertThatThrownBy(() -> load(csv("a,y\n1,1\nNA,2\n"))).isInstanceOf(DataException.class)
                .hasMessageContaining("t.csv:3:1: column 'a' holds 'NA', which is not a number but a missing value;"
                        + " fill it, or set data.missing");
    }

    @Test
    void aCategoryOnlyInTheValidationRowsIsAnErrorOrAllZerosAsHandleUnknownSays() throws IOException {
        StringBuilder text = new StringBuilder("x,kind,y\n");
        for (int i = 0; i < 10; i++) {
            text.append(i).append(',').append(i == 9 ? "rare" : i % 2 == 0 ? "a" : "b").append(',').append(i).append('\n');
        }
        // Seed 1 holds out rows 3, 5 and 9 (of 10, a fraction of 0.3): "rare" is only in a validation row.
        assertThatThrownBy(() -> load(csv(text.toString(), "validationFraction", 0.3)))
                .isInstanceOf(DataException.class)
                .hasMessageEndingWith("t.csv:11: column 'kind' holds 'rare', a category the training rows do not have"
                        + " (it knows a, b); set data.handle-unknown = ignore to encode unknown categories as all zeros,"
                        + " or leave the row out");
        Dataset ignored = load(csv(text.toString(), "validationFraction", 0.3, "handleUnknown",
                TableOptions.Unknown.IGNORE));
        assertThat(ignored.featureNames()).containsExactly("x", "kind=a", "kind=b");
        Dataset validation = ignored.validation();
        int last = validation.examples() - 1;
        assertThat(validation.labelVector()[last]).isEqualTo(9);
        assertThat(validation.featureMatrix()).endsWith(9, 0, 0);
    }

    @Test
    void aTypoInAColumnOfNumbersIsAnErrorNotACategory() throws IOException {
        assertThatThrownBy(() -> load(csv("a,y\n1,1\nx,2\n3,3\n"))).isInstanceOf(DataException.class)
                .hasMessageEndingWith("t.csv:3:1: column 'a' holds 'x', but other cells of the column are numbers"
                        + " (line 2: 1); fix the cell, or name the column in data.categorical to read its cells as"
                        + " categories");
        assertThatThrownBy(() -> load(csv("a,y\n7z,1\n"))).isInstanceOf(DataException.class)
                .hasMessageEndingWith("t.csv:2:1: column 'a' holds '7z', which is not a number though it starts like"
                        + " one; fix the cell, or name the column in data.categorical to read its cells as categories");
        Dataset declared = load(csv("a,y\n7z,1\n2B,2\n", "categorical", new String[] {"a"}));
        assertThat(declared.featureNames()).containsExactly("a=2B", "a=7z");
    }

    @Test
    void textFoundLateInAColumnMakesItACategoryColumnInOnePass() throws IOException {
        StringBuilder text = new StringBuilder("x,kind,y\n");
        for (int i = 0; i < 50; i++) {
            text.append(i).append(',').append(i < 40 ? "" : i % 2 == 0 ? "even" : "odd").append(',').append(i)
                    .append('\n');
        }
        Dataset data = load(csv(text.toString(), "missing", TableOptions.Missing.MOST_FREQUENT));
        assertThat(data.featureNames()).containsExactly("x", "kind=even", "kind=odd");
        assertThat(data.featureMatrix()[1]).isEqualTo(1f);   // the 40 empty cells: the most frequent, 'even'
        assertThat(data.featureMatrix()[41 * 3 + 2]).isEqualTo(1f);   // row 41: 'odd'
    }

    @Test
    void aColumnWithAValuePerRowIsRefusedAsAnIdentifier() throws IOException {
        StringBuilder text = new StringBuilder("id,x,y\n");
        for (int i = 0; i < 300; i++) {
            text.append("row").append(i).append(',').append(i).append(',').append(i).append('\n');
        }
        assertThatThrownBy(() -> load(csv(text.toString()))).isInstanceOf(DataException.class)
                .hasMessageEndingWith("column 'id' of " + dir.resolve("t.csv") + " has 300 categories in its 300"
                        + " training rows, more than data.max-categories = 100 (nearly a value per row: it looks like"
                        + " an identifier, which says nothing about new rows); leave it out (data.features), or raise"
                        + " data.max-categories if it is a category");
    }

    @Test
    void aCategoryColumnHasNoMeanWhenAskedForOne() throws IOException {
        assertThatThrownBy(() -> load(csv("kind,y\na,1\n,2\n", "missingPerColumn", new String[] {"kind:mean"})))
                .isInstanceOf(DataException.class).hasMessageEndingWith("data.missing-per-column = kind:mean, but"
                        + " column 'kind' of " + dir.resolve("t.csv") + " holds categories, which have no mean; use"
                        + " most-frequent or constant for it");
        assertThatThrownBy(() -> load(csv("kind,y\na,1\n", "missingPerColumn", new String[] {"kind=mean"})))
                .isInstanceOf(DataException.class).hasMessage("data.missing-per-column = 'kind=mean' is not"
                        + " column:strategy; write e.g. data.missing-per-column = LotFrontage:median, Alley:constant");
        assertThatThrownBy(() -> load(csv("kind,y\na,1\n", "missingPerColumn", new String[] {"size:mean"})))
                .isInstanceOf(DataException.class).hasMessageStartingWith("data.missing-per-column names 'size',"
                        + " which is not a feature column of");
    }

    @Test
    void underMeanAMissingCategoryIsACategoryOfItsOwn() throws IOException {
        Dataset data = load(csv("x,kind,y\n1,a,1\n,,2\n3,b,3\n", "missing", TableOptions.Missing.MEAN));
        assertThat(data.featureNames()).containsExactly("x", "kind=a", "kind=b", "kind=missing");
        assertThat(data.featureMatrix()).containsExactly(1, 1, 0, 0, 2, 0, 0, 1, 3, 0, 1, 0);
    }

    @Test
    void standardisationLeavesOneHotFeaturesAtZeroOrOne() throws IOException {
        CsvData data = csv("x,kind,y\n1,a,1\n2,b,2\n3,a,3\n4,a,4\n");
        set(data, "standardize", true);
        Dataset loaded = load(data);
        assertThat(loaded.standardization().mean()).containsExactly(2.5, 0, 0);
        assertThat(loaded.standardization().std()[1]).isEqualTo(1);
        assertThat(loaded.featureMatrix()[1]).isEqualTo(1f);
        assertThat(loaded.featureMatrix()[2]).isEqualTo(0f);
    }

    @Test
    void aSavedEncodingIsReusedNotFittedAgain() throws IOException {
        Dataset first = load(csv("x,kind,y\n1,a,1\n,b,2\n3,a,3\n", "missing", TableOptions.Missing.MEAN));
        Encoding saved = first.encoding();
        CsvData other = csv("x,kind,y\n10,b,1\n,a,2\n", "missing", TableOptions.Missing.MEAN);
        Dataset again = other.load(new DataContext(new SplittableRandom(1), LoadingProgress.NONE, Optional.empty(),
                Optional.empty(), Optional.of(saved)));
        assertThat(again.encoding()).isEqualTo(saved);
        assertThat(again.featureMatrix()).containsExactly(10, 0, 1, 2, 1, 0);   // x filled with the saved mean 2
        CsvData unknown = csv("x,kind,y\n1,c,1\n", "missing", TableOptions.Missing.MEAN);
        assertThatThrownBy(() -> unknown.load(new DataContext(new SplittableRandom(1), LoadingProgress.NONE,
                Optional.empty(), Optional.empty(), Optional.of(saved)))).isInstanceOf(DataException.class)
                .hasMessageContaining("t.csv:2: column 'kind' holds 'c', a category the model was not trained on (it"
                        + " knows a, b); train with data.handle-unknown = ignore");
        CsvData names = csv("x,kind,y\nabc,a,1\n", "missing", TableOptions.Missing.MEAN);
        assertThatThrownBy(() -> names.load(new DataContext(new SplittableRandom(1), LoadingProgress.NONE,
                Optional.empty(), Optional.empty(), Optional.of(saved)))).isInstanceOf(DataException.class)
                .hasMessageEndingWith("t.csv:2:1: column 'x' holds 'abc', which is not a number, but the model reads the"
                        + " column as numbers; fix the cell, or leave the row out");
    }

    private static void set(Object data, String name, Object value) {
        for (Class<?> c = data.getClass(); c != null; c = c.getSuperclass()) {
            try {
                Field f = c.getDeclaredField(name);
                f.setAccessible(true);
                f.set(data, value);
                return;
            } catch (NoSuchFieldException e) {
                // declared by the table options it extends
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalArgumentException("no option field " + name);
    }
}
