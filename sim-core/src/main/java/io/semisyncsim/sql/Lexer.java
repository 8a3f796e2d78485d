package io.semisyncsim.sql;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits one statement into tokens as the server's lexer does (sql_lex.cc lex_one_token): comments
 * ({@code # }, {@code -- } followed by a space or a control character, {@code /* *}{@code /}) are
 * skipped, quotes inside them ignored; an executable comment {@code /*!NNNNN ... *}{@code /} is read
 * as SQL when the flavour runs that version, and skipped like any comment otherwise.
 */
final class Lexer {
    private final String sql;
    private final Dialect.ExecutableComments rules;
    private int pos;
    /** Open executable comments being read as SQL: their closing {@code *}{@code /} is skipped. */
    private int executableDepth;

    private Lexer(String sql, Dialect dialect) {
        this.sql = sql;
        this.rules = dialect.comments();
    }

    static List<Token> tokens(String sql, Dialect dialect) throws ParseException {
        Lexer lexer = new Lexer(sql, dialect);
        List<Token> out = new ArrayList<>();
        Token t;
        do {
            t = lexer.next();
            out.add(t);
        } while (t.kind() != Token.Kind.END);
        return out;
    }

    private Token token(Token.Kind kind, String text, int start) {
        return new Token(kind, text, start, pos);
    }

    private Token next() throws ParseException {
        skipSpaceAndComments();
        if (pos >= sql.length()) {
            return new Token(Token.Kind.END, "", sql.length(), sql.length());
        }
        int start = pos;
        char c = sql.charAt(pos);
        if ((c == 'x' || c == 'X' || c == 'b' || c == 'B') && pos + 1 < sql.length() && sql.charAt(pos + 1) == '\'') {
            return bitsOrHex(c == 'x' || c == 'X', start);
        }
        if (c == '0' && pos + 2 < sql.length() && (sql.charAt(pos + 1) == 'x' || sql.charAt(pos + 1) == 'X')
                && isHex(sql.charAt(pos + 2))) {
            int end = pos + 2;
            while (end < sql.length() && isHex(sql.charAt(end))) {
                end++;
            }
            if (end >= sql.length() || !isWordChar(sql.charAt(end))) {
                String hex = sql.substring(pos + 2, end);
                pos = end;
                return token(Token.Kind.STRING, hexText(hex), start);
            }
        }
        if (isWordStart(c)) {
            while (pos < sql.length() && isWordChar(sql.charAt(pos))) {
                pos++;
            }
            return token(Token.Kind.IDENT, sql.substring(start, pos), start);
        }
        if (Character.isDigit(c) || c == '.' && pos + 1 < sql.length() && Character.isDigit(sql.charAt(pos + 1))) {
            return number(start);
        }
        if (c == '`') {
            return backQuoted(start);
        }
        if (c == '\'' || c == '"') {
            return token(Token.Kind.STRING, quoted(c), start);
        }
        if (c == '@') {
            return variable(start);
        }
        pos++;
        if (pos < sql.length()) {
            String two = sql.substring(start, pos + 1);
            if (two.equals("<=") && pos + 1 < sql.length() && sql.charAt(pos + 1) == '>') {
                pos += 2;
                return token(Token.Kind.SYMBOL, "<=>", start);
            }
            if (List.of("<=", ">=", "<>", "!=", ":=", "||", "&&", "<<", ">>").contains(two)) {
                pos++;
                return token(Token.Kind.SYMBOL, two, start);
            }
        }
        return token(Token.Kind.SYMBOL, String.valueOf(c), start);
    }

    private Token number(int start) {
        while (pos < sql.length() && Character.isDigit(sql.charAt(pos))) {
            pos++;
        }
        if (pos < sql.length() && sql.charAt(pos) == '.') {
            pos++;
            while (pos < sql.length() && Character.isDigit(sql.charAt(pos))) {
                pos++;
            }
        }
        if (pos < sql.length() && (sql.charAt(pos) == 'e' || sql.charAt(pos) == 'E')) {
            int e = pos + 1;
            if (e < sql.length() && (sql.charAt(e) == '+' || sql.charAt(e) == '-')) {
                e++;
            }
            if (e < sql.length() && Character.isDigit(sql.charAt(e))) {
                pos = e;
                while (pos < sql.length() && Character.isDigit(sql.charAt(pos))) {
                    pos++;
                }
            }
        }
        if (pos < sql.length() && isWordStart(sql.charAt(pos)) && sql.substring(start, pos).matches("\\d+")) {
            while (pos < sql.length() && isWordChar(sql.charAt(pos))) { // 1abc is a name in MySQL
                pos++;
            }
            return token(Token.Kind.IDENT, sql.substring(start, pos), start);
        }
        return token(Token.Kind.NUMBER, sql.substring(start, pos), start);
    }

    private Token backQuoted(int start) throws ParseException {
        StringBuilder name = new StringBuilder();
        pos++;
        while (pos < sql.length()) {
            char c = sql.charAt(pos++);
            if (c == '`') {
                if (pos < sql.length() && sql.charAt(pos) == '`') {
                    name.append('`');
                    pos++;
                } else {
                    return new Token(Token.Kind.IDENT, name.toString(), start, pos, true);
                }
            } else {
                name.append(c);
            }
        }
        throw new ParseException(start);
    }

    private Token variable(int start) throws ParseException {
        if (pos + 1 < sql.length() && sql.charAt(pos + 1) == '@') {
            pos += 2;
            // The name must follow @@ at once: "@@ GLOBAL.x" is a syntax error quoted from the space.
            if (pos >= sql.length() || !isWordChar(sql.charAt(pos)) && sql.charAt(pos) != '`') {
                throw new ParseException(pos);
            }
            if (sql.charAt(pos) == '`') {
                Token name = backQuoted(pos);
                return token(Token.Kind.SYSVAR, name.text(), start);
            }
            int nameStart = pos;
            while (pos < sql.length() && isWordChar(sql.charAt(pos))) {
                pos++;
            }
            return token(Token.Kind.SYSVAR, sql.substring(nameStart, pos), start);
        }
        pos++;
        if (pos < sql.length() && (sql.charAt(pos) == '\'' || sql.charAt(pos) == '"')) {
            return token(Token.Kind.USERVAR, quoted(sql.charAt(pos)), start);
        }
        if (pos < sql.length() && sql.charAt(pos) == '`') {
            return token(Token.Kind.USERVAR, backQuoted(pos).text(), start);
        }
        int nameStart = pos;
        while (pos < sql.length() && (isWordChar(sql.charAt(pos)) || sql.charAt(pos) == '.')) {
            pos++;
        }
        if (pos == nameStart) {
            throw new ParseException(start);
        }
        return token(Token.Kind.USERVAR, sql.substring(nameStart, pos), start);
    }

    private String quoted(char quote) throws ParseException {
        int start = pos;
        StringBuilder text = new StringBuilder();
        pos++;
        while (pos < sql.length()) {
            char c = sql.charAt(pos++);
            if (c == '\\' && pos < sql.length()) {
                char e = sql.charAt(pos++);
                switch (e) {
                    case 'n' -> text.append('\n');
                    case 't' -> text.append('\t');
                    case 'r' -> text.append('\r');
                    case '0' -> text.append('\0');
                    case 'Z' -> text.append('\u001a');
                    case '%', '_' -> text.append('\\').append(e); // MySQL keeps \% and \_ for LIKE
                    default -> text.append(e);
                }
            } else if (c == quote) {
                if (pos < sql.length() && sql.charAt(pos) == quote) {
                    text.append(quote);
                    pos++;
                } else {
                    return text.toString();
                }
            } else {
                text.append(c);
            }
        }
        throw new ParseException(start); // unterminated string
    }

    private Token bitsOrHex(boolean hex, int start) throws ParseException {
        int close = sql.indexOf('\'', pos + 2);
        if (close < 0) {
            throw new ParseException(start);
        }
        String digits = sql.substring(pos + 2, close);
        pos = close + 1;
        if (hex) {
            if (!digits.matches("[0-9a-fA-F]*") || digits.length() % 2 != 0) {
                throw new ParseException(start);
            }
            return token(Token.Kind.STRING, hexText(digits), start);
        }
        if (!digits.matches("[01]*")) {
            throw new ParseException(start);
        }
        StringBuilder bytes = new StringBuilder();
        java.math.BigInteger v = digits.isEmpty() ? java.math.BigInteger.ZERO : new java.math.BigInteger(digits, 2);
        for (byte b : v.toByteArray()) {
            if (b != 0 || bytes.length() > 0) {
                bytes.append((char) (b & 0xff));
            }
        }
        return token(Token.Kind.STRING, bytes.toString(), start);
    }

    private static String hexText(String hex) {
        String h = hex.length() % 2 == 0 ? hex : "0" + hex;
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < h.length(); i += 2) {
            out.append((char) Integer.parseInt(h.substring(i, i + 2), 16));
        }
        return out.toString();
    }

    private void skipSpaceAndComments() {
        while (pos < sql.length()) {
            char c = sql.charAt(pos);
            if (Character.isWhitespace(c)) {
                pos++;
            } else if (c == '#' || c == '-' && sql.startsWith("--", pos)
                    && (pos + 2 >= sql.length() || sql.charAt(pos + 2) <= ' ')) {
                while (pos < sql.length() && sql.charAt(pos) != '\n') {
                    pos++;
                }
            } else if (executableDepth > 0 && sql.startsWith("*/", pos)) {
                executableDepth--;
                pos += 2;
            } else if (sql.startsWith("/*", pos)) {
                comment();
            } else {
                return;
            }
        }
    }

    /** At {@code /*}: an executable comment that runs is entered; anything else is skipped to its end. */
    private void comment() {
        boolean mariadb = sql.startsWith("/*M!", pos);
        boolean executable = sql.startsWith("/*!", pos) || mariadb && rules.mariadbMarker();
        if (executable) {
            int digitsStart = pos + (mariadb ? 4 : 3);
            int n = 0;
            while (n < rules.maxDigits() && digitsStart + n < sql.length() && Character.isDigit(sql.charAt(digitsStart + n))) {
                n++;
            }
            boolean versioned = n >= 5;
            if (!versioned) {
                n = 0; // fewer than five digits: no version, and they are part of the SQL
            }
            if (!versioned || rules.runs(Long.parseLong(sql.substring(digitsStart, digitsStart + n)), mariadb)) {
                pos = digitsStart + n;
                executableDepth++;
                return;
            }
        }
        int end = sql.indexOf("*/", pos + 2);
        pos = end < 0 ? sql.length() : end + 2;
    }

    private static boolean isHex(char c) {
        return Character.digit(c, 16) >= 0;
    }

    private static boolean isWordStart(char c) {
        return Character.isLetter(c) || c == '_' || c == '$' || c > 127;
    }

    private static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$' || c > 127;
    }
}
