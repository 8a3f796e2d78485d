package io.semisyncsim.reports;

import io.semisyncsim.server.ResultSet;
import io.semisyncsim.server.StatementResult;
import java.util.List;

/**
 * Prints statements and their results the way the {@code mysql} command-line client does, so a
 * report reads like a terminal session. Statements take no virtual time, hence "(0.00 sec)".
 */
public final class MysqlClientFormat {
    private MysqlClientFormat() {
    }

    /**
     * {@code mysql> } on the first line, {@code     -> } on the others, and a closing semicolon (or the
     * {@code \G} the statement was ended with).
     */
    public static String prompt(String sql) {
        String text = sql.strip();
        if (!text.endsWith(";") && !text.endsWith("\\G")) {
            // After a -- or # comment the ; goes on a line of its own, as the user would have typed it.
            text += io.semisyncsim.sql.Parser.endsInLineComment(text) ? "\n;" : ";";
        }
        return "mysql> " + text.replace("\n", "\n    -> ");
    }

    public static String result(StatementResult result, double seconds) {
        String time = String.format(java.util.Locale.ROOT, "(%.2f sec)", seconds);
        if (result instanceof StatementResult.Failed f) {
            return f.error().toString();
        }
        String warnings = warnings(result.warnings().size());
        if (result instanceof StatementResult.Ok ok) {
            return "Query OK, " + ok.affectedRows() + (ok.affectedRows() == 1 ? " row" : " rows") + " affected"
                    + warnings + " " + time + (ok.info() == null ? "" : "\n" + ok.info());
        }
        StatementResult.Rows rows = (StatementResult.Rows) result;
        ResultSet rs = rows.resultSet();
        if (rs.rows().isEmpty()) {
            return "Empty set" + warnings + " " + time;
        }
        int n = rs.rows().size();
        return (rows.vertical() ? vertical(rs) : table(rs)) + "\n" + n + (n == 1 ? " row" : " rows") + " in set"
                + warnings + " " + time;
    }

    /**
     * A statement ended with {@code \G}: each row as a block, column names right-aligned to the longest
     * (the client's print_table_data_vertically).
     */
    public static String vertical(ResultSet rs) {
        int width = 0;
        for (ResultSet.Column c : rs.columns()) {
            width = Math.max(width, c.name().length());
        }
        StringBuilder out = new StringBuilder();
        int n = 0;
        for (List<String> row : rs.rows()) {
            if (n > 0) {
                out.append('\n');
            }
            out.append("*************************** ").append(++n).append(". row ***************************");
            for (int c = 0; c < rs.columns().size(); c++) {
                out.append('\n').append(" ".repeat(width - rs.columns().get(c).name().length()))
                        .append(rs.columns().get(c).name()).append(": ").append(cell(row.get(c)));
            }
        }
        return out.toString();
    }

    /**
     * A result in a few words, for a note in a diagram: {@code OK, 1 row affected}, a single value,
     * {@code name = value} pairs of up to three rows, {@code N rows}, or the error.
     */
    public static String brief(StatementResult result) {
        if (result instanceof StatementResult.Failed f) {
            return f.error().toString();
        }
        if (result instanceof StatementResult.Ok ok) {
            return ok.affectedRows() == 0 ? "OK" : "OK, " + ok.affectedRows() + (ok.affectedRows() == 1 ? " row" : " rows")
                    + " affected";
        }
        if (!(result instanceof StatementResult.Rows rows)) {
            return "OK";
        }
        ResultSet rs = rows.resultSet();
        int n = rs.rows().size();
        if (n == 0) {
            return "empty set";
        }
        if (n == 1 && rs.columns().size() == 1) {
            return cell(rs.rows().get(0).get(0));
        }
        if (n <= 3 && rs.columns().size() == 2) {
            List<String> pairs = new java.util.ArrayList<>();
            for (List<String> row : rs.rows()) {
                pairs.add(cell(row.get(0)) + " = " + cell(row.get(1)));
            }
            return String.join("; ", pairs);
        }
        return n + (n == 1 ? " row" : " rows");
    }

    private static String warnings(int count) {
        return count == 0 ? "" : ", " + count + (count == 1 ? " warning" : " warnings");
    }

    /** The boxed table. */
    public static String table(ResultSet rs) {
        List<ResultSet.Column> columns = rs.columns();
        int[] width = new int[columns.size()];
        for (int c = 0; c < columns.size(); c++) {
            width[c] = columns.get(c).name().length();
            if (columns.get(c).nullable()) {
                width[c] = Math.max(width[c], 4); // room for NULL, as the client leaves it
            }
            for (List<String> row : rs.rows()) {
                width[c] = Math.max(width[c], cell(row.get(c)).length());
            }
        }
        StringBuilder rule = new StringBuilder("+");
        for (int w : width) {
            rule.append("-".repeat(w + 2)).append('+');
        }
        StringBuilder out = new StringBuilder();
        out.append(rule).append('\n').append('|');
        for (int c = 0; c < columns.size(); c++) {
            out.append(' ').append(pad(columns.get(c).name(), width[c], false)).append(" |");
        }
        out.append('\n').append(rule).append('\n');
        for (List<String> row : rs.rows()) {
            out.append('|');
            for (int c = 0; c < columns.size(); c++) {
                out.append(' ').append(pad(cell(row.get(c)), width[c], columns.get(c).numeric())).append(" |");
            }
            out.append('\n');
        }
        out.append(rule);
        return out.toString();
    }

    private static String cell(String value) {
        return value == null ? "NULL" : value;
    }

    private static String pad(String s, int width, boolean right) {
        String fill = " ".repeat(width - s.length());
        return right ? fill + s : s + fill;
    }
}
