package io.semisyncsim.server;

import io.semisyncsim.flavor.Flavor;
import io.semisyncsim.table.ColumnDef;
import io.semisyncsim.table.ColumnType;
import io.semisyncsim.table.Table;
import io.semisyncsim.table.TableDef;
import io.semisyncsim.table.Values;
import java.util.ArrayList;
import java.util.List;

/**
 * SHOW CREATE TABLE's text, as each server writes it back (sql_show.cc store_create_info): types with
 * or without integer display widths, numeric defaults quoted (MySQL) or not (MariaDB),
 * CURRENT_TIMESTAMP or current_timestamp(), the default character set clause.
 */
final class CreateTableText {
    private CreateTableText() {
    }

    static String of(TableDef def, Table table, Flavor flavor) {
        Flavor.SqlRules rules = flavor.sql();
        List<String> lines = new ArrayList<>();
        for (ColumnDef c : def.columns()) {
            lines.add("  " + column(c, rules));
        }
        if (!def.primaryKey().isEmpty()) {
            lines.add("  PRIMARY KEY (" + quotedList(def.primaryKey()) + ")");
        }
        for (TableDef.Index i : def.indexes()) {
            boolean hashed = i.unique() && flavor.sql().textUniqueKeysHashed() && i.columns().stream()
                    .anyMatch(c -> def.column(c).type().isText() || def.column(c).type().isBlob()); // a long unique key
            lines.add("  " + (i.unique() ? "UNIQUE KEY `" : "KEY `") + i.name() + "` (" + quotedList(i.columns()) + ")"
                    + (hashed ? " USING HASH" : ""));
        }
        StringBuilder out = new StringBuilder("CREATE TABLE `").append(def.name()).append("` (\n");
        out.append(String.join(",\n", lines)).append("\n) ENGINE=").append(def.options().engine());
        boolean autoIncrement = def.columns().stream().anyMatch(ColumnDef::autoIncrement);
        if (autoIncrement && table != null && table.nextAutoIncrement() > 1) {
            out.append(" AUTO_INCREMENT=").append(table.nextAutoIncrement());
        }
        out.append(charset(def.options(), rules));
        if (def.options().comment() != null) {
            out.append(" COMMENT='").append(def.options().comment().replace("'", "''")).append('\'');
        }
        return out.toString();
    }

    private static String charset(TableDef.Options o, Flavor.SqlRules rules) {
        if (o.charset() == null && o.collation() == null) {
            return rules.tableOptions();
        }
        String cs = o.charset() != null ? o.charset().toLowerCase(java.util.Locale.ROOT)
                : o.collation().substring(0, o.collation().indexOf('_') < 0 ? o.collation().length() : o.collation().indexOf('_'));
        if (cs.equals("utf8")) {
            cs = "utf8mb3"; // 8.0.30+ and MariaDB 10.6+ write utf8 as utf8mb3
        }
        String collation = o.collation() != null ? o.collation() : rules.collateWritten() ? rules.defaultCollation(cs) : null;
        return " DEFAULT CHARSET=" + cs + (collation == null ? "" : " COLLATE=" + collation);
    }

    private static String quotedList(List<String> names) {
        List<String> q = new ArrayList<>();
        for (String n : names) {
            q.add("`" + n + "`");
        }
        return String.join(",", q);
    }

    static String column(ColumnDef c, Flavor.SqlRules rules) {
        ColumnType t = c.type();
        StringBuilder s = new StringBuilder("`").append(c.name()).append("` ").append(t.sql(rules.displayWidths()));
        boolean timestamp = t.kind() == ColumnType.Kind.TIMESTAMP;
        boolean text = t.isText() || t.isBlob();
        if (!c.nullable()) {
            s.append(" NOT NULL");
        } else if (timestamp) {
            s.append(" NULL"); // a nullable TIMESTAMP says so: TIMESTAMP columns were NOT NULL by default
        }
        switch (c.defaultValue().kind()) {
            case NULL -> {
                if (c.nullable() && (!text || rules.textDefaultNull())) {
                    s.append(" DEFAULT NULL");
                }
            }
            case VALUE -> s.append(" DEFAULT ").append(literal(c.defaultValue().value(), t, rules));
            case NOW -> s.append(" DEFAULT ").append(now(rules, t.fsp()));
            default -> {
            }
        }
        if (t.kind() == ColumnType.Kind.JSON) {
            s.append(" CHECK (json_valid(`").append(c.name()).append("`))");
        }
        if (c.onUpdateNow()) {
            s.append(" ON UPDATE ").append(now(rules, t.fsp()));
        }
        if (c.autoIncrement()) {
            s.append(" AUTO_INCREMENT");
        }
        return s.toString();
    }

    /** CURRENT_TIMESTAMP as the flavour writes it, with the column's precision (current_timestamp(6)). */
    private static String now(Flavor.SqlRules rules, int fsp) {
        String now = rules.nowText();
        if (fsp == 0) {
            return now;
        }
        return (now.endsWith("()") ? now.substring(0, now.length() - 2) : now) + "(" + fsp + ")";
    }

    private static String literal(Object v, ColumnType t, Flavor.SqlRules rules) {
        String text = Values.text(v);
        if (t.isNumeric() && !rules.quoteNumericDefaults()) {
            return text;
        }
        return "'" + text.replace("\\", "\\\\").replace("'", "''") + "'";
    }
}
