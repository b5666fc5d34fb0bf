package dev.descent.io;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Any bytes given as a model file are either read into a model that can be written and read back,
 * or refused with a {@link ModelFileException}; nothing else may escape (no other exception, no
 * hang, no runaway allocation). Without {@code JAZZER_FUZZ} this runs the saved inputs in
 * {@code ModelFilesFuzzTestInputs/}; {@code bench/fuzz.sh} fuzzes it.
 */
class ModelFilesFuzzTest {

    private static final Path FILE = temporaryFile("descent-fuzz");
    private static final Path COPY = temporaryFile("descent-fuzz-copy");

    private static Path temporaryFile(String prefix) {
        try {
            Path file = Files.createTempFile(prefix, ".json");
            file.toFile().deleteOnExit();
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @FuzzTest(maxDuration = "10m")
    void anyFileIsReadOrRefusedWithAModelFileException(byte[] content) throws IOException {
        Files.write(FILE, content);
        ModelFile model;
        try {
            model = ModelFiles.read(FILE);
        } catch (ModelFileException e) {
            assertThat(e.getMessage()).as("a refusal says why").isNotBlank();
            return;
        }
        ModelFiles.write(model, COPY);
        ModelFile again = ModelFiles.read(COPY);
        assertThat(again.features()).isEqualTo(model.features());
        assertThat(again.parameters()).hasSameSizeAs(model.parameters());
        for (int i = 0; i < model.parameters().size(); i++) {
            assertThat(again.parameters().get(i).values()).isEqualTo(model.parameters().get(i).values());
        }
    }
}
