package io.semisyncsim.table;

/**
 * JSON_VALID as MariaDB's JSON columns check it (strings/json_lib.c, the CHECK (json_valid(col)) a JSON column
 * carries): one JSON value (an object, an array, a string, a number, true, false or null) with white space
 * around it and nothing else; no comments, no single quotes, no trailing commas, no unquoted names, at most 31
 * arrays and objects one inside another (JSON_DEPTH_LIMIT; measured on MariaDB 10.11.18: 31 valid, 32 not).
 * Duplicate names in an object are accepted.
 */
final class JsonText {
    private static final int DEPTH_LIMIT = 31;

    private final String s;
    private int i;
    private int depth;

    private JsonText(String s) {
        this.s = s;
    }

    static boolean valid(String s) {
        JsonText p = new JsonText(s);
        try {
            p.space();
            p.value();
            p.space();
            return p.i == s.length();
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private void value() {
        if (i >= s.length()) {
            throw new IllegalArgumentException("no value");
        }
        char c = s.charAt(i);
        switch (c) {
            case '{' -> members('}', true);
            case '[' -> members(']', false);
            case '"' -> string();
            case 't' -> word("true");
            case 'f' -> word("false");
            case 'n' -> word("null");
            default -> number();
        }
    }

    /** An object's members or an array's elements, up to {@code close}. */
    private void members(char close, boolean named) {
        if (++depth > DEPTH_LIMIT) {
            throw new IllegalArgumentException("nested too deep");
        }
        i++;
        space();
        if (i < s.length() && s.charAt(i) == close) {
            i++;
            depth--;
            return;
        }
        while (true) {
            space();
            if (named) {
                if (i >= s.length() || s.charAt(i) != '"') {
                    throw new IllegalArgumentException("a name must be a string");
                }
                string();
                space();
                expect(':');
                space();
            }
            value();
            space();
            if (i < s.length() && s.charAt(i) == ',') {
                i++;
                continue;
            }
            expect(close);
            depth--;
            return;
        }
    }

    private void string() {
        i++; // the opening quote
        while (i < s.length()) {
            char c = s.charAt(i++);
            if (c == '"') {
                return;
            }
            if (c < 0x20) {
                throw new IllegalArgumentException("a control character in a string");
            }
            if (c == '\\') {
                if (i >= s.length()) {
                    break;
                }
                char e = s.charAt(i++);
                if (e == 'u') {
                    for (int k = 0; k < 4; k++) {
                        if (i >= s.length() || Character.digit(s.charAt(i++), 16) < 0) {
                            throw new IllegalArgumentException("a bad \\u escape");
                        }
                    }
                } else if ("\"\\/bfnrt".indexOf(e) < 0) {
                    throw new IllegalArgumentException("a bad escape");
                }
            }
        }
        throw new IllegalArgumentException("an unterminated string");
    }

    /** -? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)? */
    private void number() {
        if (peek('-')) {
            i++;
        }
        if (peek('0')) {
            i++;
        } else {
            digits();
        }
        if (peek('.')) {
            i++;
            digits();
        }
        if (peek('e') || peek('E')) {
            i++;
            if (peek('+') || peek('-')) {
                i++;
            }
            digits();
        }
    }

    private void digits() {
        int from = i;
        while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
            i++;
        }
        if (i == from) {
            throw new IllegalArgumentException("a digit expected");
        }
    }

    private void word(String w) {
        if (!s.startsWith(w, i)) {
            throw new IllegalArgumentException(w + " expected");
        }
        i += w.length();
    }

    private boolean peek(char c) {
        return i < s.length() && s.charAt(i) == c;
    }

    private void expect(char c) {
        if (!peek(c)) {
            throw new IllegalArgumentException(c + " expected");
        }
        i++;
    }

    private void space() {
        while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t' || s.charAt(i) == '\n'
                || s.charAt(i) == '\r')) {
            i++;
        }
    }
}
