package dev.descent.plugins.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.descent.api.DataContext;
import dev.descent.api.DataSource;
import dev.descent.api.Dataset;
import dev.descent.api.Encoding;
import dev.descent.data.TableOptions;
import dev.descent.plugins.csv.CsvData;
import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Filling and one-hot encoding on the shipped data/penguins.csv give scikit-learn's figures: each
 * column's fill (SimpleImputer's statistics_), its categories (OneHotEncoder's categories_), the
 * feature names in order, the encoded rows that miss a cell and the first five, and every feature's
 * mean. The reference is recorded by bench/peers/tables.py in bench/peers/tables.json; read from the
 * CSV file and through DuckDB alike.
 */
class EncodingAgainstScikitLearnTest {

    private static final Path ROOT = Path.of("..", "..").toAbsolutePath().normalize();
    private static final Path PENGUINS = ROOT.resolve("data/penguins.csv");

    static Stream<Arguments> cases() throws IOException {
        JsonNode recorded = new ObjectMapper().readTree(ROOT.resolve("bench/peers/tables.json").toFile());
        List<Arguments> cases = new ArrayList<>();
        recorded.path("cases").fields().forEachRemaining(e -> {
            cases.add(Arguments.of(e.getKey(), "csv", e.getValue()));
            cases.add(Arguments.of(e.getKey(), "sql", e.getValue()));
        });
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} from {1}")
    @MethodSource("cases")
    void fillsCategoriesAndEncodedRowsAreScikitLearns(String name, String source, JsonNode expected) throws Exception {
        DataSource data = source.equals("csv") ? new CsvData() : new SqlData();
        if (source.equals("csv")) {
            set(data, "path", PENGUINS.toString());
        } else {   // DuckDB reads NA as text unless told it means NULL
            set(data, "query", "SELECT * FROM read_csv('" + PENGUINS + "', nullstr = 'NA')");
        }
        set(data, "target", new String[] {"species"});
        set(data, "standardize", false);
        set(data, "missing", TableOptions.Missing.valueOf(name.toUpperCase(Locale.ROOT).replace('-', '_')));
        set(data, "missingIndicator", expected.path("indicator").asBoolean());
        List<String> categorical = new ArrayList<>();
        expected.path("categorical").forEach(c -> categorical.add(c.asText()));
        set(data, "categorical", categorical.toArray(String[]::new));
        Dataset loaded = data.load(new DataContext(new SplittableRandom(1)));

        List<String> names = new ArrayList<>();
        expected.path("features").forEach(f -> names.add(f.asText()));
        assertThat(loaded.featureNames()).isEqualTo(names);
        assertThat(loaded.examples()).isEqualTo(344);
        Encoding encoding = loaded.encoding();
        for (Encoding.Column column : encoding.columns()) {
            JsonNode fill = expected.path("fills").path(column.name());
            if (column.categorical()) {
                assertThat(column.fill()).as(column.name()).isEqualTo(fill.asText());
                List<String> categories = new ArrayList<>();
                expected.path("categories").path(column.name()).forEach(c -> categories.add(c.asText()));
                assertThat(column.categories()).as(column.name()).isEqualTo(categories);
            } else {
                assertThat(column.fillNumber()).as(column.name())
                        .isCloseTo(fill.asDouble(), within(1e-12 * Math.abs(fill.asDouble())));
            }
        }
        int d = loaded.features();
        float[] x = loaded.featureMatrix();
        for (Map.Entry<String, JsonNode> row : iterable(expected.path("rows"))) {
            int i = Integer.parseInt(row.getKey());
            for (int j = 0; j < d; j++) {
                assertThat(x[i * d + j]).as("row %d, %s", i, names.get(j))
                        .isEqualTo((float) row.getValue().get(j).asDouble());
            }
        }
        for (int j = 0; j < d; j++) {
            double sum = 0;
            for (int i = 0; i < loaded.examples(); i++) {
                sum += x[i * d + j];
            }
            double mean = expected.path("means").get(j).asDouble();
            assertThat(sum / loaded.examples()).as("mean of %s", names.get(j)).isCloseTo(mean,
                    within(1e-6 * Math.max(1, Math.abs(mean))));
        }
    }

    private static Iterable<Map.Entry<String, JsonNode>> iterable(JsonNode node) {
        return node::fields;
    }

    private static void set(Object data, String name, Object value) throws ReflectiveOperationException {
        for (Class<?> c = data.getClass(); c != null; c = c.getSuperclass()) {
            try {
                Field f = c.getDeclaredField(name);
                f.setAccessible(true);
                f.set(data, value);
                return;
            } catch (NoSuchFieldException e) {
                // declared by the table options it extends
            }
        }
        throw new NoSuchFieldException(name);
    }
}
