package io.semisyncsim.sql;

import java.util.Locale;

/**
 * A lexical token of the admin SQL we interpret; {@code start} is its offset in the statement text,
 * which MySQL's 1064 error quotes from ("near '...'").
 */
record Token(Kind kind, String text, int start) {

    enum Kind {
        /** A word or a `back-quoted` name. */
        IDENT,
        /** 'single' or "double" quoted, unescaped. */
        STRING,
        /** digits, with an optional fraction or exponent. */
        NUMBER,
        /** {@code @@name}, {@code @@global.name}, {@code @@session.name}: text holds everything after @@. */
        SYSVAR,
        /** = , ( ) . * - ; and friends. */
        SYMBOL,
        END
    }

    boolean isWord(String word) {
        return kind == Kind.IDENT && text.equalsIgnoreCase(word);
    }

    boolean isSymbol(String symbol) {
        return kind == Kind.SYMBOL && text.equals(symbol);
    }

    String upper() {
        return text.toUpperCase(Locale.ROOT);
    }
}
