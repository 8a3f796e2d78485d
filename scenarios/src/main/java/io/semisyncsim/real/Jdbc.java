package io.semisyncsim.real;

import io.semisyncsim.error.SqlError;
import io.semisyncsim.server.ResultSet;
import io.semisyncsim.server.StatementResult;
import java.sql.Connection;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A statement's answer from a real server in the simulator's terms: OK with affected rows, a result
 * set (columns, rows as text, numeric columns marked), or an error with its number, SQLSTATE and
 * text; with the server's own SHOW WARNINGS.
 */
final class Jdbc {
    private Jdbc() {
    }

    /** The connector's "(conn=12) " prefix, which the server never wrote. */
    private static final Pattern CONNECTOR_PREFIX = Pattern.compile("^\\(conn=\\d+\\) ");
    private static final Set<Integer> NUMERIC = Set.of(Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT,
            Types.DECIMAL, Types.NUMERIC, Types.FLOAT, Types.REAL, Types.DOUBLE, Types.BIT);

    /** Runs one statement; a lost connection reads as the client's error 2013, as the mysql client says. */
    static StatementResult run(Connection c, String sql, String product) {
        try (Statement st = c.createStatement()) {
            // \G is the mysql client's, not SQL: the server gets the statement without it.
            boolean rows = st.execute(io.semisyncsim.sql.Parser.withoutTerminator(sql));
            List<StatementResult.Warning> warnings = st.getWarnings() == null ? List.of() : showWarnings(c);
            if (rows) {
                return new StatementResult.Rows(resultSet(st.getResultSet()), warnings,
                        io.semisyncsim.sql.Parser.isVertical(sql));
            }
            return new StatementResult.Ok(Math.max(0, st.getLargeUpdateCount()), warnings);
        } catch (SQLException e) {
            return new StatementResult.Failed(error(e, product));
        }
    }

    static SqlError error(SQLException e, String product) {
        if (e.getErrorCode() <= 0 && e.getSQLState() != null && e.getSQLState().startsWith("08")) {
            // The connector reports a socket the server closed as code 0 or -1, SQL state 08xxx: the client's 2013.
            return new SqlError(2013, "HY000", "Lost connection to " + (product.equals("MariaDB") ? "server"
                    : "MySQL server") + " during query");
        }
        String message = e.getMessage() == null ? "" : CONNECTOR_PREFIX.matcher(e.getMessage()).replaceFirst("");
        return new SqlError(e.getErrorCode(), e.getSQLState() == null ? "HY000" : e.getSQLState(), message);
    }

    private static List<StatementResult.Warning> showWarnings(Connection c) throws SQLException {
        List<StatementResult.Warning> out = new ArrayList<>();
        try (Statement st = c.createStatement(); java.sql.ResultSet rs = st.executeQuery("SHOW WARNINGS")) {
            while (rs.next()) {
                out.add(new StatementResult.Warning(rs.getString(1), rs.getInt(2), rs.getString(3)));
            }
        }
        return out;
    }

    static ResultSet resultSet(java.sql.ResultSet rs) throws SQLException {
        ResultSetMetaData md = rs.getMetaData();
        List<ResultSet.Column> columns = new ArrayList<>();
        for (int i = 1; i <= md.getColumnCount(); i++) {
            columns.add(new ResultSet.Column(md.getColumnLabel(i), NUMERIC.contains(md.getColumnType(i))));
        }
        List<List<String>> rows = new ArrayList<>();
        while (rs.next()) {
            List<String> row = new ArrayList<>();
            for (int i = 1; i <= columns.size(); i++) {
                row.add(temporal(md.getColumnType(i)) ? serverText(rs, i) : rs.getString(i));
            }
            rows.add(row);
        }
        return new ResultSet(columns, rows);
    }

    private static boolean temporal(int sqlType) {
        return sqlType == java.sql.Types.TIMESTAMP || sqlType == java.sql.Types.TIME;
    }

    /**
     * A DATETIME or TIME as the server sent it and the mysql client prints it: the driver's getString writes
     * every fraction with six digits (DATETIME(2)'s 10:00:00.12 as 10:00:00.120000), so the fraction is cut back
     * to the column's own digits.
     */
    private static String serverText(java.sql.ResultSet rs, int i) throws SQLException {
        String s = rs.getString(i);
        int dot = s == null ? -1 : s.lastIndexOf('.');
        if (dot < 0) {
            return s;
        }
        int digits = rs.getMetaData().getScale(i);
        return digits == 0 ? s.substring(0, dot) : s.substring(0, Math.min(s.length(), dot + 1 + digits));
    }
}
