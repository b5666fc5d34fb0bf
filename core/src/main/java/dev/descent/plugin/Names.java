package dev.descent.plugin;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** Names in messages: suggestions for misspelt ones ({@code sqaured} → {@code squared}), short lists of many. */
public final class Names {

    private Names() {
    }

    /** The candidate closest to {@code typed} by edit distance, if it is close enough to be a typo. */
    public static Optional<String> nearest(String typed, Collection<String> candidates) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : candidates) {
            int d = editDistance(typed.toLowerCase(), candidate.toLowerCase());
            if (d < bestDistance) {
                best = candidate;
                bestDistance = d;
            }
        }
        int tolerance = Math.max(2, typed.length() / 3);
        return best != null && bestDistance <= tolerance ? Optional.of(best) : Optional.empty();
    }

    /** Levenshtein distance, with a transposition of neighbours counted as one edit. */
    static int editDistance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }

    /**
     * Names for a message, short however many there are: all of up to four ({@code a, b, c}), else the
     * first two, the last and the count ({@code x0, x1, … x783 (784)}).
     */
    public static String summary(List<String> names) {
        return names.size() <= 4 ? String.join(", ", names)
                : names.get(0) + ", " + names.get(1) + ", … " + names.get(names.size() - 1) + " (" + names.size() + ")";
    }
}
