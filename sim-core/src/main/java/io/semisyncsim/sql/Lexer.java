package io.semisyncsim.sql;

import java.util.ArrayList;
import java.util.List;

/** Splits one statement into tokens; comments ({@code -- }, {@code #}, {@code /* *}{@code /}) are skipped. */
final class Lexer {
    private final String sql;
    private int pos;

    private Lexer(String sql) {
        this.sql = sql;
    }

    static List<Token> tokens(String sql) throws ParseException {
        Lexer lexer = new Lexer(sql);
        List<Token> out = new ArrayList<>();
        Token t;
        do {
            t = lexer.next();
            out.add(t);
        } while (t.kind() != Token.Kind.END);
        return out;
    }

    private Token next() throws ParseException {
        skipSpaceAndComments();
        if (pos >= sql.length()) {
            return new Token(Token.Kind.END, "", sql.length());
        }
        int start = pos;
        char c = sql.charAt(pos);
        if (Character.isLetter(c) || c == '_' || c == '$') {
            while (pos < sql.length() && isWordChar(sql.charAt(pos))) {
                pos++;
            }
            return new Token(Token.Kind.IDENT, sql.substring(start, pos), start);
        }
        if (Character.isDigit(c)) {
            while (pos < sql.length() && (Character.isDigit(sql.charAt(pos)) || sql.charAt(pos) == '.'
                    || sql.charAt(pos) == 'e' || sql.charAt(pos) == 'E')) {
                pos++;
            }
            if (pos < sql.length() && isWordChar(sql.charAt(pos))) { // 1abc is a name in MySQL
                while (pos < sql.length() && isWordChar(sql.charAt(pos))) {
                    pos++;
                }
                return new Token(Token.Kind.IDENT, sql.substring(start, pos), start);
            }
            return new Token(Token.Kind.NUMBER, sql.substring(start, pos), start);
        }
        if (c == '`') {
            int close = sql.indexOf('`', pos + 1);
            if (close < 0) {
                throw new ParseException(start);
            }
            pos = close + 1;
            return new Token(Token.Kind.IDENT, sql.substring(start + 1, close), start);
        }
        if (c == '\'' || c == '"') {
            return quoted(c, start);
        }
        if (c == '@' && pos + 1 < sql.length() && sql.charAt(pos + 1) == '@') {
            pos += 2;
            int nameStart = pos;
            while (pos < sql.length() && (isWordChar(sql.charAt(pos)) || sql.charAt(pos) == '.')) {
                pos++;
            }
            if (pos == nameStart) {
                throw new ParseException(start);
            }
            return new Token(Token.Kind.SYSVAR, sql.substring(nameStart, pos), start);
        }
        pos++;
        return new Token(Token.Kind.SYMBOL, String.valueOf(c), start);
    }

    private Token quoted(char quote, int start) throws ParseException {
        StringBuilder text = new StringBuilder();
        pos++;
        while (pos < sql.length()) {
            char c = sql.charAt(pos++);
            if (c == '\\' && pos < sql.length()) {
                char e = sql.charAt(pos++);
                text.append(switch (e) {
                    case 'n' -> '\n';
                    case 't' -> '\t';
                    case '0' -> '\0';
                    default -> e;
                });
                if (e == '%' || e == '_') { // MySQL keeps \% and \_ for LIKE
                    text.insert(text.length() - 1, '\\');
                }
            } else if (c == quote) {
                if (pos < sql.length() && sql.charAt(pos) == quote) {
                    text.append(quote);
                    pos++;
                } else {
                    return new Token(Token.Kind.STRING, text.toString(), start);
                }
            } else {
                text.append(c);
            }
        }
        throw new ParseException(start); // unterminated string
    }

    private void skipSpaceAndComments() {
        while (pos < sql.length()) {
            char c = sql.charAt(pos);
            if (Character.isWhitespace(c)) {
                pos++;
            } else if (c == '#' || (c == '-' && sql.startsWith("-- ", pos))) {
                while (pos < sql.length() && sql.charAt(pos) != '\n') {
                    pos++;
                }
            } else if (sql.startsWith("/*", pos)) {
                int end = sql.indexOf("*/", pos + 2);
                pos = end < 0 ? sql.length() : end + 2;
            } else {
                return;
            }
        }
    }

    private static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$';
    }
}
