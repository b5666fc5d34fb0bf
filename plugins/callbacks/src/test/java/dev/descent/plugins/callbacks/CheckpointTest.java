package dev.descent.plugins.callbacks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.descent.api.Callback;
import dev.descent.testkit.CallbackContract;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The test kit's callback contract, with the checkpoints in a temporary folder, and what it keeps. */
class CheckpointTest extends CallbackContract {

    @TempDir
    Path dir;

    @Override
    protected Callback createCallback() {
        return new Checkpoint(dir.resolve("ck"), 2, 3);
    }

    @Test
    void writesEveryOtherEpochAndTheLastAndKeepsTheNewestThree() throws IOException {
        Callback callback = createCallback();
        callback.trainingStarted(java.util.List.of());
        for (int e = 1; e <= 9; e++) {
            dev.descent.api.EpochEvent event = new dev.descent.api.EpochEvent(e, 9, 1.0 / e,
                    java.util.OptionalDouble.empty(), java.util.OptionalDouble.empty(), java.util.List.of(),
                    CheckpointTest::write);
            callback.epochEnded(event);
        }
        Files.writeString(dir.resolve("ck/notes.txt"), "not a checkpoint");
        try (Stream<Path> files = Files.list(dir.resolve("ck"))) {
            assertThat(files.map(f -> f.getFileName().toString()).sorted())
                    .containsExactly("epoch-0006.json", "epoch-0008.json", "epoch-0009.json", "notes.txt");
        }
    }

    private static void write(Path file) {
        try {
            Files.writeString(file, "{}");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
