package dev.descent.api;

/**
 * Progress of a long load (a large file), which a front end may show as a bar. Data sources call
 * it; they never print. Called from the loading thread.
 */
public interface LoadingProgress {

    /** Reports nothing. */
    LoadingProgress NONE = new LoadingProgress() {
    };

    /** Loading starts; {@code total} units (e.g. bytes) are expected, or -1 if unknown. */
    default void started(String what, long total) {
    }

    /** {@code done} units of the total are done. */
    default void advanced(long done) {
    }

    /** Loading has finished (or failed). */
    default void finished() {
    }
}
