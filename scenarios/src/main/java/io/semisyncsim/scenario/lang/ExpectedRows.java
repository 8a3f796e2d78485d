package io.semisyncsim.scenario.lang;

import io.semisyncsim.server.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code expect_rows:} a statement's result set as the {@code mysql} client prints it: a list of rows
 * ({@code [[1, one], [2, two]]}, {@code NULL} for SQL NULL), or the client's own text table (a multi-line
 * string in its {@code +---+} format), which checks the column names too. Cells compare as printed,
 * exactly, row by row in order (write the ORDER BY the statement needs); a cell may hold {@code ${name}}.
 *
 * @param columns the column names of the text form; null for the list form, which does not check them
 */
public record ExpectedRows(List<String> columns, List<List<String>> rows) {

    /** Reads either form; null when malformed (reported). */
    public static ExpectedRows read(StepReader r, YNode v) {
        if (v instanceof YNode.Seq seq) {
            List<List<String>> rows = new ArrayList<>();
            for (YNode row : seq.items()) {
                if (!(row instanceof YNode.Seq cells)) {
                    r.problem(row.pos(), "a row of expect_rows is a list of values, e.g. [1, one]; got " + row.describe());
                    return null;
                }
                List<String> out = new ArrayList<>();
                for (YNode cell : cells.items()) {
                    String text = r.text(cell, "a value in expect_rows");
                    if (text == null) {
                        return null;
                    }
                    String value = cell instanceof YNode.Scalar s && s.isNull() ? "NULL" : text;
                    r.template(cell.pos(), value);
                    out.add(value);
                }
                if (!rows.isEmpty() && rows.get(0).size() != out.size()) {
                    r.problem(row.pos(), "every row of expect_rows has the same number of values: this one has "
                            + out.size() + ", the first " + rows.get(0).size());
                    return null;
                }
                rows.add(out);
            }
            return new ExpectedRows(null, rows);
        }
        String text = r.text(v, "expect_rows");
        if (text == null) {
            return null;
        }
        ExpectedRows table = table(text);
        if (table == null) {
            r.problem(v.pos(), "expect_rows is a list of rows, e.g. [[1, one]], or the mysql client's table"
                    + " (+----+ lines, | a | b | rows, the first row the column names), or Empty set");
            return null;
        }
        for (List<String> row : table.rows()) {
            if (row.size() != table.columns().size()) {
                r.problem(v.pos(), "a row of the expect_rows table has " + row.size() + " values for "
                        + table.columns().size() + " columns");
                return null;
            }
            row.forEach(cell -> r.template(v.pos(), cell));
        }
        return table;
    }

    /** The client's table (or {@code Empty set}) parsed into names and rows; null when it is not one. */
    public static ExpectedRows table(String text) {
        List<String> lines = new ArrayList<>();
        for (String line : text.strip().split("\n")) {
            if (!line.isBlank()) {
                lines.add(line.strip());
            }
        }
        if (lines.isEmpty()) {
            return null;
        }
        if (lines.get(0).startsWith("Empty set")) {
            return lines.size() == 1 ? new ExpectedRows(null, List.of()) : null;
        }
        if (!lines.get(0).startsWith("+")) {
            return null;
        }
        List<String> columns = null;
        List<List<String>> rows = new ArrayList<>();
        for (String line : lines) {
            if (line.startsWith("+")) {
                if (!line.matches("\\+(-+\\+)+")) {
                    return null;
                }
            } else if (line.startsWith("|") && line.endsWith("|") && line.length() > 1) {
                List<String> cells = new ArrayList<>();
                for (String cell : line.substring(1, line.length() - 1).split("\\|", -1)) {
                    cells.add(cell.strip());
                }
                if (columns == null) {
                    columns = cells;
                } else {
                    rows.add(cells);
                }
            } else if (!line.matches("\\d+ rows? in set.*")) {
                return null;
            }
        }
        return columns == null ? null : new ExpectedRows(columns, rows);
    }

    /**
     * What differs between {@code actual} (null: the statement returned no result set) and these rows, or
     * null when they are the same; {@code vars} fills in {@code ${name}}s.
     */
    public String mismatch(ResultSet actual, Map<String, String> vars) throws Template.Unbound {
        if (actual == null) {
            return "no result set";
        }
        if (columns != null && !columns.equals(names(actual))) {
            return "columns " + String.join(", ", names(actual)) + ", expected " + String.join(", ", columns);
        }
        if (actual.rows().size() != rows.size()) {
            return actual.rows().size() + " row" + (actual.rows().size() == 1 ? "" : "s") + ", expected " + rows.size();
        }
        for (int i = 0; i < rows.size(); i++) {
            List<String> want = new ArrayList<>();
            for (String cell : rows.get(i)) {
                want.add(Template.expand(cell, vars));
            }
            List<String> got = printed(actual.rows().get(i));
            if (!want.equals(got)) {
                return "row " + (i + 1) + " is " + got + ", expected " + want;
            }
        }
        return null;
    }

    private static List<String> names(ResultSet rs) {
        List<String> out = new ArrayList<>();
        rs.columns().forEach(c -> out.add(c.name()));
        return out;
    }

    /** A row as the client prints its cells: NULL for SQL NULL. */
    private static List<String> printed(List<String> row) {
        List<String> out = new ArrayList<>();
        for (String cell : row) {
            out.add(cell == null ? "NULL" : cell);
        }
        return out;
    }

    /** A result set on one line, as expect_rows' list form writes it: {@code [[1, one], [2, two]]}. */
    public static String show(ResultSet rs) {
        List<String> rows = new ArrayList<>();
        for (List<String> row : rs.rows()) {
            rows.add("[" + String.join(", ", printed(row)) + "]");
        }
        return "[" + String.join(", ", rows) + "]";
    }

    /** How a check names these rows: the list form as written, the table by its size. */
    public String describe() {
        if (columns == null) {
            List<String> out = new ArrayList<>();
            rows.forEach(row -> out.add("[" + String.join(", ", row) + "]"));
            return "[" + String.join(", ", out) + "]";
        }
        return "the table of " + String.join(", ", columns) + " with " + rows.size() + " row" + (rows.size() == 1 ? "" : "s");
    }
}
