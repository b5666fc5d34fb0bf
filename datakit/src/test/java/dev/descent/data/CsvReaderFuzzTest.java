package dev.descent.data;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.descent.api.DataException;
import dev.descent.api.LoadingProgress;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Any bytes given as a CSV file are either read into arrays that keep the reader's promises or
 * refused with a {@link DataException}; nothing else may escape (no other exception, no hang, no
 * runaway allocation). Without {@code JAZZER_FUZZ} this runs the saved inputs in
 * {@code CsvReaderFuzzTestInputs/}; {@code bench/fuzz.sh} fuzzes it.
 */
class CsvReaderFuzzTest {

    private static final Path FILE = FuzzFiles.temporary(".csv");

    @FuzzTest(maxDuration = "10m")
    void anyFileIsReadOrRefusedWithADataException(byte[] content) throws IOException {
        Files.write(FILE, content);
        for (CsvReader.Labels labels : CsvReader.Labels.values()) {
            readOrRefuse(new CsvReader(FILE, ',', true), labels);
        }
        readOrRefuse(new CsvReader(FILE, ';', false), CsvReader.Labels.NUMBERS);
        readOrRefuse(new CsvReader(FILE, ',', true), CsvReader.Labels.NUMBERS, CsvReader.Scaling.CENTERED);
    }

    private static void readOrRefuse(CsvReader reader, CsvReader.Labels labels) {
        readOrRefuse(reader, labels, CsvReader.Scaling.RAW);
    }

    private static void readOrRefuse(CsvReader reader, CsvReader.Labels labels, CsvReader.Scaling scaling) {
        try {
            CsvReader.Table table = reader.read(header -> selection(header, labels), LoadingProgress.NONE, scaling);
            checkPromises(table, labels);
        } catch (DataException e) {
            assertThat(e.getMessage()).as("a refusal says why").isNotBlank();
        } catch (CsvReader.TextLabelsFound e) {
            assertThat(labels).as("only an auto-detecting read meets text labels")
                    .isEqualTo(CsvReader.Labels.NUMBERS_UNLESS_TEXT);
            assertThat(e.where()).isNotBlank();
        }
    }

    /** The last column is the label (when there are two or more); the rest are features. */
    private static CsvReader.Selection selection(List<String> header, CsvReader.Labels labels) {
        int n = header.size();
        if (n < 2) {
            return new CsvReader.Selection(new int[] {0}, new int[0], CsvReader.Labels.NUMBERS);
        }
        int[] features = new int[n - 1];
        for (int i = 0; i < features.length; i++) {
            features[i] = i;
        }
        return new CsvReader.Selection(features, new int[] {n - 1}, labels);
    }

    private static void checkPromises(CsvReader.Table table, CsvReader.Labels labels) {
        int featureCount = Math.max(1, table.header().size() - 1);
        assertThat(table.rows()).isPositive();
        assertThat(table.features()).hasSize(table.rows() * featureCount);
        for (float value : table.features()) {
            assertThat(Float.isFinite(value)).as("every feature is finite").isTrue();
        }
        assertThat(table.lines()).hasSize(table.rows());
        for (int i = 1; i < table.rows(); i++) {
            assertThat(table.lines()[i]).as("line numbers increase").isGreaterThan(table.lines()[i - 1]);
        }
        if (table.header().size() >= 2 && labels == CsvReader.Labels.TEXT) {
            assertThat(table.labelTexts()).hasSize(table.rows()).doesNotContainNull();
        } else if (table.header().size() >= 2) {
            assertThat(table.labels()).hasSize(table.rows());
        }
    }
}
