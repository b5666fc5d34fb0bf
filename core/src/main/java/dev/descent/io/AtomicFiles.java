package dev.descent.io;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Writes a file so that readers only ever see the old content or the complete new content: the
 * bytes go to a hidden temporary file in the same folder, are forced to disk, and the temporary file
 * is renamed over the target. A crash, a kill or an exception mid-write leaves the target untouched.
 *
 * <p>An exception removes its temporary file; a killed process cannot, so temporary files carry their
 * writer's process id ({@code .model.json.<pid>.<random>.tmp}) and every successful write of a target
 * removes the ones left for it by processes that are no longer running.
 */
public final class AtomicFiles {

    /** Writes the content to a stream; may throw. */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    private AtomicFiles() {
    }

    /**
     * Replaces {@code target} with the content. A link there is followed (the file it points to is
     * replaced, the link stays); the file keeps its permissions, and a new file gets the process's
     * default ones (the umask), as any program's output does. Until it is complete the content lives
     * in a temporary file that only its owner can read (0600), so a kill mid-write leaves nothing
     * readable to others, even when the target is private.
     *
     * @throws IOException also when {@code target} exists but is not a regular file (a device, a FIFO,
     *                     a folder): it is never replaced
     */
    public static void write(Path target, Content content) throws IOException {
        if (Files.isSymbolicLink(target)) {
            target = target.toRealPath();
        }
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS) && !Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException(target + " is not a regular file; only regular files are replaced");
        }
        Path folder = target.toAbsolutePath().getParent();
        Files.createDirectories(folder);
        String prefix = "." + target.getFileName() + ".";
        long pid = ProcessHandle.current().pid();
        Path temp = newTempFile(folder, prefix + pid + ".");
        boolean moved = false;
        try {
            try (OutputStream out = Files.newOutputStream(temp, StandardOpenOption.WRITE)) {
                content.writeTo(out);
            }
            keepPermissions(target, temp);
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            moved = true;
        } finally {
            if (!moved) {
                Files.deleteIfExists(temp);
            }
        }
        removeLeftovers(folder, prefix, pid);
    }

    /** A new empty file {@code prefix<random>.tmp} that only its owner can read or write, from the start. */
    private static Path newTempFile(Path folder, String prefix) throws IOException {
        java.util.random.RandomGenerator random = java.util.concurrent.ThreadLocalRandom.current();
        boolean posix = folder.getFileSystem().supportedFileAttributeViews().contains("posix");
        for (int attempt = 0; ; attempt++) {
            Path temp = folder.resolve(prefix + Long.toUnsignedString(random.nextLong(), 36) + ".tmp");
            try {
                if (posix) {
                    Files.createFile(temp, PosixFilePermissions.asFileAttribute(PRIVATE));
                } else {
                    Files.createFile(temp);
                }
                return temp;
            } catch (java.nio.file.FileAlreadyExistsException e) {
                if (attempt >= 100) {
                    throw e;
                }
            }
        }
    }

    /**
     * Gives the complete {@code temp} the permissions of the file it replaces or, for a new file, the
     * ones any new file of this process gets (0666 less the umask), where the file system has POSIX ones.
     */
    private static void keepPermissions(Path target, Path temp) {
        try {
            Set<PosixFilePermission> permissions = Files.exists(target) ? Files.getPosixFilePermissions(target)
                    : defaultPermissions(temp.getParent());
            if (permissions != null) {
                Files.setPosixFilePermissions(temp, permissions);
            }
        } catch (UnsupportedOperationException | IOException e) {
            // Not POSIX, or not ours to read: the new file stays private.
        }
    }

    private static final Set<PosixFilePermission> PRIVATE = PosixFilePermissions.fromString("rw-------");
    private static volatile Set<PosixFilePermission> defaults;

    /** What a new file gets here (the umask applied), learnt once from an empty file made and removed. */
    private static Set<PosixFilePermission> defaultPermissions(Path folder) throws IOException {
        Set<PosixFilePermission> known = defaults;
        if (known == null) {
            Path probe = Files.createTempFile(folder, ".descent-umask.", ".tmp");   // empty: nothing to leak
            try {
                Files.delete(probe);
                Files.createFile(probe);
                known = Files.getPosixFilePermissions(probe);
                defaults = known;
            } finally {
                Files.deleteIfExists(probe);
            }
        }
        return known;
    }

    /** Deletes {@code prefix<pid>.*.tmp} files whose writing process has gone (killed mid-write). */
    private static void removeLeftovers(Path folder, String prefix, long self) {
        try (DirectoryStream<Path> temps = Files.newDirectoryStream(folder, glob(prefix) + "*.tmp")) {
            for (Path temp : temps) {
                String rest = temp.getFileName().toString().substring(prefix.length());
                int dot = rest.indexOf('.');
                long writer;
                try {
                    writer = dot > 0 ? Long.parseLong(rest.substring(0, dot)) : -1;
                } catch (NumberFormatException e) {
                    continue;
                }
                if (writer > 0 && writer != self && ProcessHandle.of(writer).isEmpty()) {
                    Files.deleteIfExists(temp);
                }
            }
        } catch (IOException | UncheckedIOException e) {
            // Tidying up is best effort: the target itself was written.
        }
    }

    /** {@code text} with the glob's special characters escaped. */
    private static String glob(String text) {
        return text.replaceAll("([\\\\*?\\[\\]{}])", "\\\\$1");
    }
}
