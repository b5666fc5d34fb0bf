package dev.descent.api;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;

/**
 * Where a run may write, and how: the one output policy every writer of Descent goes through (model
 * files, predictions, checkpoints, figures, exports) and that a plugin writing files gets from the
 * run ({@link Callback#trainingStarted(java.util.List, Outputs)}, {@link EpochEvent#outputs()}).
 *
 * <p>A file is <em>checked</em> before any work: it must not be one of the run's inputs (the config
 * files, the plugin jars, the data files, the model resumed from; compared by the file they resolve
 * to, whatever the spelling: a URL, {@code ..}, a symbolic or a hard link), must be a regular file
 * or absent (never a folder, a device, a FIFO or a socket), and its folder must be writable. A file
 * is <em>written</em> atomically: the bytes go to a private temporary file beside it (mode 0600),
 * which is renamed over the target only when complete, so a crash, a kill or a full disk leaves the
 * old file or the new one, never half of one, and never a readable copy.
 *
 * <p>Every failure is a {@link DescentException} whose message names the option, the file and what
 * to do: the CLI prints it as one line with exit code 2.
 */
public interface Outputs {

    /** Writes a file's content to a stream; may throw. */
    @FunctionalInterface
    interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    /**
     * Checks that {@code file} may be written; call it before training so that a bad path fails in
     * a second, not after the run.
     *
     * @param what how the user named this output, for messages: {@code "--save"}, {@code "checkpoint.dir"}
     * @return the file that will be replaced: {@code file}, or the file a link there points to
     * @throws DescentException when it is an input of the run, not a regular file, or not writable
     */
    Path check(Path file, String what);

    /**
     * The name under which {@code file} is an input of this run ({@code "-c run.properties"}), or null
     * when it is not one: an input is never replaced, and never removed by a callback tidying up.
     */
    String inputName(Path file);

    /**
     * Checks that {@code folder} is a folder (or can be created as one) that may hold outputs.
     *
     * @throws DescentException when it is a file or cannot be written
     */
    Path checkFolder(Path folder, String what);

    /**
     * Checks {@code file} again and replaces it atomically with the content, creating its folder.
     *
     * @throws DescentException when the check fails or the write does (a full disk, a read-only
     *                          folder): the file is then as it was
     */
    void write(Path file, String what, Content content);
}
