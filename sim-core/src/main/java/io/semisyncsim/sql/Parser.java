package io.semisyncsim.sql;

import io.semisyncsim.server.SystemVariables.Input;
import io.semisyncsim.sql.Statement.Scope;
import io.semisyncsim.sql.Statement.Threads;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A recursive-descent parser for the admin SQL the manual and the scenarios use. Anything outside
 * this grammar is a {@link ParseException} at the first token that does not fit, which the server
 * reports as MySQL does: error 1064, quoting the statement from that token on.
 */
public final class Parser {
    private final List<Token> tokens;
    private final Dialect dialect;
    private int i;

    private Parser(List<Token> tokens, Dialect dialect) {
        this.tokens = tokens;
        this.dialect = dialect;
    }

    /** Parses one statement (a trailing {@code ;} is allowed). */
    public static Statement parse(String sql, Dialect dialect) throws ParseException {
        Parser p = new Parser(Lexer.tokens(sql), dialect);
        Statement s = p.statement();
        if (p.peek().isSymbol(";")) {
            p.i++;
        }
        if (p.peek().kind() != Token.Kind.END) {
            throw p.error();
        }
        return s;
    }

    /** Splits a script at top-level semicolons (outside quotes and comments); blank pieces are dropped. */
    public static List<String> split(String script) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        char quote = 0;
        for (int k = 0; k < script.length(); k++) {
            char c = script.charAt(k);
            if (quote != 0) {
                current.append(c);
                if (c == '\\' && k + 1 < script.length()) {
                    current.append(script.charAt(++k));
                } else if (c == quote) {
                    quote = 0;
                }
            } else if (c == '\'' || c == '"' || c == '`') {
                quote = c;
                current.append(c);
            } else if (c == ';') {
                addIfNotBlank(out, current);
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        addIfNotBlank(out, current);
        return out;
    }

    private static void addIfNotBlank(List<String> out, StringBuilder s) {
        String text = s.toString().strip();
        if (!text.isEmpty()) {
            out.add(text);
        }
    }

    private Statement statement() throws ParseException {
        Token t = peek();
        if (t.kind() != Token.Kind.IDENT) {
            throw error();
        }
        return switch (t.upper()) {
            case "INSTALL" -> install();
            case "UNINSTALL" -> uninstall();
            case "SET" -> set();
            case "SELECT" -> select();
            case "SHOW" -> show();
            case "FLUSH" -> flush();
            case "START", "STOP" -> startStop();
            case "CHANGE" -> change();
            case "RESET" -> reset();
            case "BEGIN" -> {
                next();
                yield new Statement.Begin();
            }
            case "COMMIT" -> {
                next();
                acceptWord("WORK");
                yield new Statement.Commit();
            }
            case "ROLLBACK" -> {
                next();
                acceptWord("WORK");
                yield new Statement.Rollback();
            }
            case "INSERT" -> insert();
            case "UPDATE" -> update();
            case "DELETE" -> delete();
            default -> throw error();
        };
    }

    private Statement install() throws ParseException {
        expectWord("INSTALL");
        expectWord("PLUGIN");
        String name = identifier();
        expectWord("SONAME");
        return new Statement.InstallPlugin(name, string());
    }

    private Statement uninstall() throws ParseException {
        expectWord("UNINSTALL");
        expectWord("PLUGIN");
        return new Statement.UninstallPlugin(identifier());
    }

    private Statement set() throws ParseException {
        expectWord("SET");
        List<Statement.Assignment> assignments = new ArrayList<>();
        Scope scope = Scope.DEFAULT;
        do {
            Scope keyword = scopeKeyword();
            if (keyword != null) {
                scope = keyword;
            }
            Scope itemScope = scope;
            String name;
            if (peek().kind() == Token.Kind.SYSVAR) {
                String[] parts = sysvar(next().text());
                if (parts[0] != null) {
                    itemScope = Scope.valueOf(parts[0]);
                } else if (keyword == null) {
                    itemScope = Scope.SESSION;
                }
                name = parts[1];
            } else {
                name = identifier();
            }
            if (!(peek().isSymbol("=") || peek().isSymbol(":"))) {
                throw error();
            }
            if (next().isSymbol(":")) {
                expectSymbol("=");
            }
            assignments.add(new Statement.Assignment(itemScope, name, value()));
        } while (acceptSymbol(","));
        return new Statement.SetVariables(assignments);
    }

    private Scope scopeKeyword() {
        Token t = peek();
        if (t.kind() != Token.Kind.IDENT) {
            return null;
        }
        Scope s = switch (t.upper()) {
            case "GLOBAL" -> Scope.GLOBAL;
            case "SESSION", "LOCAL" -> Scope.SESSION;
            case "PERSIST" -> dialect.persist() ? Scope.PERSIST : null;
            case "PERSIST_ONLY" -> dialect.persist() ? Scope.PERSIST_ONLY : null;
            default -> null;
        };
        if (s != null && !tokens.get(i + 1).isSymbol("=")) { // `SET global = 1` names a variable
            i++;
            return s;
        }
        return null;
    }

    /** {@code global.name} -> [GLOBAL, name]; {@code name} -> [null, name]. */
    private String[] sysvar(String text) throws ParseException {
        int dot = text.indexOf('.');
        if (dot < 0) {
            return new String[] {null, text};
        }
        String prefix = text.substring(0, dot).toUpperCase(Locale.ROOT);
        String scope = switch (prefix) {
            case "GLOBAL" -> "GLOBAL";
            case "SESSION", "LOCAL" -> "SESSION";
            case "PERSIST" -> dialect.persist() ? "PERSIST" : null;
            case "PERSIST_ONLY" -> dialect.persist() ? "PERSIST_ONLY" : null;
            default -> null;
        };
        if (scope == null || text.indexOf('.', dot + 1) >= 0) {
            i--;
            throw error();
        }
        return new String[] {scope, text.substring(dot + 1)};
    }

    /** A SET value: a number, a string, a bare word (ON, AFTER_SYNC), or DEFAULT (null). */
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

    private static Input number(String text) {
        if (text.matches("-?\\d+")) {
            return new Input.Whole(new BigInteger(text));
        }
        return new Input.Decimal(text);
    }

    private Statement select() throws ParseException {
        expectWord("SELECT");
        if (peek().isWord("COUNT")) {
            next();
            expectSymbol("(");
            expectSymbol("*");
            expectSymbol(")");
            expectWord("FROM");
            return new Statement.CountRows(tableName());
        }
        if (peek().kind() == Token.Kind.SYSVAR) {
            List<Statement.SelectItem> items = new ArrayList<>();
            do {
                Token var = next();
                if (var.kind() != Token.Kind.SYSVAR) {
                    i--;
                    throw error();
                }
                String[] parts = sysvar(var.text());
                String label = "@@" + var.text();
                if (acceptWord("AS")) {
                    label = peek().kind() == Token.Kind.STRING ? string() : identifier();
                }
                Scope scope = parts[0] == null ? Scope.DEFAULT : Scope.valueOf(parts[0]);
                items.add(new Statement.SelectItem(label, scope, parts[1]));
            } while (acceptSymbol(","));
            return new Statement.SelectVariables(items);
        }
        List<String> columns = new ArrayList<>();
        if (!acceptSymbol("*")) {
            do {
                columns.add(identifier().toUpperCase(Locale.ROOT));
            } while (acceptSymbol(","));
        }
        expectWord("FROM");
        String schema = identifier();
        expectSymbol(".");
        String table = identifier();
        if (!schema.equalsIgnoreCase("INFORMATION_SCHEMA") || !table.equalsIgnoreCase("PLUGINS")) {
            i -= 3;
            throw error();
        }
        List<Statement.Comparison> where = new ArrayList<>();
        if (acceptWord("WHERE")) {
            do {
                String column = identifier().toUpperCase(Locale.ROOT);
                String op;
                if (acceptWord("LIKE")) {
                    op = "LIKE";
                } else if (acceptWord("NOT")) {
                    expectWord("LIKE");
                    op = "NOT LIKE";
                } else {
                    expectSymbol("=");
                    op = "=";
                }
                where.add(new Statement.Comparison(column, op, string()));
            } while (acceptWord("AND"));
        }
        return new Statement.SelectPlugins(columns, where);
    }

    /** {@code t1} or {@code db.t1}: the model keeps tables by name, ignoring the schema. */
    private String tableName() throws ParseException {
        String name = identifier();
        if (acceptSymbol(".")) {
            name = identifier();
        }
        return name;
    }

    private Statement insert() throws ParseException {
        expectWord("INSERT");
        expectWord("INTO");
        String table = tableName();
        if (acceptSymbol("(")) { // the column list is taken as (id[, value])
            do {
                identifier();
            } while (acceptSymbol(","));
            expectSymbol(")");
        }
        if (!acceptWord("VALUES")) {
            expectWord("VALUE");
        }
        List<Statement.Row> rows = new ArrayList<>();
        do {
            expectSymbol("(");
            long key = key();
            String value = null;
            if (acceptSymbol(",")) {
                value = literal();
            }
            expectSymbol(")");
            rows.add(new Statement.Row(key, value));
        } while (acceptSymbol(","));
        return new Statement.Insert(table, rows);
    }

    private Statement update() throws ParseException {
        expectWord("UPDATE");
        String table = tableName();
        expectWord("SET");
        identifier();
        expectSymbol("=");
        String value = literal();
        return new Statement.Update(table, whereKey(), value);
    }

    private Statement delete() throws ParseException {
        expectWord("DELETE");
        expectWord("FROM");
        String table = tableName();
        return new Statement.Delete(table, whereKey());
    }

    private long whereKey() throws ParseException {
        expectWord("WHERE");
        identifier();
        expectSymbol("=");
        return key();
    }

    private long key() throws ParseException {
        Token t = peek();
        if (t.kind() != Token.Kind.NUMBER || !t.text().matches("\\d{1,18}")) {
            throw error();
        }
        next();
        return Long.parseLong(t.text());
    }

    private String literal() throws ParseException {
        Token t = peek();
        if (t.kind() != Token.Kind.STRING && t.kind() != Token.Kind.NUMBER) {
            throw error();
        }
        next();
        return t.text();
    }

    private Statement show() throws ParseException {
        expectWord("SHOW");
        if (acceptWord("PLUGINS")) {
            return new Statement.ShowPlugins();
        }
        if (acceptWord("WARNINGS")) {
            return new Statement.ShowWarnings();
        }
        if (peek().isWord("SLAVE") && dialect.legacyReplicationSyntax()
                || peek().isWord("REPLICA") && dialect.replicaKeyword()) {
            boolean newNames = next().isWord("REPLICA");
            expectWord("STATUS");
            return new Statement.ShowReplicaStatus(newNames);
        }
        if (peek().isWord("BINARY") && tokens.get(i + 1).isWord("LOGS")
                || peek().isWord("MASTER") && tokens.get(i + 1).isWord("LOGS") && dialect.legacyReplicationSyntax()) {
            i += 2;
            return new Statement.ShowBinaryLogs();
        }
        if (peek().isWord("MASTER") && dialect.legacyReplicationSyntax()) {
            next();
            expectWord("STATUS");
            return new Statement.ShowSourceStatus();
        }
        if (peek().isWord("BINARY") && dialect.binaryLogStatus()) {
            next();
            expectWord("LOG");
            expectWord("STATUS");
            return new Statement.ShowSourceStatus();
        }
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
            throw error();
        }
        String like = null;
        if (acceptWord("LIKE")) {
            like = string();
        }
        return new Statement.Show(status, scope, like);
    }

    private Statement flush() throws ParseException {
        expectWord("FLUSH");
        expectWord("STATUS");
        return new Statement.FlushStatus();
    }

    private Statement startStop() throws ParseException {
        if (peek().isWord("START") && tokens.get(i + 1).isWord("TRANSACTION")) {
            i += 2;
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
        return start ? new Statement.StartReplica(threads) : new Statement.StopReplica(threads);
    }

    private void replicaWord() throws ParseException {
        if (peek().isWord("SLAVE") && dialect.legacyReplicationSyntax()
                || peek().isWord("REPLICA") && dialect.replicaKeyword()) {
            next();
            return;
        }
        throw error();
    }

    private Statement change() throws ParseException {
        expectWord("CHANGE");
        if (peek().isWord("MASTER") && dialect.legacyReplicationSyntax()) {
            next();
        } else if (peek().isWord("REPLICATION") && dialect.replicaKeyword()) {
            next();
            expectWord("SOURCE");
        } else {
            throw error();
        }
        expectWord("TO");
        Map<String, Input> options = new LinkedHashMap<>();
        do {
            String option = identifier().toUpperCase(Locale.ROOT);
            expectSymbol("=");
            options.put(option, value());
        } while (acceptSymbol(","));
        return new Statement.ChangeSource(options);
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
            return new Statement.ResetSource();
        }
        if (peek().isWord("BINARY") && dialect.binaryLogStatus()) {
            next();
            expectWord("LOGS");
            expectWord("AND");
            expectWord("GTIDS");
            return new Statement.ResetSource();
        }
        throw error();
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

    private ParseException error() {
        return new ParseException(peek().start());
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

    private String identifier() throws ParseException {
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
