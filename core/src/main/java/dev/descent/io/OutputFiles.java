package dev.descent.io;

import dev.descent.api.DescentException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Map;

/**
 * Checks where a command will write before it does any work, so that a long training run does not
 * end in an error about its output, and nothing that is not the command's own output is replaced:
 * not an input of the run (the data, the config, the model it reads), not a device, FIFO or folder.
 * A symbolic link is followed: the file it points to is what gets replaced.
 */
public final class OutputFiles {

    private OutputFiles() {
    }

    /**
     * The file {@code option} (e.g. {@code --save}) will replace: {@code target}, or the file a link
     * there points to.
     *
     * @param inputs the run's input files by how the user named them ({@code --data}, {@code data.path})
     * @throws DescentException when the target is not a regular file, is one of the inputs, or cannot be
     *                          written
     */
    public static Path checkFile(Path target, String option, Map<String, Path> inputs) {
        Path file = followLink(target, option);
        if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            if (Files.isDirectory(file)) {
                throw new DescentException(option + " " + target + " is a folder; give a file name in it, such as "
                        + target.resolve(option.equals("--save") ? "model.json" : "predictions.csv"));
            }
            if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                throw new DescentException(option + " " + target + " is not a regular file (a device, a FIFO or a"
                        + " socket); Descent replaces only regular files: give a file path");
            }
            inputs.forEach((name, input) -> {
                if (input != null && sameFile(file, input)) {
                    throw new DescentException(option + " " + target + " is the same file as " + name + " " + input
                            + ", which it would overwrite; write to another file");
                }
            });
            if (!Files.isWritable(file)) {
                throw new DescentException(option + " " + target + " is read-only; make it writable or write elsewhere");
            }
        }
        checkFolderWritable(file.toAbsolutePath().getParent(), option, target);
        return file;
    }

    /** Checks {@code folder} is, or can be created as, a writable folder for {@code option} ({@code --plot}). */
    public static Path checkFolder(Path folder, String option) {
        if (Files.exists(folder) && !Files.isDirectory(folder)) {
            throw new DescentException(option + " " + folder + " is a file, not a folder; give a folder for the"
                    + " figures (it is created if missing)");
        }
        checkFolderWritable(folder.toAbsolutePath(), option, folder);
        return folder;
    }

    private static void checkFolderWritable(Path folder, String option, Path target) {
        Path existing = folder;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return;
        }
        if (!Files.isDirectory(existing)) {
            throw new DescentException(option + " " + target + " cannot be written: " + existing
                    + " is a file, not a folder");
        }
        if (!Files.isWritable(existing)) {
            throw new DescentException(option + " " + target + " cannot be written: the folder " + existing
                    + " is read-only or not ours; write elsewhere");
        }
    }

    /** The file a link at {@code target} points to (links followed to the end), or {@code target} itself. */
    static Path followLink(Path target, String option) {
        if (!Files.isSymbolicLink(target)) {
            return target;
        }
        try {
            return target.toRealPath();
        } catch (IOException e) {
            throw new DescentException(option + " " + target + " is a link to " + linkTarget(target)
                    + ", which does not exist; remove the link or create its target's folder");
        }
    }

    private static String linkTarget(Path link) {
        try {
            return Files.readSymbolicLink(link).toString();
        } catch (IOException e) {
            return "a file that cannot be read";
        }
    }

    private static boolean sameFile(Path a, Path b) {
        try {
            return Files.exists(b) && Files.isSameFile(a, b);
        } catch (IOException e) {
            return false;
        }
    }
}
