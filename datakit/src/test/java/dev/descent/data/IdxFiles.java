package dev.descent.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/** Writes small IDX files for tests. */
final class IdxFiles {

    private IdxFiles() {
    }

    /** An unsigned-byte IDX file of {@code dimensions} holding {@code values}. */
    static byte[] ubyte(int[] dimensions, int[] values) {
        ByteBuffer buffer = ByteBuffer.allocate(4 + 4 * dimensions.length + values.length);
        buffer.put((byte) 0).put((byte) 0).put((byte) 0x08).put((byte) dimensions.length);
        for (int d : dimensions) {
            buffer.putInt(d);
        }
        for (int v : values) {
            buffer.put((byte) v);
        }
        return buffer.array();
    }

    static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static Path write(Path file, byte[] bytes) {
        try {
            return Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
