package dev.descent.cli;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.Charset;

/**
 * Standard output that remembers why a write failed. {@link PrintStream} swallows the exception and
 * keeps only a flag, but a closed pipe ({@code descent train | head -1}, a pager that quit) ends a
 * command quietly, as it does any Unix tool, while a full disk is an error to report.
 */
final class StandardOutput extends OutputStream {

    private final OutputStream target;
    private volatile IOException failure;

    private StandardOutput(OutputStream target) {
        this.target = target;
    }

    private static volatile StandardOutput installed;

    /** Replaces {@link System#out} with a stream like the JVM's own (same encoding, flushed on each line). */
    static void install() {
        String encoding = System.getProperty("stdout.encoding", System.getProperty("sun.stdout.encoding"));
        Charset charset = Charset.defaultCharset();
        if (encoding != null && Charset.isSupported(encoding)) {
            charset = Charset.forName(encoding);
        }
        StandardOutput out = new StandardOutput(new FileOutputStream(FileDescriptor.out));
        installed = out;
        System.setOut(new PrintStream(new BufferedOutputStream(out, 8192), true, charset));
    }

    /** Whether standard output's reader went away (EPIPE) before everything was written. */
    static boolean pipeClosed() {
        StandardOutput out = installed;
        if (out == null || out.failure == null) {
            return false;
        }
        String message = String.valueOf(out.failure.getMessage());
        return message.contains("Broken pipe") || message.contains("pipe is being closed");
    }

    private void record(IOException e) throws IOException {
        if (failure == null) {
            failure = e;
        }
        throw e;
    }

    @Override
    public void write(int b) throws IOException {
        try {
            target.write(b);
        } catch (IOException e) {
            record(e);
        }
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        try {
            target.write(b, off, len);
        } catch (IOException e) {
            record(e);
        }
    }

    @Override
    public void flush() throws IOException {
        try {
            target.flush();
        } catch (IOException e) {
            record(e);
        }
    }
}
