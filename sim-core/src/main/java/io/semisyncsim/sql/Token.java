package io.semisyncsim.sql;

import java.util.Locale;

/**
 * A lexical token of the SQL we interpret; {@code start} and {@code end} are its offsets in the
 * statement text ({@code quoted}: a `back-quoted` name, never a keyword): MySQL's 1064 error quotes the statement from a token's start ("near '...'"), and a
 * select item's column name is the text it spans.
 */
record Token(Kind kind, String text, int start, int end, boolean quoted) {

    enum Kind {
        /** A word or a `back-quoted` name ({@link #quoted} tells which). */
        IDENT,
        /** 'single' or "double" quoted, unescaped; also x'41' and 0x41 (as the bytes' text). */
        STRING,
        /** digits, with an optional fraction or exponent. */
        NUMBER,
        /** {@code @@name}: text holds the name after @@ (a scope word, when {@code .name} follows). */
        SYSVAR,
        /** {@code @name}, {@code @'name'}: text holds the name. */
        USERVAR,
        /** = , ( ) . * - ; and the two-character operators. */
        SYMBOL,
        END
    }

    Token(Kind kind, String text, int start, int end) {
        this(kind, text, start, end, false);
    }

    boolean isWord(String word) {
        return kind == Kind.IDENT && text.equalsIgnoreCase(word) && !quoted;
    }

    boolean isSymbol(String symbol) {
        return kind == Kind.SYMBOL && text.equals(symbol);
    }

    String upper() {
        return text.toUpperCase(Locale.ROOT);
    }
}
