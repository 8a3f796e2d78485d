package io.semisyncsim.scenario.lang;

/**
 * Text from a scenario file as a terminal may safely show it: control characters (and the Unicode
 * controls that reorder or hide text) written as escapes, never raw, so a hostile file cannot move the
 * cursor, recolour the screen or disguise a message.
 */
public final class Printable {
    private Printable() {
    }

    /** Whether {@code c} is a character a file's names and values may not hold raw. */
    public static boolean isControl(int c) {
        return c < 0x20 && c != '\t' && c != '\n' && c != '\r' || c == 0x7f || c >= 0x80 && c <= 0x9f
                || c >= 0x202a && c <= 0x202e || c >= 0x2066 && c <= 0x2069 || c == 0x200e || c == 0x200f;
    }

    /** The first character of {@code text} that {@link #isControl} refuses, or -1. */
    public static int firstControl(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (isControl(text.charAt(i))) {
                return text.charAt(i);
            }
        }
        return -1;
    }

    /** {@code text} with every control character (tabs and newlines too) as an escape: {@code \x1b}, {@code \n}. */
    public static String escape(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= 0x20 && !isControl(c)) {
                if (out != null) {
                    out.append(c);
                }
                continue;
            }
            if (out == null) {
                out = new StringBuilder(text.length() + 8).append(text, 0, i);
            }
            out.append(name(c));
        }
        return out == null ? text : out.toString();
    }

    /** How a message names one control character: {@code \t}, {@code \x1b}, {@code \u202e}. */
    public static String name(int c) {
        return switch (c) {
            case '\t' -> "\\t";
            case '\n' -> "\\n";
            case '\r' -> "\\r";
            default -> c <= 0xff ? String.format("\\x%02x", c) : String.format("\\u%04x", c);
        };
    }

    /** How much of a user's text a message quotes: enough to recognise it, never a whole file. */
    public static final int QUOTED = 60;

    /**
     * {@code text} as a message quotes it: at most {@link #QUOTED} characters, then "..." when there was
     * more (a file that is no scenario, say, whose whole text is one value).
     */
    public static String clip(String text) {
        if (text == null || text.codePointCount(0, text.length()) <= QUOTED) {
            return text;
        }
        return text.substring(0, text.offsetByCodePoints(0, QUOTED)) + "...";
    }
}
