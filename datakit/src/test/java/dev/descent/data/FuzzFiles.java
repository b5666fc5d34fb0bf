package dev.descent.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The one file a fuzz target rewrites with every input, deleted when the JVM exits. */
final class FuzzFiles {

    private FuzzFiles() {
    }

    static Path temporary(String suffix) {
        try {
            Path file = Files.createTempFile("descent-fuzz", suffix);
            file.toFile().deleteOnExit();
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
