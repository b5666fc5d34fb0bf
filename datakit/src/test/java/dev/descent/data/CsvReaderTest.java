package dev.descent.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.descent.api.DataException;
import dev.descent.api.LoadingProgress;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CsvReaderTest {

    @TempDir
    Path dir;

    private Path file(String text) throws IOException {
        return Files.writeString(dir.resolve("data.csv"), text);
    }

    private static CsvReader.Table readAll(Path file) {
        return new CsvReader(file, ',', true).read(
                h -> new CsvReader.Selection(new int[] {0, 1}, h.size() - 1), LoadingProgress.NONE);
    }

    @Test
    void readsChosenColumnsIntoExactlySizedArrays() throws IOException {
        Path f = file("a,b,\"label, in quotes\"\n1,2,3\n\n4.5,-6e-1,\"7\"\r\n");
        CsvReader.Table t = readAll(f);
        assertThat(t.header()).containsExactly("a", "b", "label, in quotes");
        assertThat(t.rows()).isEqualTo(2);
        assertThat(t.features()).containsExactly(1f, 2f, 4.5f, -0.6f);
        assertThat(t.labels()).containsExactly(3f, 7f);
        assertThat(t.lines()).containsExactly(2, 4);
    }

    @Test
    void readsColumnsInTheOrderChosen() throws IOException {
        Path f = file("a,b,c\n1,2,3\n");
        CsvReader.Table t = new CsvReader(f, ',', true).read(h -> new CsvReader.Selection(new int[] {2, 0}, -1),
                LoadingProgress.NONE);
        assertThat(t.features()).containsExactly(3f, 1f);
        assertThat(t.labels()).isNull();
    }

    @Test
    void aFileWithoutHeaderGetsNumberedColumns() throws IOException {
        Path f = file("1;2\n3;4\n");
        CsvReader reader = new CsvReader(f, ';', false);
        assertThat(reader.header()).containsExactly("column1", "column2");
        assertThat(reader.read(h -> new CsvReader.Selection(new int[] {0}, 1), LoadingProgress.NONE).rows()).isEqualTo(2);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "old Mac line ends     | x,y\\r1,2\\r\\r3,4\\r",
            "form feeds and tabs   | x,y\\n\\f\\t\\n1,2\\n\\u000B\\n3,4",
            "byte order mark alone | \\uFEFF\\nx,y\\n1,2\\n3,4\\n",
    })
    void bothPassesAgreeOnWhichLinesAreRows(String what, String content) throws IOException {
        Path f = file(content.replace("\\n", "\n").replace("\\r", "\r").replace("\\f", "\f")
                .replace("\\t", "\t").replace("\\u000B", "\u000B").replace("\\uFEFF", "\uFEFF"));
        CsvReader.Table t = new CsvReader(f, ',', true).read(h -> new CsvReader.Selection(new int[] {0}, 1),
                LoadingProgress.NONE);
        assertThat(t.rows()).isEqualTo(2);
        assertThat(t.features()).containsExactly(1f, 3f);
        assertThat(t.labels()).containsExactly(2f, 4f);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "a non-number | x,y\\n1,2\\n3,abc\\n | data.csv:3:2: column 'y' holds 'abc', which is not a number",
            "NA           | x,y\\n1,2\\nNA,4\\n  | data.csv:3:1: column 'x' holds 'NA', which is not a number but a missing value; fill it, or set data.missing",
            "an empty cell| x,y\\n1,2\\n3,\\n    | data.csv:3:2: column 'y' is empty",
            "too few      | x,y\\n1,2\\n3\\n     | data.csv:3: the row has 1 fields but the header has 2",
            "too many     | x,y\\n1,2,9\\n       | data.csv:2: the row has 3 fields but the header has 2",
            "infinity     | x,y\\n1,1e999\\n     | data.csv:2:2: column 'y' holds '1e999', which is not a finite float",
            "NaN          | x,y\\n1,NaN\\n       | data.csv:2:2: column 'y' holds 'NaN', which is not a finite float",
            "hex float    | x,y\\n0x1p3,2\\n     | data.csv:2:1: column 'x' holds '0x1p3', a number written as only Java reads it (a hexadecimal float); write it in decimal",
            "hex label    | x,y\\n1,-0X10P0\\n   | data.csv:2:2: column 'y' holds '-0X10P0', a number written as only Java reads it (a hexadecimal",
            "suffix       | x,y\\n1f,2\\n        | data.csv:2:1: column 'x' holds '1f', a number written as only Java reads it (a type suffix)",
            "suffix label | x,y\\n1,2.5D\\n      | data.csv:2:2: column 'y' holds '2.5D', a number written",
            "header only  | x,y\\n               | has a header but no data rows",
            "unnamed      | x,\\n1,2\\n          | data.csv:1:2: the header's column 2 has no name",
            "duplicate    | x,x\\n1,2\\n         | names column 'x' twice",
            "open quote   | x,y\\n\"1,2\\n       | data.csv:2: a quoted field is not closed",
    })
    void badFilesAreReportedWithLineColumnAndText(String what, String content, String message) throws IOException {
        Path f = file(content.replace("\\n", "\n"));
        assertThatThrownBy(() -> readAll(f)).isInstanceOf(DataException.class).hasMessageContaining(message);
    }

    @Test
    void anEmptyFileSaysSo() throws IOException {
        Path f = file("");
        assertThatThrownBy(() -> readAll(f)).isInstanceOf(DataException.class).hasMessageContaining("is empty");
    }

    @Test
    void aMissingFileNamesTheKeyToFix() {
        assertThatThrownBy(() -> readAll(dir.resolve("nope.csv"))).isInstanceOf(DataException.class)
                .hasMessageContaining("does not exist").hasMessageContaining("data.path");
    }

    @Test
    void aFileThatGrowsBetweenTheCountAndTheReadIsAUserErrorNamingIt() throws IOException {
        Path file = Files.writeString(dir.resolve("growing.csv"), "x,y\n1,2\n3,4\n");
        LoadingProgress appender = new LoadingProgress() {
            @Override
            public void started(String what, long total) {   // after the rows were counted, before they are read
                try {
                    Files.writeString(file, "5,6\n", java.nio.file.StandardOpenOption.APPEND);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
        };
        assertThatThrownBy(() -> new CsvReader(file, ',', true).read(
                columns -> new CsvReader.Selection(new int[] {0}, 1), appender))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("growing.csv changed while it was read: it had 2 data rows when they were counted");
    }

    @Test
    void aMillionColumnHeaderIsReadInLinearTime() throws IOException {
        StringBuilder header = new StringBuilder();
        for (int i = 0; i < 1_000_000; i++) {
            header.append(i == 0 ? "" : ",").append('c').append(i);
        }
        Path file = Files.writeString(dir.resolve("wide.csv"), header.append('\n'));
        assertThat(new CsvReader(file, ',', true).header()).hasSize(1_000_000).endsWith("c999999");
    }

    @Test
    void centeredCellsKeepTheirDigitsWhereFloatsOfTheRawValuesWouldNot() throws IOException {
        StringBuilder csv = new StringBuilder("t,y\n");
        for (int k = 0; k < 5; k++) {
            csv.append(1_700_000_000L + k).append(',').append(k).append('\n');
        }
        Path file = Files.writeString(dir.resolve("times.csv"), csv);
        CsvReader reader = new CsvReader(file, ',', true);
        CsvReader.Table raw = reader.read(columns -> new CsvReader.Selection(new int[] {0}, 1), LoadingProgress.NONE);
        assertThat(raw.features()).as("floats of 1.7e9 + k are 128 apart").containsOnly(1.7e9f);
        CsvReader.Table centered = reader.read(columns -> new CsvReader.Selection(new int[] {0}, 1),
                LoadingProgress.NONE, CsvReader.Scaling.CENTERED);
        assertThat(centered.features()).containsExactly(0, 1, 2, 3, 4);
        assertThat(centered.offsets()).containsExactly(1.7e9);
        CsvReader.Table scaled = reader.read(columns -> new CsvReader.Selection(new int[] {0}, 1),
                LoadingProgress.NONE, CsvReader.Scaling.standardized(new double[] {1_700_000_002}, new double[] {2}));
        assertThat(scaled.features()).containsExactly(-1f, -0.5f, 0f, 0.5f, 1f);
    }
}
