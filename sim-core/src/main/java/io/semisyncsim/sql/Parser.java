package io.semisyncsim.sql;

import io.semisyncsim.sql.Statement.Scope;
import io.semisyncsim.sql.Statement.Threads;
import io.semisyncsim.sysvar.Input;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A recursive-descent parser for the SQL the manual, the scenarios and MySQL's own replication tests
 * use. A statement outside this grammar is a {@link ParseException}: a syntax error at the first token
 * that does not fit (the server's 1064, quoting the statement from that token on), or, for a
 * statement or clause a real server takes and the simulator does not model, an "unsupported" one.
 */
public final class Parser {
    /** Words that end an expression or a select item: never read as a column or an alias. */
    private static final Set<String> RESERVED = Set.of("FROM", "WHERE", "ORDER", "LIMIT", "INTO", "GROUP", "HAVING",
            "UNION", "AND", "OR", "NOT", "XOR", "IS", "IN", "BETWEEN", "LIKE", "AS", "ON", "JOIN", "INNER", "LEFT",
            "RIGHT", "CROSS", "STRAIGHT_JOIN", "NATURAL", "FOR", "LOCK", "WINDOW", "SELECT", "SET", "VALUES", "VALUE",
            "DESC", "ASC", "BY", "NULL", "TRUE", "FALSE", "CASE", "WHEN", "THEN", "ELSE", "DEFAULT", "DIV", "MOD",
            "REGEXP", "RLIKE", "ESCAPE", "INTERVAL", "EXISTS", "DISTINCT", "ALL", "OFFSET", "USING", "END",
            "PRIMARY", "KEY", "UNIQUE", "CONSTRAINT", "FOREIGN", "REFERENCES", "CHECK", "INDEX", "TO", "WITH");

    /**
     * Statements a real server accepts that the simulator does not model: their first word (and for
     * some, the second) names them in the unsupported-statement error.
     */
    private static final Set<String> KNOWN_STATEMENTS = Set.of("ANALYZE", "BINLOG", "CACHE", "CALL", "CHECK",
            "CHECKSUM", "CLONE", "DEALLOCATE", "DESCRIBE", "DESC", "DO", "EXECUTE", "EXPLAIN", "GET", "HANDLER", "HELP",
            "IMPORT", "LOAD", "LOCK", "OPTIMIZE", "PREPARE", "PURGE", "RELEASE", "RENAME", "REPAIR",
            "RESIGNAL", "RESTART", "SAVEPOINT", "SIGNAL", "TABLE", "UNLOCK", "VALUES", "WITH", "XA",
            "BACKUP", "CHECKPOINT");

    private final String sql;
    private final List<Token> tokens;
    private final Dialect dialect;
    private int i;

    private Parser(String sql, List<Token> tokens, Dialect dialect) {
        this.sql = sql;
        this.tokens = tokens;
        this.dialect = dialect;
    }

    /** Parses one statement (a trailing {@code ;} is allowed). */
    public static Statement parse(String sql, Dialect dialect) throws ParseException {
        Parser p = new Parser(sql, Lexer.tokens(sql, dialect), dialect);
        if (p.peek().kind() == Token.Kind.END || p.peek().isSymbol(";") && p.tokens.get(1).kind() == Token.Kind.END) {
            return new Statement.Empty();
        }
        Statement s = p.statement();
        if (p.peek().isSymbol(";")) {
            p.i++;
        }
        if (p.peek().kind() != Token.Kind.END) {
            throw p.error();
        }
        return s;
    }

    /**
     * Splits a script as the mysql client does: at {@code ;}, {@code \g} and {@code \G} outside quotes and
     * comments ({@code /* *}{@code /}, {@code -- }, {@code #}). A statement ended by {@code \G} keeps it,
     * asking for vertical output. Pieces that are blank, or only ordinary comments, are dropped (the
     * client sends nothing for them); an executable comment is sent.
     */
    public static List<String> split(String script) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        int k = 0;
        while (k < script.length()) {
            char c = script.charAt(k);
            if (c == '\'' || c == '"' || c == '`') {
                int end = k + 1;
                while (end < script.length() && script.charAt(end) != c) {
                    end += script.charAt(end) == '\\' && c != '`' ? 2 : 1;
                }
                end = Math.min(end + 1, script.length());
                current.append(script, k, end);
                k = end;
            } else if (script.startsWith("/*", k)) {
                int end = script.indexOf("*/", k + 2);
                end = end < 0 ? script.length() : end + 2;
                current.append(script, k, end);
                k = end;
            } else if (c == '#' || c == '-' && script.startsWith("--", k)
                    && (k + 2 >= script.length() || script.charAt(k + 2) <= ' ')) {
                int end = script.indexOf('\n', k);
                end = end < 0 ? script.length() : end;
                current.append(script, k, end);
                k = end;
            } else if (c == ';' || c == '\\' && k + 1 < script.length()
                    && (script.charAt(k + 1) == 'g' || script.charAt(k + 1) == 'G')) {
                boolean vertical = c == '\\' && script.charAt(k + 1) == 'G';
                addIfNotBlank(out, current, vertical);
                current.setLength(0);
                k += c == ';' ? 1 : 2;
            } else {
                current.append(c);
                k++;
            }
        }
        addIfNotBlank(out, current, false);
        return out;
    }

    private static void addIfNotBlank(List<String> out, StringBuilder s, boolean vertical) {
        String text = s.toString().strip();
        if (!withoutOrdinaryComments(text).isBlank()) {
            out.add(vertical ? text + "\\G" : text);
        }
    }

    /** The text without {@code /* *}{@code /}, {@code -- } and {@code #} comments (executable ones stay). */
    static String withoutOrdinaryComments(String text) {
        StringBuilder out = new StringBuilder();
        int k = 0;
        while (k < text.length()) {
            if (text.startsWith("/*", k) && !text.startsWith("/*!", k) && !text.startsWith("/*M!", k)) {
                int end = text.indexOf("*/", k + 2);
                k = end < 0 ? text.length() : end + 2;
            } else if (text.charAt(k) == '#' || text.startsWith("--", k)
                    && (k + 2 >= text.length() || text.charAt(k + 2) <= ' ')) {
                int end = text.indexOf('\n', k);
                k = end < 0 ? text.length() : end;
            } else {
                out.append(text.charAt(k++));
            }
        }
        return out.toString();
    }

    /** Whether the text ends inside a {@code -- } or {@code #} comment (a {@code ;} after it would be commented out). */
    public static boolean endsInLineComment(String text) {
        int k = 0;
        boolean inLineComment = false;
        while (k < text.length()) {
            char c = text.charAt(k);
            if (inLineComment) {
                inLineComment = c != '\n';
                k++;
            } else if (c == '\'' || c == '"' || c == '`') {
                int end = k + 1;
                while (end < text.length() && text.charAt(end) != c) {
                    end += text.charAt(end) == '\\' && c != '`' ? 2 : 1;
                }
                k = end + 1;
            } else if (text.startsWith("/*", k)) {
                int end = text.indexOf("*/", k + 2);
                k = end < 0 ? text.length() : end + 2;
            } else if (c == '#' || text.startsWith("--", k) && (k + 2 >= text.length() || text.charAt(k + 2) <= ' ')) {
                inLineComment = true;
                k++;
            } else {
                k++;
            }
        }
        return inLineComment;
    }

    /** A statement ended by {@code \G} (the client's vertical output). */
    public static boolean isVertical(String statement) {
        return statement.stripTrailing().endsWith("\\G");
    }

    /** The statement without a trailing {@code \G} or {@code ;}, as the client sends it. */
    public static String withoutTerminator(String statement) {
        String s = statement.strip();
        if (s.endsWith("\\G") || s.endsWith("\\g")) {
            s = s.substring(0, s.length() - 2).strip();
        }
        while (s.endsWith(";")) {
            s = s.substring(0, s.length() - 1).strip();
        }
        return s;
    }

    private Statement statement() throws ParseException {
        Token t = peek();
        if (t.kind() != Token.Kind.IDENT || t.quoted()) {
            throw error();
        }
        return switch (t.upper()) {
            case "INSTALL" -> install();
            case "UNINSTALL" -> uninstall();
            case "SET" -> set();
            case "SELECT" -> select();
            case "DO" -> {
                next();
                List<Expr> expressions = new ArrayList<>();
                do {
                    expressions.add(expression());
                } while (acceptSymbol(","));
                yield new Statement.Do(expressions);
            }
            case "SHOW" -> show();
            case "FLUSH" -> flush();
            case "START", "STOP" -> startStop();
            case "CHANGE" -> change();
            case "RESET" -> reset();
            case "PURGE" -> purge();
            case "KILL" -> kill();
            case "SHUTDOWN" -> {
                next();
                if (peek().kind() == Token.Kind.IDENT) {
                    throw unsupportedClause(peek().upper()); // MariaDB's SHUTDOWN WAIT FOR ALL SLAVES
                }
                yield new Statement.Shutdown();
            }
            case "BEGIN" -> {
                next();
                acceptWord("WORK");
                yield new Statement.Begin();
            }
            case "COMMIT" -> {
                next();
                acceptWord("WORK");
                if (peek().isWord("AND") || peek().isWord("NO") || peek().isWord("RELEASE")) {
                    throw unsupportedClause(peek().isWord("AND") ? "AND CHAIN" : peek().upper()); // completion
                }
                yield new Statement.Commit();
            }
            case "ROLLBACK" -> {
                next();
                acceptWord("WORK");
                if (peek().isWord("TO")) {
                    throw unsupported("ROLLBACK TO SAVEPOINT");
                }
                yield new Statement.Rollback();
            }
            case "INSERT", "REPLACE" -> insert();
            case "UPDATE" -> update();
            case "DELETE" -> delete();
            case "CREATE" -> create();
            case "DROP" -> drop();
            case "ALTER" -> alter();
            case "TRUNCATE" -> truncate();
            case "USE" -> {
                next();
                yield new Statement.Use(identifier());
            }
            case "GRANT" -> grant(false);
            case "REVOKE" -> grant(true);
            default -> throw KNOWN_STATEMENTS.contains(t.upper()) ? unsupportedStatement() : error();
        };
    }

    // --- errors

    private ParseException error() {
        return new ParseException(peek().start());
    }

    /** The statement at the start is one the simulator does not model: named by its first words. */
    private ParseException unsupportedStatement() {
        String first = tokens.get(0).upper();
        Token second = tokens.get(1);
        boolean twoWords = second.kind() == Token.Kind.IDENT && !second.quoted() && Set.of("ALTER", "CREATE", "DROP",
                "SHOW", "FLUSH", "LOCK", "UNLOCK", "LOAD", "SET", "RESET", "START", "STOP", "GRANT", "REVOKE", "INSTALL",
                "UNINSTALL", "CHECK", "PURGE", "RENAME").contains(first);
        return ParseException.unsupported(tokens.get(0).start(), twoWords ? first + " " + second.upper() : first);
    }

    /** The next word names a kind of object a real server has (CREATE INDEX): not modelled; else a syntax error. */
    private ParseException unsupportedOrError(Set<String> objects) {
        return peek().kind() == Token.Kind.IDENT && objects.contains(peek().upper()) ? unsupportedStatement() : error();
    }

    private ParseException unsupported(String what) {
        return ParseException.unsupported(peek().start(), what);
    }

    /** A clause of this statement that the simulator does not model. */
    private ParseException unsupportedClause(String clause) {
        return ParseException.unsupported(peek().start(), tokens.get(0).upper(), clause);
    }

    // --- plugins

    private Statement install() throws ParseException {
        expectWord("INSTALL");
        if (!peek().isWord("PLUGIN")) {
            throw unsupportedOrError(Set.of("COMPONENT", "SONAME"));
        }
        next();
        String name = identifier();
        expectWord("SONAME");
        return new Statement.InstallPlugin(name, string());
    }

    private Statement uninstall() throws ParseException {
        expectWord("UNINSTALL");
        if (!peek().isWord("PLUGIN")) {
            throw unsupportedOrError(Set.of("COMPONENT", "SONAME"));
        }
        next();
        return new Statement.UninstallPlugin(identifier());
    }

    // --- SET

    private Statement set() throws ParseException {
        expectWord("SET");
        if (peek().isWord("NAMES") || peek().isWord("CHARACTER") || peek().isWord("CHARSET")) {
            return setNames();
        }
        if (peek().isWord("PASSWORD") || peek().isWord("TRANSACTION") || peek().isWord("ROLE")
                || peek().isWord("DEFAULT") && tokens.get(i + 1).isWord("ROLE")) {
            throw unsupportedStatement();
        }
        if ((peek().isWord("SESSION") || peek().isWord("GLOBAL") || peek().isWord("LOCAL"))
                && tokens.get(i + 1).isWord("TRANSACTION")) {
            throw unsupported("SET " + peek().upper() + " TRANSACTION");
        }
        List<Statement.SetItem> items = new ArrayList<>();
        Scope scope = Scope.DEFAULT;
        do {
            if (peek().kind() == Token.Kind.USERVAR) {
                String name = next().text();
                assignmentOperator();
                items.add(new Statement.UserAssignment(name, expression()));
                continue;
            }
            Scope keyword = scopeKeyword();
            if (keyword != null) {
                scope = keyword;
            }
            Scope itemScope = scope;
            String name;
            if (keyword != null && peek().kind() == Token.Kind.SYSVAR) {
                throw error(); // SET GLOBAL @@x: a scope word takes a plain name (sql_yacc.yy option_type)
            }
            if (peek().kind() == Token.Kind.SYSVAR) {
                Scope[] written = new Scope[1];
                name = systemVariableName(written);
                if (written[0] != Scope.DEFAULT) {
                    itemScope = written[0];
                } else if (keyword == null) {
                    itemScope = Scope.SESSION;
                }
            } else {
                name = identifier();
            }
            assignmentOperator();
            items.add(systemAssignment(itemScope, name));
        } while (acceptSymbol(","));
        return new Statement.SetVariables(items);
    }

    /** SET NAMES / CHARACTER SET: the model has no character sets; the statement is taken as a no-op. */
    private Statement setNames() throws ParseException {
        if (acceptWord("CHARACTER")) {
            expectWord("SET");
        } else {
            next();
        }
        if (peek().kind() != Token.Kind.IDENT && peek().kind() != Token.Kind.STRING) {
            throw error();
        }
        next();
        if (acceptWord("COLLATE")) {
            if (peek().kind() != Token.Kind.IDENT && peek().kind() != Token.Kind.STRING) {
                throw error();
            }
            next();
        }
        return new Statement.SetVariables(List.of());
    }

    private void assignmentOperator() throws ParseException {
        if (!acceptSymbol("=") && !acceptSymbol(":=")) {
            throw error();
        }
    }

    /**
     * The value of a system variable: a bare word (ON, AFTER_SYNC) is text, DEFAULT is null, a literal
     * is taken as is, anything else an expression the server computes ({@code 10000--1}).
     */
    private Statement.Assignment systemAssignment(Scope scope, String name) throws ParseException {
        Token t = peek();
        Token after = tokens.get(i + 1);
        boolean alone = after.kind() == Token.Kind.END || after.isSymbol(",") || after.isSymbol(";");
        // A bare word (ON, AFTER_SYNC) is the value itself; what follows it, if not an operator, is the error.
        if (t.kind() == Token.Kind.IDENT && (alone || after.kind() != Token.Kind.SYMBOL)) {
            next();
            return new Statement.Assignment(scope, name, t.isWord("DEFAULT") ? null : new Input.Text(t.text()));
        }
        if (alone && t.kind() == Token.Kind.STRING) {
            next();
            return new Statement.Assignment(scope, name, new Input.Text(t.text()));
        }
        if (alone && t.kind() == Token.Kind.NUMBER) {
            next();
            return new Statement.Assignment(scope, name, number(t.text()));
        }
        if (t.isSymbol("-") && after.kind() == Token.Kind.NUMBER) {
            Token third = tokens.get(i + 2);
            if (third.kind() == Token.Kind.END || third.isSymbol(",") || third.isSymbol(";")) {
                i += 2;
                return new Statement.Assignment(scope, name, number("-" + after.text()));
            }
        }
        Expr e = expression();
        return new Statement.Assignment(scope, name, null, e);
    }

    private Scope scopeKeyword() {
        Token t = peek();
        if (t.kind() != Token.Kind.IDENT || t.quoted()) {
            return null;
        }
        Scope s = switch (t.upper()) {
            case "GLOBAL" -> Scope.GLOBAL;
            case "SESSION", "LOCAL" -> Scope.SESSION;
            case "PERSIST" -> dialect.persist() ? Scope.PERSIST : null;
            case "PERSIST_ONLY" -> dialect.persist() ? Scope.PERSIST_ONLY : null;
            default -> null;
        };
        Token after = tokens.get(i + 1);
        if (s != null && !after.isSymbol("=") && !after.isSymbol(":=")) { // `SET global = 1` names a variable
            i++;
            return s;
        }
        return null;
    }

    /**
     * {@code @@name}, or {@code @@scope.name} where whitespace may stand around the dot (the server's
     * lexer allows {@code @@GLOBAL. name} and {@code @@GLOBAL .name}); the scope written goes to
     * {@code scope[0]} (DEFAULT when none).
     */
    private String systemVariableName(Scope[] scope) throws ParseException {
        Token var = next();
        scope[0] = Scope.DEFAULT;
        if (peek().isSymbol(".")) {
            Scope s = switch (var.upper()) {
                case "GLOBAL" -> Scope.GLOBAL;
                case "SESSION", "LOCAL" -> Scope.SESSION;
                case "PERSIST" -> dialect.persist() ? Scope.PERSIST : null;
                case "PERSIST_ONLY" -> dialect.persist() ? Scope.PERSIST_ONLY : null;
                default -> null;
            };
            if (s == null) {
                throw error();
            }
            next();
            if (peek().kind() != Token.Kind.IDENT) {
                throw error();
            }
            scope[0] = s;
            return next().text();
        }
        return var.text();
    }

    private static Input number(String text) {
        if (text.matches("-?\\d+")) {
            return new Input.Whole(new BigInteger(text));
        }
        return new Input.Decimal(text);
    }

    // --- SELECT

    private Statement select() throws ParseException {
        expectWord("SELECT");
        boolean calcFoundRows = false;
        boolean distinct = false;
        while (true) {
            if (acceptWord("SQL_CALC_FOUND_ROWS")) {
                calcFoundRows = true;
            } else if (acceptWord("DISTINCT") || acceptWord("DISTINCTROW")) {
                distinct = true;
            } else if (!(acceptWord("ALL") || acceptWord("SQL_NO_CACHE") || acceptWord("SQL_CACHE")
                    || acceptWord("HIGH_PRIORITY") || acceptWord("STRAIGHT_JOIN") || acceptWord("SQL_SMALL_RESULT")
                    || acceptWord("SQL_BIG_RESULT") || acceptWord("SQL_BUFFER_RESULT"))) {
                break;
            }
        }
        List<Statement.SelectItem> items = new ArrayList<>();
        do {
            items.add(selectItem());
        } while (acceptSymbol(","));
        List<String> into = into();
        Statement.TableRef from = null;
        String alias = null;
        Expr where = null;
        List<Statement.Order> orderBy = List.of();
        Long[] limit = {null, 0L};
        if (acceptWord("FROM")) {
            if (acceptWord("DUAL")) {
                from = null;
            } else {
                if (peek().isSymbol("(")) {
                    throw unsupportedClause("a derived table");
                }
                from = tableRef();
                if (acceptWord("AS")) {
                    alias = identifier();
                } else if (peek().kind() == Token.Kind.IDENT && !RESERVED.contains(peek().upper())) {
                    alias = identifier();
                }
                if (peek().isSymbol(",") || peek().isWord("JOIN") || peek().isWord("INNER") || peek().isWord("LEFT")
                        || peek().isWord("RIGHT") || peek().isWord("CROSS") || peek().isWord("NATURAL")
                        || peek().isWord("STRAIGHT_JOIN")) {
                    throw unsupportedClause("JOIN");
                }
            }
            if (acceptWord("WHERE")) {
                where = expression();
            }
        }
        List<Expr> groupBy = new ArrayList<>();
        Expr having = null;
        if (acceptWord("GROUP")) {
            expectWord("BY");
            do {
                groupBy.add(expression());
                if (peek().isWord("ASC") || peek().isWord("DESC")) {
                    throw unsupportedClause("GROUP BY ... " + peek().upper());
                }
            } while (acceptSymbol(","));
            if (peek().isWord("WITH")) {
                throw unsupportedClause("WITH ROLLUP");
            }
        }
        if (acceptWord("HAVING")) {
            if (groupBy.isEmpty()) {
                i--;
                throw unsupportedClause("HAVING without GROUP BY");
            }
            having = expression();
        }
        if (peek().isWord("WINDOW")) {
            throw unsupportedClause("WINDOW");
        }
        if (acceptWord("ORDER")) {
            expectWord("BY");
            orderBy = orderList();
        }
        if (acceptWord("LIMIT")) {
            limit = limit(true);
        }
        if (peek().isWord("UNION")) {
            throw unsupportedClause("UNION");
        }
        Statement.ForUpdate forUpdate = null;
        if (peek().isWord("FOR") || peek().isWord("LOCK")) {
            // shared locks and SKIP LOCKED are not modelled: an honest 9000, not a read without its locks
            if (acceptWord("LOCK")) {
                throw unsupportedClause("LOCK IN SHARE MODE");
            }
            expectWord("FOR");
            if (peek().isWord("SHARE")) {
                throw unsupportedClause("FOR SHARE");
            }
            expectWord("UPDATE");
            boolean nowait = acceptWord("NOWAIT");
            if (peek().isWord("SKIP")) {
                throw unsupportedClause("SKIP LOCKED");
            }
            forUpdate = new Statement.ForUpdate(nowait);
        }
        if (into.isEmpty()) {
            into = into();
        }
        return new Statement.Select(items, distinct, from, alias, where, orderBy, limit[0], limit[1], into,
                calcFoundRows, groupBy, having, forUpdate);
    }

    private List<String> into() throws ParseException {
        List<String> into = new ArrayList<>();
        if (acceptWord("INTO")) {
            if (peek().kind() != Token.Kind.USERVAR) {
                throw unsupportedClause("INTO " + peek().upper());
            }
            do {
                if (peek().kind() != Token.Kind.USERVAR) {
                    throw error();
                }
                into.add(next().text());
            } while (acceptSymbol(","));
        }
        return into;
    }

    private Statement.SelectItem selectItem() throws ParseException {
        if (acceptSymbol("*")) {
            return new Statement.SelectItem(null, null, "");
        }
        if (peek().kind() == Token.Kind.IDENT && tokens.get(i + 1).isSymbol(".") && tokens.get(i + 2).isSymbol("*")) {
            String table = next().text();
            i += 2;
            return new Statement.SelectItem(null, null, table);
        }
        Expr e = expression();
        String alias = null;
        if (acceptWord("AS")) {
            alias = peek().kind() == Token.Kind.STRING ? string() : identifier();
        } else if (peek().kind() == Token.Kind.STRING
                || peek().kind() == Token.Kind.IDENT && (peek().quoted() || !RESERVED.contains(peek().upper()))) {
            alias = peek().kind() == Token.Kind.STRING ? string() : identifier();
        }
        return new Statement.SelectItem(e, alias, null);
    }

    private List<Statement.Order> orderList() throws ParseException {
        List<Statement.Order> out = new ArrayList<>();
        do {
            Expr e = expression();
            boolean desc = false;
            if (acceptWord("DESC")) {
                desc = true;
            } else {
                acceptWord("ASC");
            }
            out.add(new Statement.Order(e, desc));
        } while (acceptSymbol(","));
        return out;
    }

    /** LIMIT n, LIMIT m, n, LIMIT n OFFSET m: {limit, offset}. */
    private Long[] limit(boolean offsetAllowed) throws ParseException {
        long first = count();
        if (offsetAllowed && acceptSymbol(",")) {
            return new Long[] {count(), first};
        }
        if (offsetAllowed && acceptWord("OFFSET")) {
            return new Long[] {first, count()};
        }
        return new Long[] {first, 0L};
    }

    private long count() throws ParseException {
        Token t = peek();
        if (t.kind() != Token.Kind.NUMBER || !t.text().matches("\\d{1,18}")) {
            throw error();
        }
        next();
        return Long.parseLong(t.text());
    }

    // --- expressions (MySQL's operator precedence, lowest first)

    /** An expression, as SELECT, WHERE, SET @x and VALUES take it. */
    public Expr expression() throws ParseException {
        return or();
    }

    private String textFrom(int startToken) {
        Token first = tokens.get(startToken);
        Token last = tokens.get(Math.max(startToken, i - 1));
        return sql.substring(first.start(), Math.max(first.start(), last.end()));
    }

    private Expr or() throws ParseException {
        int start = i;
        Expr left = xor();
        while (peek().isWord("OR") || peek().isSymbol("||")) {
            next();
            Expr right = xor();
            left = new Expr.Binary("OR", left, right, textFrom(start));
        }
        return left;
    }

    private Expr xor() throws ParseException {
        int start = i;
        Expr left = and();
        while (acceptWord("XOR")) {
            Expr right = and();
            left = new Expr.Binary("XOR", left, right, textFrom(start));
        }
        return left;
    }

    private Expr and() throws ParseException {
        int start = i;
        Expr left = not();
        while (peek().isWord("AND") || peek().isSymbol("&&")) {
            next();
            Expr right = not();
            left = new Expr.Binary("AND", left, right, textFrom(start));
        }
        return left;
    }

    private Expr not() throws ParseException {
        int start = i;
        if (acceptWord("NOT")) {
            Expr operand = not();
            return new Expr.Unary("NOT", operand, textFrom(start));
        }
        return predicate();
    }

    private Expr predicate() throws ParseException {
        int start = i;
        Expr left = additive();
        while (true) {
            if (acceptWord("IS")) {
                boolean not = acceptWord("NOT");
                if (acceptWord("NULL")) {
                    left = new Expr.IsNull(left, not, textFrom(start));
                } else if (acceptWord("TRUE")) {
                    left = new Expr.IsBoolean(left, true, not, textFrom(start));
                } else if (acceptWord("FALSE")) {
                    left = new Expr.IsBoolean(left, false, not, textFrom(start));
                } else {
                    throw error();
                }
                continue;
            }
            boolean not = false;
            if (peek().isWord("NOT") && (tokens.get(i + 1).isWord("IN") || tokens.get(i + 1).isWord("BETWEEN")
                    || tokens.get(i + 1).isWord("LIKE") || tokens.get(i + 1).isWord("REGEXP")
                    || tokens.get(i + 1).isWord("RLIKE"))) {
                next();
                not = true;
            }
            if (acceptWord("IN")) {
                expectSymbol("(");
                if (peek().isWord("SELECT")) {
                    throw unsupportedClause("a subquery");
                }
                List<Expr> list = new ArrayList<>();
                do {
                    list.add(expression());
                } while (acceptSymbol(","));
                expectSymbol(")");
                left = new Expr.In(left, list, not, textFrom(start));
            } else if (acceptWord("BETWEEN")) {
                Expr low = additive();
                expectWord("AND");
                Expr high = additive();
                left = new Expr.Between(left, low, high, not, textFrom(start));
            } else if (acceptWord("LIKE")) {
                Expr pattern = additive();
                if (peek().isWord("ESCAPE")) {
                    throw unsupportedClause("LIKE ... ESCAPE");
                }
                left = new Expr.Like(left, pattern, not, textFrom(start));
            } else if (peek().isWord("REGEXP") || peek().isWord("RLIKE")) {
                throw unsupportedClause("REGEXP");
            } else if (not) {
                throw error();
            } else if (isComparison(peek())) {
                String op = next().text();
                if (peek().isWord("ANY") || peek().isWord("ALL") || peek().isWord("SOME")) {
                    throw unsupportedClause("a subquery");
                }
                Expr right = additive();
                left = new Expr.Binary(op.equals("!=") ? "<>" : op, left, right, textFrom(start));
            } else {
                return left;
            }
        }
    }

    private static boolean isComparison(Token t) {
        return t.kind() == Token.Kind.SYMBOL && Set.of("=", "<=>", "<>", "!=", "<", "<=", ">", ">=").contains(t.text());
    }

    private Expr additive() throws ParseException {
        int start = i;
        Expr left = multiplicative();
        while (peek().isSymbol("+") || peek().isSymbol("-")) {
            String op = next().text();
            Expr right = multiplicative();
            left = new Expr.Binary(op, left, right, textFrom(start));
        }
        return left;
    }

    private Expr multiplicative() throws ParseException {
        int start = i;
        Expr left = unary();
        while (peek().isSymbol("*") || peek().isSymbol("/") || peek().isSymbol("%") || peek().isWord("DIV")
                || peek().isWord("MOD")) {
            String op = next().upper();
            Expr right = unary();
            left = new Expr.Binary(op.equals("MOD") ? "%" : op, left, right, textFrom(start));
        }
        return left;
    }

    private Expr unary() throws ParseException {
        int start = i;
        if (peek().isSymbol("-") || peek().isSymbol("+") || peek().isSymbol("!") || peek().isSymbol("~")) {
            String op = next().text();
            Expr operand = unary();
            if (op.equals("-") && operand instanceof Expr.Literal l && l.value() != null && !(l.value() instanceof String)) {
                return new Expr.Literal(negate(l.value()), textFrom(start)); // -5 is a literal, as MySQL folds it
            }
            return new Expr.Unary(op.equals("!") ? "NOT" : op, operand, textFrom(start));
        }
        return primary();
    }

    private static Object negate(Object v) {
        if (v instanceof Long l) {
            return l == Long.MIN_VALUE ? BigInteger.valueOf(l).negate() : -l;
        }
        if (v instanceof BigInteger b) {
            BigInteger n = b.negate();
            return n.bitLength() < 64 ? (Object) n.longValue() : n;
        }
        if (v instanceof BigDecimal d) {
            return d.negate();
        }
        return -(Double) v;
    }

    private Expr primary() throws ParseException {
        int start = i;
        Token t = peek();
        switch (t.kind()) {
            case NUMBER -> {
                next();
                return new Expr.Literal(numberValue(t.text()), t.text());
            }
            case STRING -> {
                StringBuilder s = new StringBuilder(next().text());
                while (peek().kind() == Token.Kind.STRING) { // 'a' 'b' is 'ab'
                    s.append(next().text());
                }
                return new Expr.Literal(s.toString(), s.toString());
            }
            case USERVAR -> {
                next();
                if (peek().isSymbol(":=")) {
                    throw unsupportedClause("@var := in an expression");
                }
                return new Expr.UserVariable(t.text(), textFrom(start));
            }
            case SYSVAR -> {
                Scope[] scope = new Scope[1];
                String name = systemVariableName(scope);
                return new Expr.SystemVariable(scope[0], name, textFrom(start));
            }
            case SYMBOL -> {
                if (t.isSymbol("(")) {
                    next();
                    if (peek().isWord("SELECT")) {
                        throw unsupportedClause("a subquery");
                    }
                    Expr inner = expression();
                    if (peek().isSymbol(",")) {
                        throw unsupportedClause("a row constructor");
                    }
                    expectSymbol(")");
                    return inner instanceof Expr.Literal l ? new Expr.Literal(l.value(), textFrom(start)) : inner;
                }
                throw error();
            }
            case IDENT -> {
                return identifierExpression(start);
            }
            default -> throw error();
        }
    }

    private Expr identifierExpression(int start) throws ParseException {
        Token t = next();
        String word = t.upper();
        if (!t.quoted()) {
            switch (word) {
                case "NULL" -> {
                    return new Expr.Literal(null, "NULL");
                }
                case "TRUE" -> {
                    return new Expr.Literal(1L, t.text());
                }
                case "FALSE" -> {
                    return new Expr.Literal(0L, t.text());
                }
                case "CASE" -> {
                    return caseExpression(start);
                }
                case "EXISTS" -> {
                    i--;
                    throw unsupportedClause(word);
                }
                case "INTERVAL" -> {
                    return interval(start);
                }
                case "BINARY" -> { // BINARY expr: CAST(expr AS BINARY), binding as a unary operator does
                    if (!peek().isSymbol(")") && !peek().isSymbol(",") && peek().kind() != Token.Kind.END) {
                        Expr operand = unary();
                        Expr type = new Expr.Literal(new Expr.CastType("BINARY", null, null), "BINARY");
                        return new Expr.Function("CAST", List.of(operand, type), false, false, textFrom(start));
                    }
                }
                case "DEFAULT" -> {
                    if (!peek().isSymbol("(")) {
                        return new Expr.Function("DEFAULT", List.of(), false, false, t.text());
                    }
                }
                case "VALUES", "VALUE" -> { // VALUES(col) in ON DUPLICATE KEY UPDATE (MariaDB also VALUE(col))
                    if (peek().isSymbol("(") && !(word.equals("VALUE") && dialect.persist())) {
                        return functionCall("VALUES", start);
                    }
                }
                case "CURRENT_TIMESTAMP", "LOCALTIME", "LOCALTIMESTAMP", "CURRENT_DATE", "CURRENT_TIME",
                        "CURRENT_USER", "UTC_TIMESTAMP" -> {
                    if (!peek().isSymbol("(")) {
                        return new Expr.Function(word, List.of(), false, false, textFrom(start));
                    }
                }
                default -> {
                }
            }
        }
        if (peek().isSymbol("(") && !t.quoted()) {
            return functionCall(word, start);
        }
        if (!t.quoted() && dialect.reservedWords().contains(word)) {
            i--;
            throw error(); // a reserved word as a column: ORDER, RANK (8.0)... only back-quoted
        }
        if (acceptSymbol(".")) {
            if (peek().kind() != Token.Kind.IDENT) {
                throw error();
            }
            String second = next().text();
            if (acceptSymbol(".")) { // db.table.column: the database is not needed to find the column
                if (peek().kind() != Token.Kind.IDENT) {
                    throw error();
                }
                return new Expr.Column(second, next().text(), textFrom(start));
            }
            return new Expr.Column(t.text(), second, textFrom(start));
        }
        return new Expr.Column(null, t.text(), textFrom(start));
    }

    /**
     * CAST(x AS type), CONVERT(x, type) and CONVERT(x USING charset), as a CAST function whose second argument
     * is the {@link Expr.CastType} (sql_yacc.yy cast_type); USING keeps the string as it is, for the
     * character sets the model's strings are in.
     */
    private Expr cast(String name, int start) throws ParseException {
        expectSymbol("(");
        Expr value = expression();
        if (name.equals("CONVERT") && acceptWord("USING")) {
            Token charset = next();
            if (!Set.of("UTF8MB4", "UTF8", "UTF8MB3", "LATIN1").contains(charset.upper())) {
                i--;
                throw unsupportedClause("USING " + charset.text());
            }
            expectSymbol(")");
            Expr asText = new Expr.Literal(new Expr.CastType("CHAR", null, null), charset.text());
            return new Expr.Function("CAST", List.of(value, asText), false, false, textFrom(start));
        }
        if (name.equals("CAST")) {
            expectWord("AS");
        } else {
            expectSymbol(",");
        }
        int typeStart = i;
        Token t = next();
        String kind = switch (t.upper()) {
            case "SIGNED", "INT", "INTEGER" -> "SIGNED";
            case "UNSIGNED" -> "UNSIGNED";
            case "CHAR", "NCHAR", "VARCHAR" -> "CHAR";
            case "BINARY" -> "BINARY";
            case "DECIMAL", "DEC", "NUMERIC" -> "DECIMAL";
            case "DOUBLE", "REAL" -> "DOUBLE";
            case "DATE" -> "DATE";
            case "DATETIME" -> "DATETIME";
            case "TIME" -> "TIME";
            default -> null;
        };
        if (kind == null) {
            i--;
            throw t.upper().equals("FLOAT") || t.upper().equals("JSON") || t.upper().equals("YEAR")
                    || t.upper().equals("INTERVAL") ? unsupportedClause("CAST AS " + t.upper()) : error();
        }
        if (kind.equals("SIGNED") || kind.equals("UNSIGNED")) {
            if (!acceptWord("INTEGER")) {
                acceptWord("INT");
            }
        }
        if (kind.equals("DOUBLE")) {
            acceptWord("PRECISION");
        }
        Integer length = null;
        Integer scale = null;
        if (!kind.equals("SIGNED") && !kind.equals("UNSIGNED") && !kind.equals("DOUBLE") && !kind.equals("DATE")
                && acceptSymbol("(")) {
            length = (int) count();
            if (kind.equals("DECIMAL") && acceptSymbol(",")) {
                scale = (int) count();
            }
            expectSymbol(")");
        }
        if (kind.equals("CHAR") && (peek().isWord("CHARACTER") || peek().isWord("CHARSET"))) {
            throw unsupportedClause("a CAST's character set");
        }
        expectSymbol(")");
        Expr type = new Expr.Literal(new Expr.CastType(kind, length, scale), textFrom(typeStart));
        return new Expr.Function("CAST", List.of(value, type), false, false, textFrom(start));
    }

    private Expr functionCall(String name, int start) throws ParseException {
        if (name.equals("CAST") || name.equals("CONVERT")) {
            return cast(name, start);
        }
        expectSymbol("(");
        boolean star = false;
        boolean distinct = false;
        List<Expr> args = new ArrayList<>();
        if (name.equals("TIMESTAMPDIFF") || name.equals("TIMESTAMPADD")) { // (unit, ...): the unit is a word
            Token unit = next();
            if (!INTERVAL_UNITS.contains(unit.upper())) {
                i--;
                throw error();
            }
            args.add(new Expr.Literal(unit.upper(), unit.text()));
            expectSymbol(",");
        }
        if (acceptSymbol("*")) {
            star = true;
        } else if (!peek().isSymbol(")")) {
            if (acceptWord("DISTINCT")) {
                distinct = true;
            } else {
                acceptWord("ALL");
            }
            do {
                args.add(expression());
            } while (acceptSymbol(","));
        }
        expectSymbol(")");
        if (peek().isWord("OVER")) {
            throw unsupportedClause("a window function");
        }
        if ((name.equals("DATE_ADD") || name.equals("DATE_SUB"))
                && (args.size() != 2 || !(args.get(1) instanceof Expr.Interval))) {
            i--;
            throw error(); // DATE_ADD(d, INTERVAL n unit): the grammar's, not a count (1064)
        }
        return new Expr.Function(name, args, star, distinct, textFrom(start));
    }

    private static final Set<String> INTERVAL_UNITS = Set.of("MICROSECOND", "SECOND", "MINUTE", "HOUR", "DAY",
            "WEEK", "MONTH", "QUARTER", "YEAR");

    /** {@code INTERVAL expr unit}: one unit; the compound ones (HOUR_MINUTE and the like) are not modelled. */
    private Expr interval(int start) throws ParseException {
        Expr amount = additive();
        Token unit = next();
        String name = unit.upper();
        if (!INTERVAL_UNITS.contains(name)) {
            if (unit.kind() == Token.Kind.IDENT && name.contains("_")) {
                i--;
                throw unsupportedClause("INTERVAL ... " + name);
            }
            i--;
            throw error();
        }
        return new Expr.Interval(amount, name, textFrom(start));
    }

    private Expr caseExpression(int start) throws ParseException {
        Expr value = peek().isWord("WHEN") ? null : expression();
        List<Expr> when = new ArrayList<>();
        List<Expr> then = new ArrayList<>();
        while (acceptWord("WHEN")) {
            when.add(expression());
            expectWord("THEN");
            then.add(expression());
        }
        if (when.isEmpty()) {
            throw error();
        }
        Expr otherwise = acceptWord("ELSE") ? expression() : null;
        expectWord("END");
        return new Expr.Case(value, when, then, otherwise, textFrom(start));
    }

    private static Object numberValue(String text) {
        if (text.matches("\\d+")) {
            BigInteger b = new BigInteger(text);
            return b.bitLength() < 64 ? (Object) b.longValue() : b.bitLength() <= 64 ? b : new BigDecimal(b);
        }
        if (text.contains("e") || text.contains("E")) {
            return Double.parseDouble(text);
        }
        return new BigDecimal(text.endsWith(".") ? text.substring(0, text.length() - 1) : text);
    }

    // --- DML

    private Statement.TableRef tableRef() throws ParseException {
        String name = identifier();
        if (acceptSymbol(".")) {
            return new Statement.TableRef(name, word());
        }
        return new Statement.TableRef(null, name);
    }

    private Statement insert() throws ParseException {
        boolean replace = acceptWord("REPLACE");
        if (!replace) {
            expectWord("INSERT");
        }
        boolean ignore = false;
        while (true) {
            if (!replace && acceptWord("IGNORE")) {
                ignore = true;
            } else if (!(acceptWord("LOW_PRIORITY") || acceptWord("DELAYED") || !replace && acceptWord("HIGH_PRIORITY"))) {
                break;
            }
        }
        acceptWord("INTO");
        Statement.TableRef table = tableRef();
        List<String> columns = null;
        List<List<Expr>> rows = new ArrayList<>();
        if (acceptWord("SET")) {
            columns = new ArrayList<>();
            List<Expr> row = new ArrayList<>();
            do {
                columns.add(columnName());
                assignmentOperator();
                row.add(expression());
            } while (acceptSymbol(","));
            rows.add(row);
        } else {
            if (peek().isSymbol("(") && !tokens.get(i + 1).isWord("SELECT")) {
                next();
                columns = new ArrayList<>();
                if (!peek().isSymbol(")")) {
                    do {
                        columns.add(columnName());
                    } while (acceptSymbol(","));
                }
                expectSymbol(")");
            }
            if (peek().isSymbol("(") || peek().isWord("TABLE")) {
                throw unsupportedClause("INSERT ... (SELECT ...) or TABLE");
            }
            if (peek().isWord("SELECT")) {
                if (!(select() instanceof Statement.Select query) || !query.into().isEmpty()) {
                    throw unsupportedClause("INSERT ... SELECT ... INTO");
                }
                return insertTail(table, columns, rows, ignore, replace, query);
            }
            if (!acceptWord("VALUES")) {
                expectWord("VALUE");
            }
            do {
                expectSymbol("(");
                List<Expr> row = new ArrayList<>();
                if (!peek().isSymbol(")")) {
                    do {
                        row.add(expression());
                    } while (acceptSymbol(","));
                }
                expectSymbol(")");
                rows.add(row);
            } while (acceptSymbol(","));
        }
        if (peek().isWord("AS") && dialect.persist()) { // MySQL 8.0.19's row alias; MariaDB has none (1064)
            throw unsupportedClause("a row alias (AS)");
        }
        return insertTail(table, columns, rows, ignore, replace, null);
    }

    /** What may follow an INSERT's values or its SELECT: ON DUPLICATE KEY UPDATE. */
    private Statement insertTail(Statement.TableRef table, List<String> columns, List<List<Expr>> rows, boolean ignore,
                                 boolean replace, Statement.Select select) throws ParseException {
        List<Statement.ColumnAssignment> onDuplicate = new ArrayList<>();
        if (!replace && acceptWord("ON")) {
            expectWord("DUPLICATE");
            expectWord("KEY");
            expectWord("UPDATE");
            do {
                String column = columnName();
                assignmentOperator();
                onDuplicate.add(new Statement.ColumnAssignment(column, expression()));
            } while (acceptSymbol(","));
        }
        return new Statement.Insert(table, columns, rows, ignore, replace, onDuplicate, select);
    }

    /** A column name, possibly qualified ({@code t.c}): the qualifier is not needed in a one-table statement. */
    private String columnName() throws ParseException {
        String name = identifier();
        while (acceptSymbol(".")) {
            name = word(); // after a dot any word is a name (the lexer's IDENT_SEP state)
        }
        return name;
    }

    private Statement update() throws ParseException {
        expectWord("UPDATE");
        acceptWord("LOW_PRIORITY");
        boolean ignore = acceptWord("IGNORE");
        Statement.TableRef table = tableRef();
        if (peek().isSymbol(",") || peek().isWord("JOIN")) {
            throw unsupportedClause("a multiple-table UPDATE");
        }
        if (peek().kind() == Token.Kind.IDENT && !peek().isWord("SET")) {
            next(); // a table alias
        }
        expectWord("SET");
        List<Statement.ColumnAssignment> set = new ArrayList<>();
        do {
            String column = columnName();
            assignmentOperator();
            set.add(new Statement.ColumnAssignment(column, expression()));
        } while (acceptSymbol(","));
        Expr where = acceptWord("WHERE") ? expression() : null;
        List<Statement.Order> orderBy = List.of();
        if (acceptWord("ORDER")) {
            expectWord("BY");
            orderBy = orderList();
        }
        Long limit = acceptWord("LIMIT") ? limit(false)[0] : null;
        return new Statement.Update(table, set, where, orderBy, limit, ignore);
    }

    private Statement delete() throws ParseException {
        expectWord("DELETE");
        while (acceptWord("LOW_PRIORITY") || acceptWord("QUICK")) {
            // accepted: no effect in the model
        }
        if (acceptWord("IGNORE")) {
            throw unsupportedClause("IGNORE");
        }
        if (!peek().isWord("FROM")) {
            throw unsupportedClause("a multiple-table DELETE");
        }
        next();
        Statement.TableRef table = tableRef();
        if (peek().isSymbol(",") || peek().isWord("USING") || peek().isWord("JOIN")) {
            throw unsupportedClause("a multiple-table DELETE");
        }
        Expr where = acceptWord("WHERE") ? expression() : null;
        List<Statement.Order> orderBy = List.of();
        if (acceptWord("ORDER")) {
            expectWord("BY");
            orderBy = orderList();
        }
        Long limit = acceptWord("LIMIT") ? limit(false)[0] : null;
        return new Statement.Delete(table, where, orderBy, limit);
    }

    // --- DDL

    private Statement create() throws ParseException {
        expectWord("CREATE");
        if (acceptWord("DATABASE") || acceptWord("SCHEMA")) {
            boolean ifNotExists = ifNotExists();
            String name = identifier();
            databaseOptions();
            return new Statement.CreateDatabase(name, ifNotExists);
        }
        if (acceptWord("USER")) {
            return createUser();
        }
        if (peek().isWord("TEMPORARY")) {
            throw unsupportedStatement();
        }
        if (peek().isWord("INDEX") || peek().isWord("UNIQUE") && tokens.get(i + 1).isWord("INDEX")) {
            return createIndex();
        }
        if (!peek().isWord("TABLE")) {
            throw unsupportedOrError(Set.of("INDEX", "UNIQUE", "FULLTEXT", "SPATIAL", "VIEW", "PROCEDURE", "FUNCTION",
                    "TRIGGER", "EVENT", "ROLE", "SERVER", "TABLESPACE", "LOGFILE", "RESOURCE", "DEFINER", "ALGORITHM",
                    "SQL", "OR", "AGGREGATE", "SEQUENCE", "UNDO"));
        }
        next();
        boolean ifNotExists = ifNotExists();
        Statement.TableRef table = tableRef();
        if (acceptWord("LIKE")) {
            return new Statement.CreateTable(table, ifNotExists, List.of(), List.of(), List.of(), Map.of(), tableRef());
        }
        if (peek().isSymbol("(") && tokens.get(i + 1).isWord("LIKE")) {
            i += 2;
            Statement.TableRef like = tableRef();
            expectSymbol(")");
            return new Statement.CreateTable(table, ifNotExists, List.of(), List.of(), List.of(), Map.of(), like);
        }
        if (peek().isWord("SELECT") || peek().isWord("AS")) {
            throw unsupportedClause("CREATE TABLE ... SELECT");
        }
        expectSymbol("(");
        List<Statement.ColumnSpec> columns = new ArrayList<>();
        List<List<String>> primaryKeys = new ArrayList<>();
        List<Statement.IndexSpec> indexes = new ArrayList<>();
        Map<String, String> options = new LinkedHashMap<>();
        do {
            if (peek().isWord("PRIMARY") || peek().isWord("CONSTRAINT") && tokens.get(i + 2).isWord("PRIMARY")
                    || peek().isWord("CONSTRAINT") && tokens.get(i + 1).isWord("PRIMARY")) {
                if (acceptWord("CONSTRAINT") && !peek().isWord("PRIMARY")) {
                    identifier();
                }
                expectWord("PRIMARY");
                expectWord("KEY");
                primaryKeys.add(keyColumns());
            } else if (peek().isWord("KEY") || peek().isWord("INDEX") || peek().isWord("UNIQUE")
                    || peek().isWord("CONSTRAINT") && (tokens.get(i + 1).isWord("UNIQUE") || tokens.get(i + 2).isWord("UNIQUE"))) {
                indexes.add(indexSpec());
            } else if (peek().isWord("FOREIGN") || peek().isWord("CONSTRAINT")
                    || peek().isWord("FULLTEXT") || peek().isWord("SPATIAL") || peek().isWord("CHECK")) {
                throw unsupportedClause(peek().upper() + " constraints");
            } else {
                Statement.ColumnSpec column = columnSpec();
                columns.add(column);
                if (column.unique()) { // the column's own key takes its place among the keys as written
                    indexes.add(new Statement.IndexSpec(null, List.of(column.name()), true));
                }
            }
        } while (acceptSymbol(","));
        expectSymbol(")");
        tableOptions(options);
        if (peek().isWord("PARTITION")) {
            throw unsupportedClause("PARTITION");
        }
        if (peek().isWord("SELECT") || peek().isWord("AS")) {
            throw unsupportedClause("CREATE TABLE ... SELECT");
        }
        return new Statement.CreateTable(table, ifNotExists, columns, primaryKeys, indexes, options, null);
    }

    /** CREATE [UNIQUE] INDEX name ON t (columns): ALTER TABLE t ADD [UNIQUE] INDEX name, with the INDEX privilege. */
    private Statement createIndex() throws ParseException {
        boolean unique = acceptWord("UNIQUE");
        expectWord("INDEX");
        String name = identifier();
        if (acceptWord("USING")) {
            word(); // BTREE or HASH: InnoDB's indexes are B-trees either way
        }
        expectWord("ON");
        Statement.TableRef table = tableRef();
        Statement.IndexSpec spec = new Statement.IndexSpec(name, keyColumns(), unique);
        return new Statement.AlterTable(table, List.of(new Statement.AddIndex(spec)), "INDEX");
    }

    /**
     * {@code [CONSTRAINT [symbol]] UNIQUE [KEY | INDEX] [name] (columns)} or {@code {KEY | INDEX} [name]
     * (columns)}: a unique key without a name of its own takes the constraint's.
     */
    private Statement.IndexSpec indexSpec() throws ParseException {
        String symbol = null;
        if (acceptWord("CONSTRAINT")) {
            symbol = peek().isWord("UNIQUE") ? null : identifier();
        }
        boolean unique = acceptWord("UNIQUE");
        if (!acceptWord("KEY") && !acceptWord("INDEX") && !unique) {
            throw error();
        }
        String name = peek().kind() == Token.Kind.IDENT && !peek().isWord("USING") ? identifier() : symbol;
        return new Statement.IndexSpec(name, keyColumns(), unique);
    }

    private List<String> keyColumns() throws ParseException {
        acceptWord("USING");
        expectSymbol("(");
        List<String> out = new ArrayList<>();
        do {
            out.add(identifier());
            if (peek().isSymbol("(")) { // a prefix length: the key would hold the first characters only
                throw unsupportedClause("a column prefix in a key");
            }
            if (!acceptWord("ASC")) {
                acceptWord("DESC");
            }
        } while (acceptSymbol(","));
        expectSymbol(")");
        return out;
    }

    /** ENGINE=x, [DEFAULT] CHARSET=x, COLLATE=x, COMMENT='x', AUTO_INCREMENT=n, ROW_FORMAT=x: kept by name. */
    private void tableOptions(Map<String, String> options) throws ParseException {
        while (peek().kind() == Token.Kind.IDENT && !peek().isWord("PARTITION") && !peek().isWord("SELECT")
                && !peek().isWord("AS")) {
            acceptWord("DEFAULT");
            String name = next().upper();
            if (name.equals("CHARACTER")) {
                expectWord("SET");
                name = "CHARSET";
            }
            acceptSymbol("=");
            Token v = next();
            if (v.kind() != Token.Kind.IDENT && v.kind() != Token.Kind.STRING && v.kind() != Token.Kind.NUMBER) {
                i--;
                throw error();
            }
            options.put(name, v.text());
            acceptSymbol(",");
        }
    }

    private void databaseOptions() throws ParseException {
        while (peek().kind() == Token.Kind.IDENT) {
            acceptWord("DEFAULT");
            String name = next().upper();
            if (name.equals("CHARACTER")) {
                expectWord("SET");
            } else if (!name.equals("CHARSET") && !name.equals("COLLATE") && !name.equals("ENCRYPTION")) {
                i--;
                throw error();
            }
            acceptSymbol("=");
            next();
        }
    }

    private Statement.ColumnSpec columnSpec() throws ParseException {
        String name = identifier();
        Statement.TypeSpec type = typeSpec();
        Boolean nullable = null;
        Expr defaultValue = null;
        boolean autoIncrement = false;
        boolean primaryKey = false;
        boolean unique = false;
        boolean onUpdateNow = false;
        String comment = null;
        while (true) {
            if (acceptWord("NOT")) {
                expectWord("NULL");
                nullable = false;
            } else if (acceptWord("NULL")) {
                nullable = true;
            } else if (acceptWord("DEFAULT")) {
                defaultValue = defaultExpression();
            } else if (acceptWord("AUTO_INCREMENT")) {
                autoIncrement = true;
            } else if (acceptWord("PRIMARY")) {
                expectWord("KEY");
                primaryKey = true;
            } else if (peek().isWord("KEY")) {
                next();
                primaryKey = true; // a bare KEY in a column definition is PRIMARY KEY
            } else if (acceptWord("UNIQUE")) {
                acceptWord("KEY");
                unique = true;
            } else if (peek().isWord("REFERENCES") || peek().isWord("CHECK")
                    || peek().isWord("GENERATED") || peek().isWord("AS")) {
                throw unsupportedClause(peek().upper() + " in a column definition");
            } else if (acceptWord("ON")) {
                expectWord("UPDATE");
                Expr now = defaultExpression();
                if (!(now instanceof Expr.Function f && isNow(f.name()))) {
                    throw error();
                }
                onUpdateNow = true;
            } else if (acceptWord("COMMENT")) {
                comment = string();
            } else if (acceptWord("CHARACTER")) {
                expectWord("SET");
                word();
            } else if (acceptWord("CHARSET") || acceptWord("COLLATE")) {
                word();
            } else {
                break;
            }
        }
        return new Statement.ColumnSpec(name, type, nullable, defaultValue, autoIncrement, primaryKey, unique,
                onUpdateNow, comment);
    }

    static boolean isNow(String function) {
        return Set.of("NOW", "CURRENT_TIMESTAMP", "LOCALTIME", "LOCALTIMESTAMP").contains(function);
    }

    /** A DEFAULT: a literal (with an optional sign), NULL, CURRENT_TIMESTAMP[()] or NOW(), or (expr). */
    private Expr defaultExpression() throws ParseException {
        Token t = peek();
        if (t.kind() == Token.Kind.IDENT && !t.quoted()) {
            String w = t.upper();
            if (w.equals("NULL") || w.equals("TRUE") || w.equals("FALSE") || isNow(w)) {
                return primary();
            }
            throw error();
        }
        if (t.isSymbol("(")) {
            throw unsupportedClause("an expression default");
        }
        return unary();
    }

    private Statement.TypeSpec typeSpec() throws ParseException {
        Token t = peek();
        if (t.kind() != Token.Kind.IDENT || t.quoted()) {
            throw error();
        }
        String name = next().upper();
        if (name.equals("DOUBLE") && peek().isWord("PRECISION")) {
            next();
        }
        if (name.equals("CHARACTER") || name.equals("NATIONAL")) {
            if (acceptWord("VARYING")) {
                name = "VARCHAR";
            } else {
                name = "CHAR";
            }
        }
        List<Integer> args = new ArrayList<>();
        List<String> values = new ArrayList<>();
        if (acceptSymbol("(")) {
            do {
                Token n = next();
                if (n.kind() == Token.Kind.STRING) { // ENUM('a', 'b')
                    values.add(n.text());
                    continue;
                }
                if (n.kind() != Token.Kind.NUMBER || !n.text().matches("\\d{1,9}")) {
                    i--;
                    throw error();
                }
                args.add(Integer.parseInt(n.text()));
            } while (acceptSymbol(","));
            expectSymbol(")");
        }
        boolean unsigned = false;
        while (true) {
            if (acceptWord("UNSIGNED")) {
                unsigned = true;
            } else if (!acceptWord("SIGNED") && !acceptWord("ZEROFILL") && !acceptWord("BINARY")) {
                break;
            }
        }
        return new Statement.TypeSpec(name, args, unsigned, values);
    }

    private boolean ifNotExists() throws ParseException {
        if (acceptWord("IF")) {
            expectWord("NOT");
            expectWord("EXISTS");
            return true;
        }
        return false;
    }

    private boolean ifExists() throws ParseException {
        if (acceptWord("IF")) {
            expectWord("EXISTS");
            return true;
        }
        return false;
    }

    private Statement drop() throws ParseException {
        expectWord("DROP");
        if (acceptWord("DATABASE") || acceptWord("SCHEMA")) {
            boolean ifExists = ifExists();
            return new Statement.DropDatabase(identifier(), ifExists);
        }
        if (acceptWord("USER")) {
            boolean ifExists = ifExists();
            List<Statement.UserName> users = new ArrayList<>();
            do {
                users.add(userName());
            } while (acceptSymbol(","));
            return new Statement.DropUser(users, ifExists);
        }
        if (peek().isWord("TEMPORARY")) {
            throw unsupportedStatement();
        }
        if (acceptWord("INDEX")) { // DROP INDEX name ON t: ALTER TABLE t DROP INDEX name, as sql_yacc.yy builds it
            if (peek().text().equalsIgnoreCase("PRIMARY")) {
                throw unsupportedClause("DROP PRIMARY KEY");
            }
            String name = identifier();
            expectWord("ON");
            return new Statement.AlterTable(tableRef(), List.of(new Statement.DropIndex(name)), "INDEX");
        }
        if (!acceptWord("TABLE") && !acceptWord("TABLES")) {
            throw unsupportedOrError(Set.of("INDEX", "VIEW", "PROCEDURE", "FUNCTION", "TRIGGER", "EVENT", "ROLE",
                    "SERVER", "TABLESPACE", "LOGFILE", "RESOURCE", "SPATIAL", "PREPARE", "SEQUENCE", "UNDO"));
        }
        boolean ifExists = ifExists();
        List<Statement.TableRef> tables = new ArrayList<>();
        do {
            tables.add(tableRef());
        } while (acceptSymbol(","));
        if (!acceptWord("RESTRICT")) {
            acceptWord("CASCADE");
        }
        return new Statement.DropTable(tables, ifExists);
    }

    private Statement alter() throws ParseException {
        expectWord("ALTER");
        if (!peek().isWord("TABLE")) {
            throw unsupportedOrError(Set.of("USER", "DATABASE", "SCHEMA", "VIEW", "EVENT", "FUNCTION", "PROCEDURE",
                    "SERVER", "TABLESPACE", "LOGFILE", "INSTANCE", "RESOURCE", "UNDO", "SEQUENCE", "ONLINE", "IGNORE",
                    "DEFINER", "ALGORITHM", "SQL"));
        }
        next();
        Statement.TableRef table = tableRef();
        List<Statement.AlterAction> actions = new ArrayList<>();
        do {
            if (acceptWord("ADD")) {
                if (peek().isWord("INDEX") || peek().isWord("KEY") || peek().isWord("UNIQUE")
                        || peek().isWord("CONSTRAINT") && (tokens.get(i + 1).isWord("UNIQUE") || tokens.get(i + 2).isWord("UNIQUE"))) {
                    actions.add(new Statement.AddIndex(indexSpec()));
                    continue;
                }
                if (peek().isWord("PRIMARY") || peek().isWord("CONSTRAINT") || peek().isWord("FOREIGN")
                        || peek().isWord("FULLTEXT") || peek().isWord("SPATIAL")) {
                    throw unsupportedClause("ADD " + peek().upper());
                }
                acceptWord("COLUMN");
                if (peek().isSymbol("(")) {
                    throw unsupportedClause("ADD COLUMN (...)");
                }
                Statement.ColumnSpec column = columnSpec();
                String after = null;
                if (acceptWord("FIRST")) {
                    after = "";
                } else if (acceptWord("AFTER")) {
                    after = identifier();
                }
                actions.add(new Statement.AddColumn(column, after));
            } else if (acceptWord("DROP")) {
                if (acceptWord("INDEX") || acceptWord("KEY")) {
                    if (peek().text().equalsIgnoreCase("PRIMARY")) {
                        throw unsupportedClause("DROP PRIMARY KEY");
                    }
                    actions.add(new Statement.DropIndex(identifier()));
                    continue;
                }
                if (peek().isWord("PRIMARY") || peek().isWord("FOREIGN")
                        || peek().isWord("CONSTRAINT") || peek().isWord("CHECK")) {
                    throw unsupportedClause("DROP " + peek().upper());
                }
                acceptWord("COLUMN");
                actions.add(new Statement.DropColumn(identifier()));
            } else if (acceptWord("AUTO_INCREMENT")) {
                acceptSymbol("=");
                actions.add(new Statement.SetAutoIncrement(count()));
            } else if (peek().kind() == Token.Kind.IDENT) {
                throw unsupportedClause(peek().upper());
            } else {
                throw error();
            }
        } while (acceptSymbol(","));
        return new Statement.AlterTable(table, actions);
    }

    private Statement truncate() throws ParseException {
        expectWord("TRUNCATE");
        acceptWord("TABLE");
        return new Statement.Truncate(tableRef());
    }

    // --- accounts

    /** {@code user}, {@code 'user'}, {@code user@host}, {@code 'user'@'host'}, or CURRENT_USER[()]. */
    private Statement.UserName userName() throws ParseException {
        Token t = peek();
        if (t.isWord("CURRENT_USER")) {
            next();
            if (acceptSymbol("(")) {
                expectSymbol(")");
            }
            return new Statement.UserName(null, null, true);
        }
        String user;
        if (t.kind() == Token.Kind.STRING || t.kind() == Token.Kind.IDENT) {
            user = next().text();
        } else {
            throw error();
        }
        String host = "%";
        if (peek().kind() == Token.Kind.USERVAR && peek().start() == tokens.get(i - 1).end()) {
            host = next().text();
        }
        return new Statement.UserName(user, host, false);
    }

    private Statement.UserSpec userSpec() throws ParseException {
        Statement.UserName name = userName();
        String password = null;
        if (acceptWord("IDENTIFIED")) {
            if (acceptWord("BY")) {
                acceptWord("PASSWORD");
                password = string();
            } else if (acceptWord("WITH")) {
                word();
                if (acceptWord("BY") || acceptWord("AS") || acceptWord("USING")) {
                    password = string();
                }
            } else {
                throw error();
            }
        }
        return new Statement.UserSpec(name, password);
    }

    private Statement createUser() throws ParseException {
        boolean ifNotExists = ifNotExists();
        List<Statement.UserSpec> users = new ArrayList<>();
        do {
            users.add(userSpec());
        } while (acceptSymbol(","));
        if (peek().kind() == Token.Kind.IDENT) {
            throw unsupportedClause(peek().upper() + " options");
        }
        return new Statement.CreateUser(users, ifNotExists);
    }

    private Statement grant(boolean revoke) throws ParseException {
        next();
        List<String> privileges = new ArrayList<>();
        boolean grantOptionRevoked = false;
        do {
            StringBuilder p = new StringBuilder();
            while (peek().kind() == Token.Kind.IDENT && !peek().isWord("ON") && !peek().isWord("TO")
                    && !peek().isWord("FROM")) {
                if (p.length() > 0) {
                    p.append(' ');
                }
                p.append(next().upper());
            }
            if (peek().isSymbol("(")) {
                throw unsupportedClause("column privileges");
            }
            if (p.length() == 0) {
                throw error();
            }
            String privilege = p.toString();
            if (privilege.equals("ALL PRIVILEGES")) {
                privilege = "ALL";
            }
            if (revoke && privilege.equals("GRANT OPTION")) {
                grantOptionRevoked = true;
            } else {
                privileges.add(privilege);
            }
        } while (acceptSymbol(","));
        if (!peek().isWord("ON")) {
            throw peek().isWord("TO") || peek().isWord("FROM") ? unsupportedClause("roles") : error();
        }
        next();
        if (acceptWord("TABLE")) {
            // GRANT ... ON TABLE t: the same as ON t
        } else if (peek().isWord("PROCEDURE") || peek().isWord("FUNCTION")) {
            throw unsupportedClause("routine privileges");
        }
        Statement.GrantLevel level;
        boolean currentDb = false;
        if (acceptSymbol("*")) {
            if (acceptSymbol(".")) {
                expectSymbol("*");
                level = new Statement.GrantLevel(null, null);
            } else {
                level = new Statement.GrantLevel("", null);
                currentDb = true;
            }
        } else {
            String first = identifier();
            if (acceptSymbol(".")) {
                level = acceptSymbol("*") ? new Statement.GrantLevel(first, null)
                        : new Statement.GrantLevel(first, identifier());
            } else {
                level = new Statement.GrantLevel("", first);
                currentDb = true;
            }
        }
        if (revoke) {
            expectWord("FROM");
        } else {
            expectWord("TO");
        }
        List<Statement.UserSpec> users = new ArrayList<>();
        do {
            users.add(revoke ? new Statement.UserSpec(userName(), null) : userSpec());
        } while (acceptSymbol(","));
        boolean grantOption = grantOptionRevoked;
        if (!revoke && acceptWord("WITH")) {
            if (acceptWord("GRANT")) {
                expectWord("OPTION");
                grantOption = true;
            } else {
                throw unsupportedClause("WITH " + peek().upper());
            }
        }
        if (!revoke && peek().kind() == Token.Kind.IDENT) {
            throw unsupportedClause(peek().upper() + " options");
        }
        return new Statement.Grant(revoke, privileges, level, currentDb, users, grantOption);
    }

    // --- SHOW

    private Statement show() throws ParseException {
        expectWord("SHOW");
        if (acceptWord("PLUGINS")) {
            return new Statement.ShowPlugins();
        }
        if (peek().isWord("PROCESSLIST") || peek().isWord("FULL") && tokens.get(i + 1).isWord("PROCESSLIST")) {
            boolean full = acceptWord("FULL");
            expectWord("PROCESSLIST");
            return new Statement.ShowProcesslist(full);
        }
        if (peek().isWord("WARNINGS") || peek().isWord("ERRORS")) {
            boolean errors = next().isWord("ERRORS");
            Long[] limit = {null, 0L};
            if (acceptWord("LIMIT")) {
                limit = limit(true);
            }
            return new Statement.ShowWarnings(errors, false, limit[0], limit[1]);
        }
        if (peek().isWord("COUNT")) {
            next();
            expectSymbol("(");
            expectSymbol("*");
            expectSymbol(")");
            if (!peek().isWord("WARNINGS") && !peek().isWord("ERRORS")) {
                throw error();
            }
            return new Statement.ShowWarnings(next().isWord("ERRORS"), true, null, 0);
        }
        if (acceptWord("DATABASES") || acceptWord("SCHEMAS")) {
            return new Statement.ShowDatabases(like());
        }
        if (peek().isWord("FULL") && tokens.get(i + 1).isWord("TABLES") || peek().isWord("TABLES")) {
            boolean full = acceptWord("FULL");
            next();
            String db = null;
            if (acceptWord("FROM") || acceptWord("IN")) {
                db = identifier();
            }
            return new Statement.ShowTables(db, full, like());
        }
        if (peek().isWord("CREATE")) {
            next();
            if (acceptWord("TABLE")) {
                return new Statement.ShowCreateTable(tableRef());
            }
            if (acceptWord("DATABASE") || acceptWord("SCHEMA")) {
                ifNotExists();
                return new Statement.ShowCreateDatabase(identifier());
            }
            i--;
            throw unsupportedNamed("SHOW CREATE");
        }
        if (acceptWord("GRANTS")) {
            Statement.UserName user = null;
            if (acceptWord("FOR")) {
                user = userName();
                if (peek().isWord("USING")) {
                    throw unsupportedClause("USING");
                }
            }
            return new Statement.ShowGrants(user);
        }
        if (peek().isWord("SLAVE") && dialect.legacyReplicationSyntax() && tokens.get(i + 1).isWord("STATUS")
                || peek().isWord("REPLICA") && dialect.replicaKeyword() && tokens.get(i + 1).isWord("STATUS")) {
            boolean newNames = next().isWord("REPLICA");
            expectWord("STATUS");
            return new Statement.ShowReplicaStatus(newNames);
        }
        if (peek().isWord("BINARY") && tokens.get(i + 1).isWord("LOGS")
                || peek().isWord("MASTER") && tokens.get(i + 1).isWord("LOGS") && dialect.legacyReplicationSyntax()) {
            i += 2;
            return new Statement.ShowBinaryLogs();
        }
        // SHOW SLAVE HOSTS; MariaDB spells it SHOW REPLICA HOSTS too (measured on 10.11.18), MySQL 8 does not
        if (peek().isWord("SLAVE") && dialect.legacyReplicationSyntax() && tokens.get(i + 1).isWord("HOSTS")
                || peek().isWord("REPLICA") && tokens.get(i + 1).isWord("HOSTS") && dialect.replicaKeyword()
                && !dialect.changeReplicationSource()) {
            i += 2;
            return new Statement.ShowReplicaHosts();
        }
        if (peek().isWord("BINLOG") && tokens.get(i + 1).isWord("EVENTS")
                || peek().isWord("RELAYLOG") && (tokens.get(i + 1).isWord("EVENTS")
                || tokens.get(i + 1).kind() == Token.Kind.STRING && dialect.replicaKeyword()
                        && !dialect.changeReplicationSource())) {
            boolean relay = next().isWord("RELAYLOG");
            if (peek().kind() == Token.Kind.STRING) { // MariaDB's SHOW RELAYLOG 'connection' EVENTS
                throw unsupportedNamed("SHOW RELAYLOG EVENTS of a named connection");
            }
            expectWord("EVENTS");
            String file = acceptWord("IN") ? string() : null;
            long from = acceptWord("FROM") ? count() : 4;
            Long[] limit = acceptWord("LIMIT") ? limit(true) : new Long[] {null, 0L};
            if (relay && peek().isWord("FOR") && tokens.get(i + 1).isWord("CHANNEL")) {
                throw unsupportedNamed("SHOW RELAYLOG EVENTS FOR CHANNEL"); // the model has one unnamed channel
            }
            return new Statement.ShowBinlogEvents(relay, file, from, limit[1], limit[0]);
        }
        if (peek().isWord("MASTER") && dialect.legacyReplicationSyntax() && tokens.get(i + 1).isWord("STATUS")) {
            i += 2;
            return new Statement.ShowSourceStatus();
        }
        if (peek().isWord("BINARY") && dialect.binaryLogStatus() && tokens.get(i + 1).isWord("LOG")) {
            i += 2;
            expectWord("STATUS");
            return new Statement.ShowSourceStatus();
        }
        if (peek().isWord("BINLOG") && dialect.binlogStatus() && tokens.get(i + 1).isWord("STATUS")) {
            i += 2;
            return new Statement.ShowSourceStatus();
        }
        int scopeAt = i;
        Scope scope = Scope.DEFAULT;
        if (acceptWord("GLOBAL")) {
            scope = Scope.GLOBAL;
        } else if (acceptWord("SESSION") || acceptWord("LOCAL")) {
            scope = Scope.SESSION;
        }
        boolean status;
        if (acceptWord("VARIABLES")) {
            status = false;
        } else if (acceptWord("STATUS")) {
            status = true;
        } else {
            i = scopeAt;
            throw showNotModelled();
        }
        if (peek().isWord("WHERE")) {
            throw unsupportedClause("WHERE");
        }
        return new Statement.Show(status, scope, like());
    }

    /**
     * Another SHOW: one a real server has (SHOW RELAYLOG EVENTS, SHOW ENGINES...) is not modelled; a
     * word no server knows after SHOW (or a spelling this flavour lacks) is a syntax error there.
     */
    private ParseException showNotModelled() {
        Set<String> known = Set.of("PROCESSLIST", "FULL", "ENGINE", "ENGINES", "INDEX", "INDEXES", "KEYS", "COLUMNS",
                "FIELDS", "BINLOG", "RELAYLOG", "TABLE", "OPEN", "PRIVILEGES", "CHARACTER", "CHARSET", "COLLATION",
                "EVENTS", "TRIGGERS", "FUNCTION", "PROCEDURE", "PROFILE", "PROFILES", "SLAVE", "ALL",
                "STORAGE", "AUTHORS", "CONTRIBUTORS", "EXPLAIN", "USER", "ROLE", "PARSE_TREE", "QUERY_RESPONSE_TIME");
        Token t = peek();
        if (t.isWord("REPLICAS") && dialect.changeReplicationSource()) {
            return unsupportedNamed("SHOW REPLICAS"); // MySQL 8.0.22+; MariaDB has SHOW REPLICA HOSTS instead
        }
        if (t.isWord("SLAVE") || t.isWord("BINLOG") || t.isWord("MASTER") || t.isWord("BINARY")) {
            // SHOW SLAVE STATUSS (or HOSTS where the flavour lacks it, BINLOG STATUS on MySQL) is a typo there.
            i++;
            return error();
        }
        if (t.kind() == Token.Kind.IDENT && known.contains(t.upper())) {
            return unsupportedNamed("SHOW " + t.upper());
        }
        return error();
    }

    private ParseException unsupportedNamed(String name) {
        return ParseException.unsupported(tokens.get(0).start(), name);
    }

    private String like() throws ParseException {
        if (acceptWord("LIKE")) {
            return string();
        }
        if (peek().isWord("WHERE")) {
            throw unsupportedClause("WHERE");
        }
        return null;
    }

    // --- admin statements

    private Statement flush() throws ParseException {
        expectWord("FLUSH");
        boolean local = acceptWord("NO_WRITE_TO_BINLOG") || acceptWord("LOCAL");
        if (peek().isWord("BINARY") && tokens.get(i + 1).isWord("LOGS")) {
            next();
            next();
            if (peek().isWord("DELETE_DOMAIN_ID")) { // MariaDB's clause that drops GTID domains
                throw unsupportedNamed("FLUSH BINARY LOGS DELETE_DOMAIN_ID");
            }
            return Statement.FlushLogs.binaryLogs(local);
        }
        if (peek().isWord("RELAY") && tokens.get(i + 1).isWord("LOGS")) {
            next();
            next();
            // MySQL's FOR CHANNEL and MariaDB's connection name: the model has one unnamed channel.
            if (peek().isWord("FOR") || peek().kind() == Token.Kind.STRING) {
                throw unsupportedNamed("FLUSH RELAY LOGS of a named channel");
            }
            return Statement.FlushLogs.relayLogs(local);
        }
        if (acceptWord("LOGS")) {
            return Statement.FlushLogs.all(local);
        }
        for (String log : new String[] {"ERROR", "ENGINE", "GENERAL", "SLOW"}) {
            if (peek().isWord(log) && tokens.get(i + 1).isWord("LOGS")) {
                next();
                next();
                return Statement.FlushLogs.unkept(local);
            }
        }
        if (!peek().isWord("STATUS")) {
            throw peek().kind() == Token.Kind.IDENT ? unsupportedNamed("FLUSH " + peek().upper()) : error();
        }
        next();
        return new Statement.FlushStatus(local);
    }

    private Statement startStop() throws ParseException {
        if (peek().isWord("START") && tokens.get(i + 1).isWord("TRANSACTION")) {
            i += 2;
            if (peek().kind() == Token.Kind.IDENT) {
                throw unsupportedClause(peek().upper());
            }
            return new Statement.Begin();
        }
        boolean start = next().isWord("START");
        replicaWord();
        Threads threads = Threads.BOTH;
        if (acceptWord("IO_THREAD")) {
            threads = Threads.IO_THREAD;
        } else if (acceptWord("SQL_THREAD")) {
            threads = Threads.SQL_THREAD;
        }
        // thread_type's list: IO_THREAD, SQL_THREAD (either order) names both
        if (threads != Threads.BOTH && peek().isSymbol(",")
                && tokens.get(i + 1).isWord(threads == Threads.IO_THREAD ? "SQL_THREAD" : "IO_THREAD")) {
            i += 2;
            threads = Threads.BOTH;
        }
        if (start && acceptWord("UNTIL")) {
            return new Statement.StartReplica(threads, until());
        }
        return start ? new Statement.StartReplica(threads) : new Statement.StopReplica(threads);
    }

    /** START SLAVE UNTIL's options (sql_yacc.yy slave_until_opts); which make a whole condition is the server's. */
    private Statement.Until until() throws ParseException {
        String sourceFile = null;
        Long sourcePos = null;
        String relayFile = null;
        Long relayPos = null;
        do {
            String option = peek().upper().replaceFirst("^SOURCE_", "MASTER_");
            switch (option) {
                case "MASTER_LOG_FILE", "RELAY_LOG_FILE", "MASTER_LOG_POS", "RELAY_LOG_POS" -> next();
                default -> throw unsupportedClause("UNTIL " + peek().upper()); // GTID sets, MASTER_GTID_POS
            }
            expectSymbol("=");
            switch (option) {
                case "MASTER_LOG_FILE" -> sourceFile = string();
                case "RELAY_LOG_FILE" -> relayFile = string();
                case "MASTER_LOG_POS" -> sourcePos = wholeNumber();
                default -> relayPos = wholeNumber();
            }
        } while (acceptSymbol(","));
        return new Statement.Until(sourceFile, sourcePos, relayFile, relayPos);
    }

    private long wholeNumber() throws ParseException {
        Token t = next();
        if (t.kind() != Token.Kind.NUMBER || !t.text().matches("\\d{1,18}")) {
            i--;
            throw error();
        }
        return Long.parseLong(t.text());
    }

    private void replicaWord() throws ParseException {
        if (peek().isWord("SLAVE") && dialect.legacyReplicationSyntax()
                || peek().isWord("REPLICA") && dialect.replicaKeyword()) {
            next();
            return;
        }
        if (peek().isWord("GROUP_REPLICATION")) {
            throw unsupportedStatement();
        }
        throw error();
    }

    /** CHANGE MASTER options MySQL and MariaDB both take that the model has no use for yet (sql_yacc.yy). */
    private static final java.util.Set<String> NOT_MODELLED_SOURCE_OPTIONS = java.util.Set.of("IGNORE_SERVER_IDS",
            "MASTER_BIND", "MASTER_SSL", "MASTER_SSL_CA", "MASTER_SSL_CAPATH", "MASTER_SSL_CERT", "MASTER_SSL_CIPHER",
            "MASTER_SSL_KEY", "MASTER_SSL_VERIFY_SERVER_CERT", "MASTER_SSL_CRL", "MASTER_SSL_CRLPATH");

    private Statement change() throws ParseException {
        expectWord("CHANGE");
        if (peek().isWord("MASTER") && dialect.legacyReplicationSyntax()) {
            next();
        } else if (peek().isWord("REPLICATION") && dialect.changeReplicationSource()) {
            next();
            if (peek().isWord("FILTER")) {
                throw unsupportedNamed("CHANGE REPLICATION FILTER");
            }
            expectWord("SOURCE");
        } else {
            throw error();
        }
        expectWord("TO");
        Map<String, Input> options = new LinkedHashMap<>();
        do {
            if (peek().text().toUpperCase(Locale.ROOT).startsWith("SOURCE_") && !dialect.changeReplicationSource()) {
                throw error(); // MariaDB knows only the MASTER_ names: 1064 from the option on
            }
            String option = word().toUpperCase(Locale.ROOT);
            if (NOT_MODELLED_SOURCE_OPTIONS.contains(option.replaceFirst("^SOURCE_", "MASTER_"))) {
                i--;
                throw unsupportedClause(option); // a real server takes it: not a syntax error
            }
            expectSymbol("=");
            options.put(option, value());
        } while (acceptSymbol(","));
        return new Statement.ChangeSource(options);
    }

    /** A CHANGE MASTER value: a number, a string or a bare word. */
    private Input value() throws ParseException {
        Token t = next();
        if (t.isSymbol("-") && peek().kind() == Token.Kind.NUMBER) {
            return number("-" + next().text());
        }
        return switch (t.kind()) {
            case NUMBER -> number(t.text());
            case STRING -> new Input.Text(t.text());
            case IDENT -> t.isWord("DEFAULT") ? null : new Input.Text(t.text());
            default -> {
                i--;
                throw error();
            }
        };
    }

    /** KILL [CONNECTION | QUERY] expr (sql_yacc.yy kill): the thread id is any expression, as CONNECTION_ID(). */
    private Statement kill() throws ParseException {
        expectWord("KILL");
        boolean query = acceptWord("QUERY");
        if (!query) {
            acceptWord("CONNECTION");
        }
        return new Statement.Kill(expression(), query);
    }

    /** PURGE {BINARY | MASTER} LOGS {TO 'file' | BEFORE expr} (MASTER where the dialect still has it). */
    private Statement purge() throws ParseException {
        expectWord("PURGE");
        if (!acceptWord("BINARY") && !(dialect.legacyReplicationSyntax() && acceptWord("MASTER"))) {
            throw unsupportedOrError(Set.of("RELAY"));
        }
        expectWord("LOGS");
        if (acceptWord("BEFORE")) {
            return new Statement.PurgeBinaryLogs(null, expression());
        }
        expectWord("TO");
        return new Statement.PurgeBinaryLogs(string(), null);
    }

    private Statement reset() throws ParseException {
        expectWord("RESET");
        if (peek().isWord("SLAVE") && dialect.legacyReplicationSyntax()
                || peek().isWord("REPLICA") && dialect.replicaKeyword()) {
            next();
            boolean all = peek().isWord("ALL");
            if (all) {
                next();
            }
            return new Statement.ResetReplica(all);
        }
        if (peek().isWord("MASTER") && dialect.legacyReplicationSyntax()) {
            next();
            return resetSource();
        }
        if (peek().isWord("BINARY") && dialect.binaryLogStatus()) {
            next();
            expectWord("LOGS");
            expectWord("AND");
            expectWord("GTIDS");
            return resetSource();
        }
        if (peek().isWord("QUERY") || peek().isWord("PERSIST")) {
            throw unsupportedStatement();
        }
        throw error();
    }

    /** RESET MASTER [TO n]: the first file's number is not modelled (both servers take it: not a syntax error). */
    private Statement resetSource() throws ParseException {
        if (peek().isWord("TO")) {
            throw unsupportedClause("TO");
        }
        return new Statement.ResetSource();
    }

    // --- token helpers

    private Token peek() {
        return tokens.get(i);
    }

    private Token next() {
        Token t = tokens.get(i);
        if (t.kind() != Token.Kind.END) {
            i++;
        }
        return t;
    }

    private void expectWord(String word) throws ParseException {
        if (!peek().isWord(word)) {
            throw error();
        }
        i++;
    }

    private boolean acceptWord(String word) {
        if (peek().isWord(word)) {
            i++;
            return true;
        }
        return false;
    }

    private void expectSymbol(String symbol) throws ParseException {
        if (!peek().isSymbol(symbol)) {
            throw error();
        }
        i++;
    }

    private boolean acceptSymbol(String symbol) {
        if (peek().isSymbol(symbol)) {
            i++;
            return true;
        }
        return false;
    }

    /** A name: a word that is not one of MySQL's reserved words, or any `back-quoted` one. */
    /** A name (table, column, alias, key, database): a reserved word only back-quoted (1064 where it stands). */
    private String identifier() throws ParseException {
        Token t = peek();
        if (t.kind() != Token.Kind.IDENT || !t.quoted() && dialect.reservedWords().contains(t.upper())) {
            throw error();
        }
        return next().text();
    }

    /** A word the grammar names in its place (an option, a character set, a plugin): reserved words too. */
    private String word() throws ParseException {
        if (peek().kind() != Token.Kind.IDENT) {
            throw error();
        }
        return next().text();
    }

    private String string() throws ParseException {
        if (peek().kind() != Token.Kind.STRING) {
            throw error();
        }
        return next().text();
    }
}
