package dev.descent.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
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

    @Test
    void theContentIsPrivateWhileItIsWrittenAndTheFinishedFileGetsTheUsualPermissions() throws IOException {
        Path secret = dir.resolve("secret.json");
        write(secret, "old");
        Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-------"));
        java.util.List<String> seen = new java.util.ArrayList<>();
        AtomicFiles.write(secret, out -> {
            try (Stream<Path> files = Files.list(dir)) {
                for (Path temp : files.filter(f -> f.getFileName().toString().endsWith(".tmp")).toList()) {
                    seen.add(PosixFilePermissions.toString(Files.getPosixFilePermissions(temp)));
                }
            }
            out.write("new".getBytes(StandardCharsets.UTF_8));
        });
        assertThat(seen).as("the temporary file, from its creation on").containsExactly("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(secret))).isEqualTo("rw-------");

        Path fresh = dir.resolve("fresh.json");
        Path plain = Files.createFile(dir.resolve("plain"));   // what any new file of this process gets
        write(fresh, "new");
        assertThat(Files.getPosixFilePermissions(fresh)).as("a new file gets the umask's permissions, not 0600")
                .isEqualTo(Files.getPosixFilePermissions(plain));
    }
}
