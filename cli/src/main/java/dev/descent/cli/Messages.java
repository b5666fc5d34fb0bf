package dev.descent.cli;

/**
 * What an error line may show of a message: characters that would not be visible or would break the
 * line (control characters, a byte order mark, zero-width and other format characters) written as
 * escapes, and a message longer than a screenful cut in the middle, keeping its beginning (what was
 * wrong and where) and its end (what to do).
 */
final class Messages {

    /** The longest message shown whole. */
    static final int LIMIT = 1000;
    private static final int HEAD = 700;
    private static final int TAIL = 250;

    private Messages() {
    }

    static String shown(String message) {
        if (message == null) {
            return "(no message)";
        }
        String escaped = escape(message);
        if (escaped.length() <= LIMIT) {
            return escaped;
        }
        int cut = escaped.length() - HEAD - TAIL;
        return escaped.substring(0, HEAD) + " … [" + cut + " characters left out] … "
                + escaped.substring(escaped.length() - TAIL);
    }

    /** {@code \n}, {@code \t}, {@code \0} and {@code \}{@code uXXXX} for what a terminal would not show as itself. */
    static String escape(String text) {
        StringBuilder s = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            String replacement = switch (c) {
                case '\n' -> "\\n";
                case '\r' -> "\\r";
                case '\t' -> "\\t";
                case '\0' -> "\\0";
                default -> invisible(c) ? String.format("\\u%04X", (int) c) : null;
            };
            if (replacement != null && s == null) {
                s = new StringBuilder(text.length() + 16).append(text, 0, i);
            }
            if (s != null) {
                if (replacement != null) {
                    s.append(replacement);
                } else {
                    s.append(c);
                }
            }
        }
        return s == null ? text : s.toString();
    }

    private static boolean invisible(char c) {
        int type = Character.getType(c);
        return type == Character.CONTROL || type == Character.FORMAT || type == Character.LINE_SEPARATOR
                || type == Character.PARAGRAPH_SEPARATOR || type == Character.UNASSIGNED
                || c == '\uFFFD';
    }
}
