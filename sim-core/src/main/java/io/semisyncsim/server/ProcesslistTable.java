package io.semisyncsim.server;

import io.semisyncsim.flavor.ThreadStyle;
import io.semisyncsim.table.ColumnDef;
import io.semisyncsim.table.ColumnType;
import io.semisyncsim.table.ColumnType.Kind;
import io.semisyncsim.table.TableDef;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * INFORMATION_SCHEMA.PROCESSLIST (sql_show.cc fill_schema_processlist): SHOW PROCESSLIST's threads as a
 * table a SELECT can filter, with the whole statement text and, on MariaDB, its extra columns. The reading
 * session's own row shows its SELECT in the state the flavour gives it (MariaDB "Filling schema table",
 * measured on 10.11.18). Columns whose values the model has no source for (MariaDB's MEMORY_USED,
 * MAX_MEMORY_USED, QUERY_ID, TID) are refused by name when a statement reads them, SELECT * included.
 */
final class ProcesslistTable {
    /** Each column's type as the servers declare it (ST_FIELD_INFO processlist_fields_info). */
    private static final Map<String, ColumnType> TYPES = Map.ofEntries(
            Map.entry("ID", ColumnType.integer(Kind.BIGINT, 4, true)),
            Map.entry("USER", ColumnType.text(Kind.VARCHAR, 128)),
            Map.entry("HOST", ColumnType.text(Kind.VARCHAR, 64)),
            Map.entry("DB", ColumnType.text(Kind.VARCHAR, 64)),
            Map.entry("COMMAND", ColumnType.text(Kind.VARCHAR, 16)),
            Map.entry("TIME", ColumnType.integer(Kind.INT, 7, false)),
            Map.entry("STATE", ColumnType.text(Kind.VARCHAR, 64)),
            Map.entry("INFO", ColumnType.of(Kind.TEXT)),
            Map.entry("TIME_MS", ColumnType.decimal(22, 3)),
            Map.entry("STAGE", ColumnType.integer(Kind.TINYINT, 2, false)),
            Map.entry("MAX_STAGE", ColumnType.integer(Kind.TINYINT, 2, false)),
            Map.entry("PROGRESS", ColumnType.decimal(7, 3)),
            Map.entry("MEMORY_USED", ColumnType.integer(Kind.BIGINT, 7, false)),
            Map.entry("MAX_MEMORY_USED", ColumnType.integer(Kind.BIGINT, 7, false)),
            Map.entry("EXAMINED_ROWS", ColumnType.integer(Kind.INT, 7, false)),
            Map.entry("QUERY_ID", ColumnType.integer(Kind.BIGINT, 4, false)),
            Map.entry("INFO_BINARY", ColumnType.of(Kind.TEXT)),
            Map.entry("TID", ColumnType.integer(Kind.BIGINT, 4, false)));

    private ProcesslistTable() {
    }

    static TableDef def(ThreadStyle.ProcesslistTable table) {
        List<ColumnDef> columns = new ArrayList<>();
        for (String name : table.columns()) {
            boolean nullable = name.equals("DB") || name.equals("STATE") || name.equals("INFO")
                    || name.equals("INFO_BINARY");
            columns.add(new ColumnDef(name, TYPES.get(name), nullable, nullable ? ColumnDef.Default.NULL : null,
                    false, false));
        }
        return new TableDef("information_schema", "PROCESSLIST", columns, List.of(), List.of(),
                TableDef.Options.DEFAULT, false);
    }

    /** The rows {@code account} may see (another user's threads need PROCESS), as SHOW PROCESSLIST lists them. */
    static List<Object[]> rows(Mysqld server, ThreadStyle.ProcesslistTable table, boolean seesAll, String user,
                               Session session) {
        long now = server.now();
        List<Object[]> rows = new ArrayList<>();
        for (ProcessRow p : ProcessRow.visible(server, seesAll, user, session.connectionId())) {
            Threads.Thread t = p.thread();
            String info = t.info() == null ? null : io.semisyncsim.sql.Parser.withoutTerminator(t.info());
            long micros = p.micros(now);
            Object[] row = new Object[table.columns().size()];
            for (int i = 0; i < row.length; i++) {
                row[i] = switch (table.columns().get(i)) {
                    case "ID" -> t.id();
                    case "USER" -> t.user();
                    case "HOST" -> t.host();
                    case "DB" -> p.db(session);
                    case "COMMAND" -> p.command();
                    case "TIME" -> micros / 1_000_000;
                    case "STATE" -> p.state(table.selfState());
                    case "INFO", "INFO_BINARY" -> info;
                    case "TIME_MS" -> BigDecimal.valueOf(micros, 3);
                    case "STAGE", "MAX_STAGE", "EXAMINED_ROWS" -> 0L;
                    case "PROGRESS" -> new BigDecimal("0.000");
                    default -> null; // an unmodelled column: refused before any row is read
                };
            }
            rows.add(row);
        }
        if (table.newestFirst()) {
            java.util.Collections.reverse(rows);
        }
        return rows;
    }
}
