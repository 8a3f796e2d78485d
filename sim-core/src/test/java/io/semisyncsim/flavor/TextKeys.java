package io.semisyncsim.flavor;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds in Java source every place that looks a text up in a flavour table by key (an error-log
 * message, an error, a privilege need, an operator statement, ...) and checks each key against a
 * flavour's table: the entry exists, and its text asks for no argument the call does not give. A key
 * must be a literal (or a literal in each branch of a {@code ?:}), so that the check sees them all;
 * the few methods that pass a key on are listed in {@link #FORWARDED}, and their callers are checked.
 * No ASM: a small tokenizer is enough for the call shapes the code uses.
 */
final class TextKeys {
    private TextKeys() {
    }

    /** Which table a lookup reads: LOG and ERROR texts also have their arguments checked. */
    enum Kind { LOG, ERROR, PLAIN }

    /**
     * A method that takes a key: called on {@code receivers} ("" = unqualified or {@code new}, then only
     * in {@code files}, or anywhere when that is null).
     */
    private record Rule(String method, Set<String> receivers, Set<String> files, int keyArg, String section, Kind kind) {
        boolean applies(String receiver, String file) {
            return receivers.contains(receiver) && (!receiver.isEmpty() || files == null || files.contains(file));
        }
    }

    private static final List<Rule> RULES = List.of(
            new Rule("log", Set.of("errorLog"), Set.of(), 0, "error-log.messages.", Kind.LOG),
            new Rule("log", Set.of(""), Set.of("IoThread.java", "SqlThread.java"), 0, "error-log.messages.", Kind.LOG),
            new Rule("error", Set.of("flavor"), Set.of(), 0, "errors.", Kind.ERROR),
            new Rule("errorText", Set.of("flavor"), Set.of(), 0, "errors.", Kind.ERROR),
            new Rule("note", Set.of(""), Set.of("DdlStatements.java", "UserStatements.java", "ReplicationStatements.java"),
                    0, "errors.", Kind.ERROR),
            // The table package raises errors by key; the server words them (Tables.error).
            new Rule("TableError", Set.of(""), null, 0, "errors.", Kind.ERROR),
            new Rule("need", Set.of("privileges"), Set.of(), 0, "privileges.needs.", Kind.PLAIN),
            new Rule("require", Set.of(""), Set.of("UserStatements.java"), 1, "privileges.needs.", Kind.PLAIN),
            new Rule("columnClause", Set.of("sql"), Set.of(), 0, "sql.column-clauses.", Kind.PLAIN),
            // Evaluator.check and .column name the clause an unknown column is reported in (1054).
            new Rule("check", Set.of("ev", ""), Set.of("Evaluator.java"), 1, "sql.column-clauses.", Kind.PLAIN),
            new Rule("column", Set.of("ev", ""), Set.of("Evaluator.java"), 1, "sql.column-clauses.", Kind.PLAIN),
            new Rule("replicaStatusSetting", Set.of("flavor"), Set.of(), 0, "replica-status.", Kind.PLAIN),
            new Rule("operatorStatement", Set.of("flavor"), Set.of(), 0, "operator-statements.", Kind.PLAIN));

    /**
     * Keys that are not literals where they are looked up, by file and expression: each forwards a key
     * whose own call sites are checked (the helpers' callers), or comes from the table itself
     * (TextKeysTest checks those: grant-to-missing-user, replica-running/stopped-note, a session variable's
 * error-in-transaction).
     */
    static final Set<String> FORWARDED = Set.of(
            "IoThread.java: id", "SqlThread.java: id", "DdlStatements.java: key.toString()", "UserStatements.java: key",
            "UserStatements.java: operation", "UserStatements.java: code", "ReplicationStatements.java: code",
            "ReplicationStatements.java: flavor().replicaRunningNote()",
            "ReplicationStatements.java: flavor().replicaStoppedNote()", "Tables.java: e.key()", "Evaluator.java: clause",
            "StatementExecutor.java: inTransaction");

    /**
     * One lookup: where, the table path of each key it may use (several for a {@code ?:}), the names of
     * the {@code {named}} arguments it passes (null when not all are literals) and how many arguments
     * follow the key.
     */
    record Use(String where, Kind kind, List<String> paths, List<String> names, int argCount) {
    }

    /** What {@link #scan} found: the lookups, and the keys it could not read (each a problem). */
    record Scan(List<Use> uses, List<String> unreadable) {
    }

    static Scan scan(String file, String source) {
        List<Tok> toks = tokens(source);
        List<Use> uses = new ArrayList<>();
        List<String> unreadable = new ArrayList<>();
        for (int i = 1; i + 1 < toks.size(); i++) {
            Tok t = toks.get(i);
            if (t.kind != 'i' || !toks.get(i + 1).text.equals("(")) {
                continue;
            }
            String receiver = receiver(toks, i);
            if (receiver == null) {
                continue; // a declaration, not a call
            }
            for (Rule r : RULES) {
                if (!r.method.equals(t.text) || !r.applies(receiver, file)) {
                    continue;
                }
                List<List<Tok>> args = arguments(toks, i + 1);
                String where = file + ":" + t.line;
                if (args.size() <= r.keyArg) {
                    unreadable.add(where + ": " + t.text + "(...) without a key");
                    continue;
                }
                List<Tok> keyArg = args.get(r.keyArg);
                List<String> keys = literals(keyArg);
                if (keys == null) {
                    String expr = text(keyArg);
                    if (!FORWARDED.contains(file + ": " + expr)) {
                        unreadable.add(where + ": the key of " + t.text + "(" + expr + ", ...) is not a literal,"
                                + " so no test can see which text it uses");
                    }
                    continue;
                }
                List<String> paths = new ArrayList<>();
                for (String k : keys) {
                    paths.add(r.section + (r.kind == Kind.PLAIN ? k : Flavor.quote(k)));
                }
                List<List<Tok>> rest = args.subList(r.keyArg + 1, args.size());
                uses.add(new Use(where, r.kind, paths, names(rest), rest.size()));
            }
        }
        return new Scan(uses, unreadable);
    }

    /** The problems of {@code uses} against one flavour's table. */
    static List<String> problems(Flavor flavor, List<Use> uses) {
        List<String> out = new ArrayList<>();
        for (Use u : uses) {
            for (String path : u.paths) {
                if (!flavor.hasEntry(path)) {
                    out.add(flavor.name() + ": " + u.where + " uses " + path + ", which its table lacks");
                    continue;
                }
                if (u.kind == Kind.PLAIN) {
                    continue; // a setting, a statement or a privilege need: being there is what counts
                }
                String text = flavor.entryText(path, "text");
                if (text == null) {
                    continue; // a message this flavour never writes
                }
                if (u.kind == Kind.LOG && u.names != null) {
                    for (String placeholder : placeholders(text)) {
                        if (!u.names.contains(placeholder)) {
                            out.add(flavor.name() + ": " + path + " needs {" + placeholder + "}, which "
                                    + u.where + " does not give");
                        }
                    }
                }
                if (u.kind == Kind.ERROR && formatArguments(text) > u.argCount) {
                    out.add(flavor.name() + ": " + path + " needs " + formatArguments(text) + " arguments, "
                            + u.where + " gives " + u.argCount);
                }
            }
        }
        return out;
    }

    static Set<String> placeholders(String text) {
        Set<String> out = new TreeSet<>();
        Matcher m = Pattern.compile("\\{([a-z_]+)}").matcher(text);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    private static final Pattern FORMAT = Pattern.compile("%(\\d+\\$)?[-#+ 0,(]*\\d*(\\.\\d+)?([a-zA-Z%])");

    /** How many arguments String.format needs for {@code text}. */
    static int formatArguments(String text) {
        int sequential = 0;
        int positional = 0;
        Matcher m = FORMAT.matcher(text);
        while (m.find()) {
            if (m.group(3).equals("%") || m.group(3).equals("n")) {
                continue;
            }
            if (m.group(1) != null) {
                positional = Math.max(positional, Integer.parseInt(m.group(1).replace("$", "")));
            } else {
                sequential++;
            }
        }
        return Math.max(sequential, positional);
    }

    // --- a tokenizer for Java: identifiers, numbers, string literals (content kept), punctuation

    private record Tok(char kind, String text, int line) {
    }

    private static List<Tok> tokens(String s) {
        List<Tok> out = new ArrayList<>();
        int line = 1;
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '\n') {
                line++;
                i++;
            } else if (Character.isWhitespace(c)) {
                i++;
            } else if (s.startsWith("//", i)) {
                while (i < s.length() && s.charAt(i) != '\n') {
                    i++;
                }
            } else if (s.startsWith("/*", i)) {
                int end = s.indexOf("*/", i + 2);
                end = end < 0 ? s.length() : end + 2;
                line += count(s, i, end);
                i = end;
            } else if (s.startsWith("\"\"\"", i)) {
                int end = s.indexOf("\"\"\"", i + 3);
                end = end < 0 ? s.length() : end + 3;
                out.add(new Tok('b', s.substring(i, end), line)); // a text block: never a key
                line += count(s, i, end);
                i = end;
            } else if (c == '"' || c == '\'') {
                StringBuilder b = new StringBuilder();
                int j = i + 1;
                while (j < s.length() && s.charAt(j) != c) {
                    if (s.charAt(j) == '\\') {
                        j++;
                    }
                    b.append(s.charAt(j));
                    j++;
                }
                out.add(new Tok(c == '"' ? 's' : 'c', b.toString(), line));
                i = j + 1;
            } else if (Character.isJavaIdentifierStart(c)) {
                int j = i;
                while (j < s.length() && Character.isJavaIdentifierPart(s.charAt(j))) {
                    j++;
                }
                out.add(new Tok('i', s.substring(i, j), line));
                i = j;
            } else if (Character.isDigit(c)) {
                int j = i;
                while (j < s.length() && (Character.isLetterOrDigit(s.charAt(j)) || s.charAt(j) == '_')) {
                    j++;
                }
                out.add(new Tok('n', s.substring(i, j), line));
                i = j;
            } else {
                out.add(new Tok('p', String.valueOf(c), line));
                i++;
            }
        }
        return out;
    }

    private static int count(String s, int from, int to) {
        int n = 0;
        for (int k = from; k < to; k++) {
            if (s.charAt(k) == '\n') {
                n++;
            }
        }
        return n;
    }

    private static final Set<String> BEFORE_CALL = Set.of("return", "throw", "else", "case", "yield", "new");

    /**
     * The name a call at {@code i} is made on: "" unqualified, {@code x} for {@code x.m(} and
     * {@code x().m(}; null when {@code i} declares the method ({@code Warning note(...)}) or the
     * receiver is something else (a longer expression, which no rule names).
     */
    private static String receiver(List<Tok> toks, int i) {
        Tok prev = toks.get(i - 1);
        if (prev.text.equals(".")) {
            Tok before = toks.get(i - 2);
            if (before.kind == 'i') {
                return before.text;
            }
            if (before.text.equals(")") && i >= 4 && toks.get(i - 3).text.equals("(") && toks.get(i - 4).kind == 'i') {
                return toks.get(i - 4).text;
            }
            return "?";
        }
        if ((prev.kind == 'i' && !BEFORE_CALL.contains(prev.text)) || prev.text.equals(">") || prev.text.equals("]")) {
            return null;
        }
        return "";
    }

    /** The arguments of the call whose "(" is at {@code open}, each as its tokens. */
    private static List<List<Tok>> arguments(List<Tok> toks, int open) {
        List<List<Tok>> args = new ArrayList<>();
        List<Tok> current = new ArrayList<>();
        int depth = 0;
        for (int k = open + 1; k < toks.size(); k++) {
            Tok t = toks.get(k);
            String x = t.kind == 'p' ? t.text : "";
            if (depth == 0 && (x.equals(")") || x.equals(","))) {
                if (!current.isEmpty()) {
                    args.add(current);
                }
                if (x.equals(")")) {
                    break;
                }
                current = new ArrayList<>();
                continue;
            }
            if (x.equals("(") || x.equals("[") || x.equals("{")) {
                depth++;
            } else if (x.equals(")") || x.equals("]") || x.equals("}")) {
                depth--;
            }
            current.add(t);
        }
        return args;
    }

    /** The keys an argument can be: one literal, or a literal in each branch of {@code c ? a : b}; else null. */
    private static List<String> literals(List<Tok> arg) {
        if (arg.size() == 1 && (arg.get(0).kind == 's' || arg.get(0).kind == 'n')) {
            return List.of(arg.get(0).text);
        }
        int q = -1;
        int depth = 0;
        for (int k = 0; k < arg.size(); k++) {
            String x = arg.get(k).kind == 'p' ? arg.get(k).text : "";
            depth += x.equals("(") ? 1 : x.equals(")") ? -1 : 0;
            if (depth == 0 && x.equals("?")) {
                q = k;
                break;
            }
        }
        if (q < 0 || arg.size() != q + 4 || !arg.get(q + 2).text.equals(":")) {
            return null;
        }
        Tok a = arg.get(q + 1);
        Tok b = arg.get(q + 3);
        return a.kind == 's' && b.kind == 's' ? List.of(a.text, b.text) : null;
    }

    /** The names of {@code name, value, ...} arguments when each name is a string literal, else null. */
    private static List<String> names(List<List<Tok>> rest) {
        List<String> out = new ArrayList<>();
        for (int k = 0; k < rest.size(); k += 2) {
            List<Tok> a = rest.get(k);
            if (a.size() != 1 || a.get(0).kind != 's') {
                return null;
            }
            out.add(a.get(0).text);
        }
        return out;
    }

    private static String text(List<Tok> arg) {
        StringBuilder b = new StringBuilder();
        for (Tok t : arg) {
            b.append(t.kind == 's' ? "\"" + t.text + "\"" : t.text);
        }
        return b.toString();
    }
}
