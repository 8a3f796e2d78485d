package io.semisyncsim.server;

/**
 * SQL LIKE with {@code %}, {@code _} and {@code \} escapes, case-insensitive as SHOW ... LIKE and
 * INFORMATION_SCHEMA comparisons are under MySQL's default collations. Matching walks the text once,
 * keeping the set of pattern positions reached (a row of the classic dynamic programme), so a pattern
 * with many {@code %} costs pattern length × text length, never the backtracking blow-up of
 * {@code '%_%_%_...#'}.
 */
public final class Like {
    /** The pattern's elements: a character to match, or ANY_ONE ({@code _}) or ANY_RUN ({@code %}). */
    private final char[] chars;
    private final byte[] kinds;
    private static final byte LITERAL = 0;
    private static final byte ANY_ONE = 1;
    private static final byte ANY_RUN = 2;

    public Like(String pattern) {
        char[] c = new char[pattern.length()];
        byte[] k = new byte[pattern.length()];
        int n = 0;
        for (int p = 0; p < pattern.length(); p++) {
            char ch = pattern.charAt(p);
            if (ch == '%') {
                if (n > 0 && k[n - 1] == ANY_RUN) {
                    continue; // %% is %
                }
                k[n++] = ANY_RUN;
            } else if (ch == '_') {
                k[n++] = ANY_ONE;
            } else {
                if (ch == '\\' && p + 1 < pattern.length()) {
                    ch = pattern.charAt(++p);
                }
                c[n] = Character.toLowerCase(ch);
                k[n++] = LITERAL;
            }
        }
        this.chars = java.util.Arrays.copyOf(c, n);
        this.kinds = java.util.Arrays.copyOf(k, n);
    }

    public boolean matches(String text) {
        int m = kinds.length;
        // reached[j]: the first j pattern elements can match the text read so far.
        boolean[] reached = new boolean[m + 1];
        boolean[] next = new boolean[m + 1];
        reached[0] = true;
        closeOverRuns(reached);
        for (int t = 0; t < text.length(); t++) {
            char ch = Character.toLowerCase(text.charAt(t));
            java.util.Arrays.fill(next, false);
            boolean any = false;
            for (int j = 0; j < m; j++) {
                if (!reached[j]) {
                    continue;
                }
                switch (kinds[j]) {
                    case ANY_RUN -> next[j] = true; // % takes this character and may take more
                    case ANY_ONE -> next[j + 1] = true;
                    default -> next[j + 1] |= chars[j] == ch;
                }
            }
            closeOverRuns(next);
            for (boolean b : next) {
                any |= b;
            }
            if (!any) {
                return false;
            }
            boolean[] swap = reached;
            reached = next;
            next = swap;
        }
        return reached[m];
    }

    /** A % may also match nothing: reaching it reaches the element after it. */
    private void closeOverRuns(boolean[] state) {
        for (int j = 0; j < kinds.length; j++) {
            if (state[j] && kinds[j] == ANY_RUN) {
                state[j + 1] = true;
            }
        }
    }
}
