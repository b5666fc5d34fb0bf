package dev.descent.io;

import dev.descent.api.DescentException;
import dev.descent.api.Outputs;
import java.io.IOException;
import java.net.URI;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The output policy of one run ({@link Outputs}): every file Descent writes is checked against the
 * run's inputs by file identity and written atomically through {@link AtomicFiles}. The CLI builds one
 * per command from everything the command reads; {@link #NO_INPUTS} serves embedders that name none.
 */
public final class OutputPolicy implements Outputs {

    /** A policy that knows no inputs: outputs are still checked (no folders, FIFOs, devices) and atomic. */
    public static final OutputPolicy NO_INPUTS = new OutputPolicy(Map.of());

    /** Input files, each with how the user named it ({@code -c}, {@code data.path}, {@code the plugin jar}). */
    private final Map<Path, String> inputs;

    private OutputPolicy(Map<Path, String> inputs) {
        this.inputs = inputs;
    }

    /** Collects a run's inputs, each under the name a message shows for it. */
    public static final class Builder {
        private final Map<Path, String> inputs = new LinkedHashMap<>();

        /** An input file; null or absent files are ignored (nothing to protect). */
        public Builder input(String name, Path file) {
            if (file != null && Files.exists(file)) {
                inputs.putIfAbsent(file, name);
            }
            return this;
        }

        /**
         * An input given as text, as config values are: a path, or a {@code file:} URL (other URLs,
         * such as {@code hdfs:}, are not local files and need no protection here).
         */
        public Builder input(String name, String text) {
            return input(name, localPath(text));
        }

        /**
         * The files a run's config names: every {@code data.*} value and every {@code *.path} or
         * {@code *.file} value that is an existing file (a CSV, a Parquet file, a second data set).
         */
        public Builder config(dev.descent.config.RunConfig config) {
            for (dev.descent.config.ConfigValue v : config.values().values()) {
                String key = v.key();
                if (key.startsWith("data.") || key.endsWith(".path") || key.endsWith(".file")) {
                    Path file = localPath(v.value());
                    if (file != null && Files.isRegularFile(file)) {
                        input(key, file);
                    }
                }
            }
            return this;
        }

        /** Every jar in the plugin folders: a plugin is an input of every run that scans its folder. */
        public Builder pluginJars(List<Path> folders) {
            for (Path folder : folders) {
                if (Files.isRegularFile(folder)) {
                    input("the plugin jar", folder);
                    continue;
                }
                if (!Files.isDirectory(folder)) {
                    continue;
                }
                try (java.nio.file.DirectoryStream<Path> jars = Files.newDirectoryStream(folder, "*.jar")) {
                    for (Path jar : jars) {
                        input("the plugin jar", jar);
                    }
                } catch (IOException | java.nio.file.DirectoryIteratorException e) {
                    // A folder that cannot be listed holds no jar this run loads.
                }
            }
            return this;
        }

        public OutputPolicy build() {
            return new OutputPolicy(java.util.Collections.unmodifiableMap(new LinkedHashMap<>(inputs)));
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The local file a config value names: a path, or a {@code file:} URL; null for other URLs or nothing. */
    public static Path localPath(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            if (text.regionMatches(true, 0, "file:", 0, 5)) {
                return Path.of(URI.create(text));
            }
            if (text.matches("[A-Za-z][A-Za-z0-9+.-]+:.*")) {
                return null;   // hdfs:, s3a:, http: ... read by others, never written here
            }
            return Path.of(text);
        } catch (IllegalArgumentException | java.nio.file.FileSystemNotFoundException e) {
            return null;
        }
    }

    /**
     * The path of an output option as the user typed it: a name ending in a separator names a
     * folder, never a file to write ({@code --save newdir/}).
     */
    public static Path outputPath(String text, String what, String example) {
        if (text.endsWith("/") || text.endsWith(java.io.File.separator)) {
            throw new DescentException(what + " " + text + " ends with '/', so it names a folder, not a file; give a"
                    + " file name in it, such as " + Path.of(text).resolve(example));
        }
        return Path.of(text);
    }

    @Override
    public Path check(Path target, String what) {
        Path file = followLink(target, what);
        if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            if (Files.isDirectory(file)) {
                throw new DescentException(what + " " + target + " is a folder; give a file name in it, such as "
                        + target.resolve(exampleName(target)));
            }
            if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                throw new DescentException(what + " " + target + " is not a regular file (a device, a FIFO or a"
                        + " socket); Descent replaces only regular files: give a file path");
            }
            String input = inputName(file);
            if (input != null) {
                throw new DescentException(what + " " + target + " is the same file as " + input
                        + ", an input of this run, which it would overwrite; write to another file");
            }
            if (!Files.isWritable(file)) {
                throw new DescentException(what + " " + target + " is read-only; make it writable or write elsewhere");
            }
        }
        checkFolderWritable(file.toAbsolutePath().getParent(), what, target);
        return file;
    }

    /**
     * This policy with one input allowed as an output: {@code train --resume m.json --save m.json}
     * continues a model in place (it was read whole before training; the save is atomic).
     */
    public OutputPolicy allowing(Path file) {
        if (file == null) {
            return this;
        }
        Map<Path, String> rest = new LinkedHashMap<>(inputs);
        rest.keySet().removeIf(input -> sameFile(file, input));
        return new OutputPolicy(java.util.Collections.unmodifiableMap(rest));
    }

    @Override
    public String inputName(Path file) {
        for (Map.Entry<Path, String> input : inputs.entrySet()) {
            if (sameFile(file, input.getKey())) {
                return input.getValue() + " " + input.getKey();
            }
        }
        return null;
    }

    /** {@code model.json} for a model file, {@code predictions.csv} and so on: the example a message gives. */
    private static String exampleName(Path target) {
        String name = target.getFileName() == null ? "" : target.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.contains("onnx")) {
            return "model.onnx";
        }
        if (name.contains("pred") || name.contains("out")) {
            return "predictions.csv";
        }
        return "model.json";
    }

    /** {@link #check} for an output whose example file name is known ({@code --out model.onnx}). */
    public Path check(Path target, String what, String example) {
        if (Files.isDirectory(followLink(target, what))) {
            throw new DescentException(what + " " + target + " is a folder; give a file name in it, such as "
                    + target.resolve(example));
        }
        return check(target, what);
    }

    @Override
    public Path checkFolder(Path folder, String what) {
        Path real = followLink(folder, what);
        if (Files.exists(real) && !Files.isDirectory(real)) {
            throw new DescentException(what + " " + folder + " is a file, not a folder; give a folder (it is created"
                    + " if missing)");
        }
        checkFolderWritable(real.toAbsolutePath(), what, folder);
        return folder;
    }

    /** Checks a folder and each of the files that will be written in it. */
    public List<Path> checkFiles(Path folder, List<String> names, String what) {
        checkFolder(folder, what);
        List<Path> files = new ArrayList<>();
        for (String name : names) {
            files.add(check(folder.resolve(name), what));
        }
        return files;
    }

    @Override
    public void write(Path file, String what, Content content) {
        Path target = check(file, what);
        try {
            AtomicFiles.write(target, content::writeTo);
        } catch (IOException e) {
            throw new DescentException(what + ": cannot write " + file + " (" + reason(e) + "); "
                    + advice(e) + " nothing was replaced", e);
        }
    }

    /** The cause of a failed write in a few words: "no space left on device", "permission denied". */
    static String reason(IOException e) {
        String text = e instanceof FileSystemException f && f.getReason() != null ? f.getReason() : e.getMessage();
        return text == null ? e.getClass().getSimpleName() : text.toLowerCase(Locale.ROOT);
    }

    private static String advice(IOException e) {
        String reason = reason(e);
        if (reason.contains("no space") || reason.contains("quota")) {
            return "free some space or write elsewhere;";
        }
        if (reason.contains("permission") || reason.contains("read-only")) {
            return "write to a folder you may write to;";
        }
        return "check the path;";
    }

    private static void checkFolderWritable(Path folder, String what, Path target) {
        Path existing = folder;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return;
        }
        if (!Files.isDirectory(existing)) {
            throw new DescentException(what + " " + target + " cannot be written: " + existing
                    + " is a file, not a folder");
        }
        if (!Files.isWritable(existing)) {
            throw new DescentException(what + " " + target + " cannot be written: the folder " + existing
                    + " is read-only or not ours; write elsewhere");
        }
    }

    /** The file a link at {@code target} points to (links followed to the end), or {@code target} itself. */
    static Path followLink(Path target, String what) {
        if (!Files.isSymbolicLink(target)) {
            return target;
        }
        try {
            return target.toRealPath();
        } catch (java.nio.file.FileSystemLoopException e) {
            throw new DescentException(what + " " + target + " is a loop of symbolic links; remove the link");
        } catch (IOException e) {
            if (e.getMessage() != null && e.getMessage().contains("Too many levels of symbolic links")) {
                throw new DescentException(what + " " + target + " is a loop of symbolic links; remove the link");
            }
            throw new DescentException(what + " " + target + " is a link to " + linkTarget(target)
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

    /** Whether two paths are one file (device and inode where the system has them: hard links too). */
    private static boolean sameFile(Path a, Path b) {
        try {
            return Files.exists(b) && Files.isSameFile(a, b);
        } catch (IOException e) {
            return false;
        }
    }
}
