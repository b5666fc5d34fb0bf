package dev.descent.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Any bytes given as a config file (and any text given as a {@code --set} assignment) are either
 * parsed into keys and values that keep the parser's promises or refused with a
 * {@link ConfigException}. Without {@code JAZZER_FUZZ} this runs the saved inputs in
 * {@code RunConfigFuzzTestInputs/}; {@code bench/fuzz.sh} fuzzes it.
 */
class RunConfigFuzzTest {

    private static final Path FILE = temporaryFile();

    private static Path temporaryFile() {
        try {
            Path file = Files.createTempFile("descent-fuzz", ".properties");
            file.toFile().deleteOnExit();
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @FuzzTest(maxDuration = "10m")
    void anyFileIsParsedOrRefusedWithAConfigException(byte[] content) throws IOException {
        Files.write(FILE, content);
        try {
            RunConfig config = RunConfig.load(FILE);
            config.values().forEach((key, value) -> {
                assertThat(key).as("keys are stripped and not empty").isNotBlank().isEqualTo(key.strip());
                assertThat(value.key()).isEqualTo(key);
                assertThat(value.value()).as("values are stripped").isEqualTo(value.value().strip());
                assertThat(value.origin()).as("every value says where it came from").contains(FILE.toString());
            });
        } catch (ConfigException e) {
            assertThat(e.getMessage()).as("a refusal says why").isNotBlank();
        }
        String assignment = new String(content, StandardCharsets.UTF_8);
        try {
            RunConfig overridden = RunConfig.empty().withOverride(assignment);
            assertThat(overridden.values()).hasSize(1);
        } catch (ConfigException e) {
            assertThat(e.getMessage()).isNotBlank();
        }
    }
}
