package dev.descent.data;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.descent.api.DataException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Any bytes given as an IDX file are either read into values that keep the reader's promises or
 * refused with a {@link DataException}; nothing else may escape. Without {@code JAZZER_FUZZ} this runs
 * the saved inputs in {@code IdxReaderFuzzTestInputs/}; {@code bench/fuzz.sh idx} fuzzes it.
 */
class IdxReaderFuzzTest {

    private static final Path FILE = FuzzFiles.temporary(".idx");

    @FuzzTest(maxDuration = "10m")
    void anyFileIsReadOrRefusedWithADataException(byte[] content) throws IOException {
        Files.write(FILE, content);
        for (int limit : new int[] {Integer.MAX_VALUE, 1}) {
            try {
                IdxReader.Contents contents = IdxReader.read(FILE, limit, "the file");
                assertThat(contents.items()).isBetween(0, Math.min(limit, contents.dimensions()[0]));
                assertThat(contents.values()).hasSize(contents.items() * contents.itemSize());
                for (float v : contents.values()) {
                    assertThat(Float.isFinite(v)).as("every value is finite").isTrue();
                }
            } catch (DataException e) {
                assertThat(e.getMessage()).as("a refusal says why").startsWith("the file (").isNotBlank();
            }
        }
    }
}
