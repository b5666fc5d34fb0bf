package dev.descent.cli;

/** What the {@code descent} command's exit code means. */
final class ExitCodes {

    static final int OK = 0;
    /** A bug or an environment failure the user cannot fix by changing their input. */
    static final int INTERNAL = 1;
    /** Bad input: the message says what to change. */
    static final int USER_ERROR = 2;
    /** Standard output's reader went away ({@code | head}): 128 + SIGPIPE, as a shell reports other tools. */
    static final int PIPE_CLOSED = 141;

    private ExitCodes() {
    }
}
