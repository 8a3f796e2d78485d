package io.semisyncsim.server;

/**
 * SQL LIKE with {@code %}, {@code _} and {@code \} escapes, case-insensitive as SHOW ... LIKE and
 * INFORMATION_SCHEMA comparisons are under MySQL's default collations.
 */
public final class Like {
    private final String pattern;

    public Like(String pattern) {
        this.pattern = pattern;
    }

    public boolean matches(String text) {
        return match(0, text, 0);
    }

    private boolean match(int p, String text, int t) {
        while (p < pattern.length()) {
            char c = pattern.charAt(p);
            if (c == '%') {
                while (p < pattern.length() && pattern.charAt(p) == '%') {
                    p++;
                }
                if (p == pattern.length()) {
                    return true;
                }
                for (int i = t; i <= text.length(); i++) {
                    if (match(p, text, i)) {
                        return true;
                    }
                }
                return false;
            }
            if (t >= text.length()) {
                return false;
            }
            if (c == '_') {
                p++;
                t++;
                continue;
            }
            if (c == '\\' && p + 1 < pattern.length()) {
                p++;
                c = pattern.charAt(p);
            }
            if (Character.toLowerCase(c) != Character.toLowerCase(text.charAt(t))) {
                return false;
            }
            p++;
            t++;
        }
        return t == text.length();
    }
}
