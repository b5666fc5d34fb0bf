package dev.descent.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunConfigTest {

    @TempDir
    Path dir;

    private Path write(String text) throws IOException {
        Path file = dir.resolve("run.properties");
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    @Test
    void readsKeysAndValuesWithTheirLines() throws IOException {
        Path file = write("""
                # the book's run
                optimizer = sgd
                ! another comment
                optimizer.lr: 0.03

                data.weights = 2, \\
                    -3.4
                """);
        RunConfig config = RunConfig.load(file);
        assertThat(config.get("optimizer").orElseThrow().value()).isEqualTo("sgd");
        assertThat(config.get("optimizer.lr").orElseThrow().value()).isEqualTo("0.03");
        assertThat(config.get("optimizer.lr").orElseThrow().origin()).isEqualTo(file + " line 4");
        assertThat(config.get("data.weights").orElseThrow().value()).isEqualTo("2, -3.4");
        assertThat(config.section("optimizer")).containsOnlyKeys("lr");
    }

    @Test
    void aKeySetTwiceNamesBothLines() throws IOException {
        Path file = write("optimizer.lr = 0.1\nloss = squared\noptimizer.lr = 0.2\n");
        assertThatThrownBy(() -> RunConfig.load(file)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("'optimizer.lr' is set twice, on lines 1 and 3");
    }

    @Test
    void aLineWithoutSeparatorIsReportedWithItsNumber() throws IOException {
        Path file = write("loss = squared\noptimizer sgd\n");
        assertThatThrownBy(() -> RunConfig.load(file)).isInstanceOf(ConfigException.class)
                .hasMessageContaining(file + " line 2").hasMessageContaining("'optimizer sgd'");
    }

    @Test
    void aMissingFileSaysSoAndWhatToDo() {
        Path missing = dir.resolve("no-such-file.properties");
        assertThatThrownBy(() -> RunConfig.load(missing)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("does not exist").hasMessageContaining("-c");
    }

    @Test
    void aDirectoryIsNotAConfigFile() {
        assertThatThrownBy(() -> RunConfig.load(dir)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("is a directory");
    }

    @Test
    void overridesReplaceFileValuesAndRecordTheirOrigin() throws IOException {
        RunConfig config = RunConfig.load(write("optimizer.lr = 0.03\n")).withOverride("optimizer.lr=0.1");
        assertThat(config.get("optimizer.lr").orElseThrow())
                .isEqualTo(new ConfigValue("optimizer.lr", "0.1", "--set optimizer.lr=0.1"));
    }

    @Test
    void anOverrideWithoutEqualsSignExplainsTheForm() {
        assertThatThrownBy(() -> RunConfig.empty().withOverride("optimizer.lr")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("expected KEY=VALUE");
    }
}
