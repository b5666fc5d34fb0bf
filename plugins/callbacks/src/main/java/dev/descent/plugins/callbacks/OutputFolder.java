package dev.descent.plugins.callbacks;

import dev.descent.api.DescentException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The folder a callback writes into: created when missing, or one line saying why it cannot be used. */
final class OutputFolder {

    private OutputFolder() {
    }

    /** Creates {@code dir} (the option {@code key}'s value) and checks that it can be written. */
    static void create(Path dir, String key) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new DescentException(key + " " + dir + " cannot be created (" + e.getMessage()
                    + "); choose a folder you can write to");
        }
        if (!Files.isDirectory(dir) || !Files.isWritable(dir)) {
            throw new DescentException(key + " " + dir + " is not a writable folder; choose one you can write to");
        }
    }
}
