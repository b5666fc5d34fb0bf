package dev.descent.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {

    @TempDir
    Path dir;

    private static void write(Path target, String text) throws IOException {
        AtomicFiles.write(target, out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
    }

    private String[] names() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).sorted().toArray(String[]::new);
        }
    }

    @Test
    void aFailingWriteLeavesTheOldContentAndNoTemporaryFile() throws IOException {
        Path target = dir.resolve("model.json");
        write(target, "old");
        assertThatThrownBy(() -> AtomicFiles.write(target, out -> {
            out.write("new, half".getBytes(StandardCharsets.UTF_8));
            throw new IOException("disk full");
        })).hasMessage("disk full");
        assertThat(target).hasContent("old");
        assertThat(names()).containsExactly("model.json");
    }

    @Test
    void aWriteRemovesWhatKilledWritersLeftButNotWhatRunningOnesAreWriting() throws Exception {
        Process finished = new ProcessBuilder("true").start();
        finished.waitFor(10, TimeUnit.SECONDS);
        Process running = new ProcessBuilder("sleep", "30").start();
        try {
            Path dead = Files.writeString(dir.resolve(".model.json." + finished.pid() + ".123.tmp"), "half");
            Path alive = Files.writeString(dir.resolve(".model.json." + running.pid() + ".456.tmp"), "in progress");
            Path other = Files.writeString(dir.resolve(".other.json." + finished.pid() + ".789.tmp"), "not ours");

            write(dir.resolve("model.json"), "complete");

            assertThat(dead).doesNotExist();
            assertThat(alive).exists();
            assertThat(other).exists();
            assertThat(dir.resolve("model.json")).hasContent("complete");
        } finally {
            running.destroyForcibly();
        }
    }
}
