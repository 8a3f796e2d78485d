package io.semisyncsim.server;

import io.semisyncsim.binlog.Transaction;
import io.semisyncsim.error.SqlError;
import io.semisyncsim.flavor.Flavor;
import io.semisyncsim.server.StatementResult.Warning;
import io.semisyncsim.sql.Expr;
import io.semisyncsim.sql.Parser;
import io.semisyncsim.sql.Statement;
import io.semisyncsim.table.Catalog;
import io.semisyncsim.table.ColumnDef;
import io.semisyncsim.table.ColumnType;
import io.semisyncsim.table.Ddl;
import io.semisyncsim.table.Table;
import io.semisyncsim.table.TableDef;
import io.semisyncsim.table.TableError;
import io.semisyncsim.table.TableName;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * CREATE/DROP DATABASE, USE, CREATE TABLE [LIKE], DROP TABLE, TRUNCATE and ALTER TABLE ADD/DROP COLUMN,
 * with MySQL's checks in MySQL's order. A DDL is its own transaction: the caller has committed any open
 * one first; the DDL then answers {@code CommitNeeded} with a Query event whose effect every node
 * applies at commit (the source at its engine commit, replicas in their SQL thread).
 */
final class DdlStatements {
    private final Mysqld server;

    DdlStatements(Mysqld server) {
        this.server = server;
    }

    private Flavor flavor() {
        return server.flavor();
    }

    private Catalog catalog() {
        return server.store().catalog();
    }

    static boolean handles(Statement s) {
        return s instanceof Statement.CreateDatabase || s instanceof Statement.DropDatabase
                || s instanceof Statement.CreateTable || s instanceof Statement.DropTable
                || s instanceof Statement.Truncate || s instanceof Statement.AlterTable;
    }

    /** The binlogged answer: a Query event of the statement as the client sent it, in the session's database. */
    private StatementResult logged(Session session, String sql, Ddl effect, long affected,
                                   List<Warning> warnings, String info) {
        String db = effect != null && effect.suppressesUse() ? databaseOf(effect) : session.database();
        int clockBytes = convertsADefault(effect) ? flavor().sql().timeZoneBytes() : 0;
        return new StatementResult.CommitNeeded(List.of(), affected,
                new Transaction.Query(db, Parser.withoutTerminator(sql), effect, null, clockBytes), warnings, info,
                false);
    }

    /**
     * Whether a CREATE TABLE converts a TIMESTAMP's DEFAULT with the session's time zone, so that its Query
     * event carries the zone (measured on MariaDB 10.11.18: DEFAULT '2020-01-01 00:00:00' does, DEFAULT
     * CURRENT_TIMESTAMP and the zero date do not).
     */
    private static boolean convertsADefault(Ddl effect) {
        if (effect instanceof Ddl.CreateTable c) {
            for (ColumnDef column : c.def().columns()) {
                if (column.defaultValue().kind() == ColumnDef.Default.Kind.VALUE
                        && column.type().convertsWithTimeZone(column.defaultValue().value())) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The database a CREATE or DROP DATABASE names, which its Query event carries instead of the session's. */
    private static String databaseOf(Ddl effect) {
        return effect instanceof Ddl.CreateDatabase c ? c.name() : ((Ddl.DropDatabase) effect).name();
    }

    StatementResult run(Account account, Statement s, Session session, String sql) throws SqlError {
        if (s instanceof Statement.CreateDatabase c) {
            return createDatabase(account, c, session, sql);
        }
        if (s instanceof Statement.DropDatabase d) {
            return dropDatabase(account, d, session, sql);
        }
        if (s instanceof Statement.CreateTable c) {
            return createTable(account, c, session, sql);
        }
        if (s instanceof Statement.DropTable d) {
            return dropTable(account, d, session, sql);
        }
        if (s instanceof Statement.Truncate t) {
            return truncate(account, t, session, sql);
        }
        return alter(account, (Statement.AlterTable) s, session, sql);
    }

    /** USE db: no commit, nothing logged. */
    StatementResult use(Account account, Statement.Use s, Session session) throws SqlError {
        if (!catalog().hasDatabase(s.db())) {
            throw flavor().error(1049, s.db());
        }
        // Everyone may USE information_schema; any other database needs some privilege on it.
        if (!s.db().equalsIgnoreCase("information_schema") && !account.grants().hasAnyOn(s.db())) {
            throw flavor().error(1044, account.user(), account.host(), s.db());
        }
        session.setDatabase(s.db());
        return StatementExecutor.ok(List.of());
    }

    private StatementResult createDatabase(Account account, Statement.CreateDatabase s, Session session, String sql)
            throws SqlError {
        if (!account.hasOn("CREATE", s.name(), null)) {
            throw flavor().error(1044, account.user(), account.host(), s.name());
        }
        if (catalog().hasDatabase(s.name())) {
            if (!s.ifNotExists()) {
                throw flavor().error(1007, s.name());
            }
            // Written all the same, as CREATE DATABASE is: the database it names, no `use` (measured on MariaDB)
            return logged(session, sql, new Ddl.CreateDatabase(s.name()), 0, List.of(note(1007, s.name())), null);
        }
        return logged(session, sql, new Ddl.CreateDatabase(s.name()), 1, List.of(), null);
    }

    private Warning note(Object key, Object... args) {
        SqlError e = flavor().error(key.toString(), args);
        return new Warning("Note", e.code(), e.getMessage());
    }

    private StatementResult dropDatabase(Account account, Statement.DropDatabase s, Session session, String sql)
            throws SqlError {
        if (Catalog.isSystemSchema(s.name()) || !account.hasOn("DROP", s.name(), null)) {
            throw flavor().error(1044, account.user(), account.host(), s.name());
        }
        if (!catalog().hasDatabase(s.name())) {
            if (!s.ifExists()) {
                throw flavor().error(1008, s.name());
            }
            // written all the same, and as a DROP DATABASE is: in the database it names, without `use`
            // (measured on MariaDB 10.11.18)
            return logged(session, sql, new Ddl.DropDatabase(s.name()), 0, List.of(note(1008, s.name())), null);
        }
        long tables = catalog().tableNames(s.name()).size();
        StatementResult r = logged(session, sql, new Ddl.DropDatabase(s.name()), tables, List.of(), null);
        if (s.name().equals(session.database())) {
            session.setDatabase(null); // DATABASE() is NULL once the current database is gone
        }
        return r;
    }

    // --- CREATE TABLE

    private StatementResult createTable(Account account, Statement.CreateTable s, Session session, String sql)
            throws SqlError {
        String db = Tables.database(flavor(), session, s.table().db());
        if (!catalog().hasDatabase(db)) {
            throw flavor().error(1049, db);
        }
        Tables.notSystem(flavor(), db, s.table().name());
        Tables.requireOn(flavor(), account, "CREATE", db, s.table().name());
        TableDef def;
        List<Warning> warnings = new ArrayList<>();
        if (s.like() != null) {
            Tables.Resolved source = Tables.resolve(server, session, account, s.like(), "SELECT");
            def = source.table().def().withName(db, s.table().name());
        } else {
            def = tableDef(db, s, warnings);
        }
        if (catalog().table(db, s.table().name()) != null) {
            if (!s.ifNotExists()) {
                throw flavor().error(1050, s.table().name());
            }
            List<Warning> exists = List.of(note(1050, s.table().name()));
            return flavor().sql().logsCreateTableThatExists() ? logged(session, sql, null, 0, exists, null)
                    : StatementExecutor.ok(exists); // MariaDB writes nothing (measured on 10.11.19)
        }
        return logged(session, sql, new Ddl.CreateTable(def, s.ifNotExists()), 0, warnings, null);
    }

    private TableDef tableDef(String db, Statement.CreateTable s, List<Warning> warnings) throws SqlError {
        if (s.columns().isEmpty()) {
            throw flavor().error(1113);
        }
        List<String> primaryKey = new ArrayList<>();
        int keyClauses = s.primaryKeys().size();
        for (Statement.ColumnSpec c : s.columns()) {
            if (c.primaryKey()) {
                keyClauses++;
                primaryKey.add(c.name());
            }
        }
        if (keyClauses > 1) {
            throw flavor().error(1068);
        }
        if (!s.primaryKeys().isEmpty()) {
            primaryKey.addAll(s.primaryKeys().get(0));
        }
        List<ColumnDef> columns = new ArrayList<>();
        TreeSet<String> names = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        boolean firstTimestamp = true;
        for (Statement.ColumnSpec spec : s.columns()) {
            if (!names.add(spec.name())) {
                throw flavor().error(1060, spec.name());
            }
            boolean inKey = primaryKey.stream().anyMatch(spec.name()::equalsIgnoreCase);
            ColumnDef c = columnDef(spec, inKey);
            if (c.type().kind() == ColumnType.Kind.TIMESTAMP && !flavor().sql().explicitDefaultsForTimestamp()) {
                c = implicitTimestamp(c, spec, firstTimestamp);
                firstTimestamp = false;
            }
            columns.add(c);
        }
        for (String k : primaryKey) {
            if (!names.contains(k)) {
                throw flavor().error(1072, k);
            }
        }
        for (int i = 0; i < columns.size(); i++) {
            ColumnDef c = columns.get(i);
            if (c.autoIncrement() && (primaryKey.isEmpty() || !primaryKey.get(0).equalsIgnoreCase(c.name()))
                    && s.indexes().stream().noneMatch(x -> x.columns().get(0).equalsIgnoreCase(c.name()))) {
                throw flavor().error(1075);
            }
        }
        List<String> keyNames = new ArrayList<>();
        for (String k : primaryKey) {
            keyNames.add(columns.get(indexOf(columns, k)).name());
        }
        List<TableDef.Index> indexes = new ArrayList<>();
        for (Statement.IndexSpec spec : s.indexes()) {
            indexes.add(index(spec, columns, indexes, db, s.table().name(), warnings));
        }
        return new TableDef(db, s.table().name(), columns, keyNames, TableDef.keyOrder(indexes, columns),
                options(s.options()), false);
    }

    private static int indexOf(List<ColumnDef> columns, String name) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equalsIgnoreCase(name)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * A key as {@code spec} defines it beside {@code existing}: named after its first column, with _2, _3
     * when that name is taken (sql_table.cc make_unique_key_name); a name written twice is 1061, and a key
     * of the same kind on the same columns as another is allowed with ER_DUP_INDEX (check_duplicate_key).
     */
    private TableDef.Index index(Statement.IndexSpec spec, List<ColumnDef> columns, List<TableDef.Index> existing,
                                 String db, String table, List<Warning> warnings) throws SqlError {
        List<String> cols = new ArrayList<>();
        for (String c : spec.columns()) {
            int k = indexOf(columns, c);
            if (k < 0) {
                throw flavor().error(1072, c);
            }
            if (cols.stream().anyMatch(columns.get(k).name()::equalsIgnoreCase)) {
                throw flavor().error(1060, c); // a column twice in one key
            }
            cols.add(columns.get(k).name());
        }
        if (spec.name() != null && spec.name().equalsIgnoreCase("PRIMARY")) {
            throw flavor().error(1280, spec.name()); // only the primary key is called so
        }
        for (String c : cols) {
            if ((columns.get(indexOf(columns, c)).type().isText() || columns.get(indexOf(columns, c)).type().isBlob())
                    && !(spec.unique() && flavor().sql().textUniqueKeysHashed())) {
                if (flavor().sql().textUniqueKeysHashed()) { // MariaDB makes a prefix key of it, with a warning
                    throw flavor().error("9000-clause", "CREATE", "a key on a TEXT column");
                }
                throw flavor().error(1170, c); // a TEXT column's key needs a prefix length (mysql_prepare_create_table)
            }
        }
        TreeSet<String> used = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        used.add("PRIMARY");
        existing.forEach(x -> used.add(x.name()));
        String name = spec.name();
        if (name == null) {
            name = cols.get(0);
            for (int n = 2; used.contains(name); n++) {
                name = cols.get(0) + "_" + n;
            }
        } else if (used.contains(name)) {
            throw flavor().error(1061, name);
        }
        TableDef.Index index = new TableDef.Index(name, cols, spec.unique());
        for (TableDef.Index other : existing) {
            if (other.unique() == index.unique() && sameColumns(other.columns(), cols)) {
                SqlError e = flavor().error(1831, name, db, table);
                warnings.add(new Warning(flavor().sql().duplicateIndexLevel(), e.code(), e.getMessage()));
                break;
            }
        }
        return index;
    }

    private static boolean sameColumns(List<String> a, List<String> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (!a.get(i).equalsIgnoreCase(b.get(i))) {
                return false;
            }
        }
        return true;
    }

    private TableDef.Options options(Map<String, String> written) throws SqlError {
        String engine = "InnoDB";
        String charset = null;
        String collation = null;
        String comment = null;
        long autoIncrement = 0;
        for (Map.Entry<String, String> o : written.entrySet()) {
            switch (o.getKey()) {
                case "ENGINE", "TYPE" -> engine = engine(o.getValue());
                case "CHARSET" -> charset = o.getValue().toLowerCase(Locale.ROOT);
                case "COLLATE" -> collation = o.getValue().toLowerCase(Locale.ROOT);
                case "COMMENT" -> comment = o.getValue();
                case "AUTO_INCREMENT" -> autoIncrement = autoIncrementOption(o.getValue());
                default -> {
                    // ROW_FORMAT, KEY_BLOCK_SIZE...: accepted, no effect in the model
                }
            }
        }
        return new TableDef.Options(engine, charset, collation, comment, autoIncrement);
    }

    /** AUTO_INCREMENT=n: the counter's first value (a number the grammar takes as ulonglong_num). */
    private long autoIncrementOption(String written) throws SqlError {
        try {
            return Long.parseLong(written);
        } catch (NumberFormatException e) {
            throw flavor().error(1064, "AUTO_INCREMENT=" + written, 1);
        }
    }

    /** The engine's name as SHOW CREATE TABLE writes it; an unknown one is 1286 (NO_ENGINE_SUBSTITUTION). */
    private String engine(String written) throws SqlError {
        return switch (written.toUpperCase(Locale.ROOT)) {
            case "INNODB" -> "InnoDB";
            case "MYISAM" -> "MyISAM";
            case "MEMORY", "HEAP" -> "MEMORY";
            case "CSV" -> "CSV";
            case "ARCHIVE" -> "ARCHIVE";
            case "BLACKHOLE" -> "BLACKHOLE";
            case "ARIA" -> {
                if (!flavor().isMariaDb()) {
                    throw flavor().error(1286, written);
                }
                yield "Aria";
            }
            default -> throw flavor().error(1286, written);
        };
    }

    /** The digits of a second CURRENT_TIMESTAMP(n) asks for (a literal n; 0 when none). */
    private static int fsp(Expr.Function now) {
        return now.args().size() == 1 && now.args().get(0) instanceof Expr.Literal l && l.value() instanceof Long n
                ? n.intValue() : 0;
    }

    /** A column as written: its type, NULL-ness (a key column is NOT NULL), default, AUTO_INCREMENT. */
    private ColumnDef columnDef(Statement.ColumnSpec spec, boolean inKey) throws SqlError {
        ColumnType type = type(spec.type(), spec.name());
        if (inKey && Boolean.TRUE.equals(spec.nullable())) {
            throw flavor().error(1171);
        }
        boolean nullable = !inKey && (spec.nullable() == null || spec.nullable());
        if (spec.autoIncrement() && !type.kind().isInteger()) {
            throw flavor().error(1063, spec.name());
        }
        ColumnDef.Default d;
        Expr e = spec.defaultValue();
        if (e == null) {
            d = nullable ? ColumnDef.Default.NULL : ColumnDef.Default.NONE;
        } else if (e instanceof Expr.Function f && (f.name().equals("NOW") || f.name().equals("CURRENT_TIMESTAMP")
                || f.name().equals("LOCALTIME") || f.name().equals("LOCALTIMESTAMP"))) {
            if (type.kind() != ColumnType.Kind.DATETIME && type.kind() != ColumnType.Kind.TIMESTAMP
                    || flavor().sql().nowDefaultFspMustMatch() && fsp(f) != type.fsp()) {
                throw flavor().error(1067, spec.name()); // MySQL: CURRENT_TIMESTAMP(n) of the column's own n
            }
            d = ColumnDef.Default.NOW;
        } else {
            Object v = e instanceof Expr.Literal l ? l.value() : null;
            if (v == null) {
                if (!nullable) {
                    throw flavor().error(1067, spec.name());
                }
                d = ColumnDef.Default.NULL;
            } else {
                try {
                    d = ColumnDef.Default.of(type.store(v, new ColumnType.Target("", "", spec.name(), 1, flavor().sql().noZeroDates(),
                            flavor().sql().roundFractions()), n -> { }));
                } catch (TableError x) {
                    throw flavor().error(1067, spec.name());
                }
            }
        }
        if (spec.autoIncrement()) {
            d = ColumnDef.Default.NONE;
        }
        return new ColumnDef(spec.name(), type, nullable, d, spec.autoIncrement(), spec.onUpdateNow());
    }

    /**
     * 5.7's explicit_defaults_for_timestamp = OFF: a TIMESTAMP without NULL is NOT NULL; the first one
     * without a default gets DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP; a later one would
     * default to the zero date, which strict mode's NO_ZERO_DATE refuses (1067).
     */
    private ColumnDef implicitTimestamp(ColumnDef c, Statement.ColumnSpec spec, boolean first) throws SqlError {
        if (spec.nullable() != null && spec.nullable()) {
            return c;
        }
        ColumnDef notNull = c.withNullable(false);
        if (spec.defaultValue() != null) {
            return notNull;
        }
        if (first && !spec.onUpdateNow()) {
            return new ColumnDef(c.name(), c.type(), false, ColumnDef.Default.NOW, false, true);
        }
        throw flavor().error(1067, c.name());
    }

    /** The column types the model has; another one is the simulator's own 9000. */
    private ColumnType type(Statement.TypeSpec t, String column) throws SqlError {
        List<Integer> a = t.args();
        int first = a.isEmpty() ? 0 : a.get(0);
        return switch (t.name()) {
            case "TINYINT" -> ColumnType.integer(ColumnType.Kind.TINYINT, first, t.unsigned());
            case "BOOL", "BOOLEAN" -> ColumnType.integer(ColumnType.Kind.TINYINT, 1, false);
            case "SMALLINT" -> ColumnType.integer(ColumnType.Kind.SMALLINT, first, t.unsigned());
            case "MEDIUMINT" -> ColumnType.integer(ColumnType.Kind.MEDIUMINT, first, t.unsigned());
            case "INT", "INTEGER" -> ColumnType.integer(ColumnType.Kind.INT, first, t.unsigned());
            case "BIGINT" -> ColumnType.integer(ColumnType.Kind.BIGINT, first, t.unsigned());
            case "DECIMAL", "DEC", "NUMERIC", "FIXED" -> {
                int precision = a.isEmpty() ? 10 : a.get(0);
                int scale = a.size() > 1 ? a.get(1) : 0;
                if (precision > 65) {
                    throw flavor().error(1426, precision, column, 65);
                }
                if (scale > 30 || scale > precision) {
                    throw flavor().error(1425, scale, column, 30);
                }
                yield ColumnType.decimal(precision, scale);
            }
            case "CHAR" -> ColumnType.text(ColumnType.Kind.CHAR, a.isEmpty() ? 1 : first);
            case "VARCHAR" -> ColumnType.text(ColumnType.Kind.VARCHAR, first);
            case "DOUBLE", "REAL" -> { // REAL is DOUBLE unless sql_mode has REAL_AS_FLOAT (no default does)
                if (!a.isEmpty()) {
                    throw flavor().error("9000-type", t.name() + "(M,D)");
                }
                yield ColumnType.of(ColumnType.Kind.DOUBLE);
            }
            case "ENUM" -> ColumnType.enumeration(t.values());
            case "SET" -> ColumnType.set(t.values());
            case "JSON" -> { // MariaDB: LONGTEXT with a CHECK; MySQL's own binary type is not modelled
                if (!flavor().sql().jsonIsLongtext()) {
                    throw flavor().error("9000-type", t.name());
                }
                yield ColumnType.of(ColumnType.Kind.JSON);
            }
            case "VARBINARY" -> ColumnType.text(ColumnType.Kind.VARBINARY, first);
            case "TINYBLOB", "BLOB", "MEDIUMBLOB", "LONGBLOB" -> {
                if (!a.isEmpty()) { // BLOB(n): the smallest that holds n bytes
                    throw flavor().error("9000-type", t.name() + "(n)");
                }
                yield ColumnType.of(ColumnType.Kind.valueOf(t.name()));
            }
            case "TINYTEXT" -> ColumnType.of(ColumnType.Kind.TINYTEXT);
            case "TEXT" -> ColumnType.of(ColumnType.Kind.TEXT);
            case "MEDIUMTEXT" -> ColumnType.of(ColumnType.Kind.MEDIUMTEXT);
            case "LONGTEXT" -> ColumnType.of(ColumnType.Kind.LONGTEXT);
            case "DATE" -> ColumnType.of(ColumnType.Kind.DATE);
            case "TIME" -> {
                if (first > 6) {
                    throw flavor().error(1426, first, column, 6);
                }
                yield ColumnType.temporal(ColumnType.Kind.TIME, first);
            }
            case "YEAR" -> {
                if (!a.isEmpty() && first != 4) { // YEAR(2) is gone (MySQL 5.7.5, MariaDB takes it as YEAR(4))
                    throw flavor().error("9000-type", t.name() + "(" + first + ")");
                }
                yield ColumnType.of(ColumnType.Kind.YEAR);
            }
            case "DATETIME", "TIMESTAMP" -> {
                if (first > 6) {
                    throw flavor().error(1426, first, column, 6);
                }
                yield ColumnType.temporal(t.name().equals("DATETIME") ? ColumnType.Kind.DATETIME
                        : ColumnType.Kind.TIMESTAMP, first);
            }
            default -> throw flavor().error("9000-type", t.name());
        };
    }

    // --- DROP, TRUNCATE, ALTER

    private StatementResult dropTable(Account account, Statement.DropTable s, Session session, String sql)
            throws SqlError {
        List<TableName> existing = new ArrayList<>();
        List<TableName> named = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (Statement.TableRef ref : s.tables()) {
            String db = Tables.database(flavor(), session, ref.db());
            Tables.notSystem(flavor(), db, ref.name());
            Tables.requireOn(flavor(), account, "DROP", db, ref.name());
            named.add(new TableName(db, ref.name()));
            if (catalog().table(db, ref.name()) != null) {
                existing.add(new TableName(db, ref.name()));
            } else {
                missing.add(db + "." + ref.name());
            }
        }
        List<Warning> warnings = new ArrayList<>();
        if (!missing.isEmpty()) {
            if (!s.ifExists()) {
                SqlError unknown = flavor().error(1051, String.join(",", missing));
                // MySQL 8.0's atomic DROP TABLE drops nothing when one is missing; 5.7 and MariaDB drop
                // (and log) the others, then report the missing ones (sql_table.cc mysql_rm_table_no_locks).
                if (flavor().sql().atomicDropTable() || existing.isEmpty()) {
                    throw unknown;
                }
                // it writes every table named, the missing too, with the error in its Query event (the replica
                // expects the same), measured on MariaDB 10.11.18: "DROP TABLE `nosuch1`,`a` /* generated ... */"
                return new StatementResult.CommitNeeded(List.of(), 0, new Transaction.Query(session.database(),
                        droppedText(s, named, session), new Ddl.DropTables(existing)), List.of(), null, false, unknown);
            }
            if (flavor().sql().dropTableNotePerTable()) {
                for (String m : missing) {
                    warnings.add(note(1051, m));
                }
            } else {
                warnings.add(note(1051, String.join(",", missing)));
            }
        }
        // With IF EXISTS the server writes every table named, there or not, so a replica that has one drops it
        // (measured on MariaDB 10.11.19: "DROP TABLE IF EXISTS `nosuch` /* generated by server */").
        List<TableName> written = s.ifExists() ? named : existing;
        return logged(session, droppedText(s, written, session), new Ddl.DropTables(written), 0, warnings, null);
    }

    /**
     * What the binlog says of a DROP TABLE: the server writes it anew for the tables it dropped, names in
     * backquotes and with their database when it is not the session's (sql_table.cc
     * mysql_rm_table_no_locks: "DROP TABLE `shop`.`audit` /* generated by server *&#47;", measured on
     * MariaDB 10.11.18).
     */
    private static String droppedText(Statement.DropTable s, List<TableName> dropped, Session session) {
        StringBuilder text = new StringBuilder("DROP TABLE ");
        if (s.ifExists()) {
            text.append("IF EXISTS ");
        }
        for (int i = 0; i < dropped.size(); i++) {
            TableName t = dropped.get(i);
            text.append(i == 0 ? "" : ",");
            if (!t.db().equals(session.database())) {
                text.append('`').append(t.db()).append("`.");
            }
            text.append('`').append(t.name()).append('`');
        }
        return text.append(" /* generated by server */").toString();
    }

    private StatementResult truncate(Account account, Statement.Truncate s, Session session, String sql)
            throws SqlError {
        Tables.Resolved r = Tables.resolve(server, session, account, s.table(), "DROP");
        return logged(session, sql, new Ddl.TruncateTable(new TableName(r.db(), r.name())), 0, List.of(), null);
    }

    private StatementResult alter(Account account, Statement.AlterTable s, Session session, String sql)
            throws SqlError {
        String db = Tables.database(flavor(), session, s.table().db());
        Tables.notSystem(flavor(), db, s.table().name());
        Tables.requireOn(flavor(), account, s.privilege(), db, s.table().name());
        Table table = catalog().table(db, s.table().name());
        if (table == null) {
            throw flavor().error(1146, db, s.table().name());
        }
        TableDef def = table.def();
        List<ColumnDef> columns = new ArrayList<>(def.columns());
        List<Integer> from = new ArrayList<>();
        List<Object> fill = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            from.add(i);
            fill.add(null);
        }
        List<String> primaryKey = new ArrayList<>(def.primaryKey());
        List<TableDef.Index> indexes = new ArrayList<>(def.indexes());
        List<Warning> warnings = new ArrayList<>();
        long counter = 0; // AUTO_INCREMENT = n
        for (Statement.AlterAction action : s.actions()) {
            if (action instanceof Statement.AddIndex add) {
                indexes.add(index(add.index(), columns, indexes, db, def.name(), warnings));
            } else if (action instanceof Statement.DropIndex drop) {
                if (!indexes.removeIf(x -> x.name().equalsIgnoreCase(drop.name()))) {
                    throw flavor().error("1091-index", drop.name());
                }
            } else if (action instanceof Statement.AddColumn add) {
                Statement.ColumnSpec spec = add.column();
                if (indexOf(columns, spec.name()) >= 0) {
                    throw flavor().error(1060, spec.name());
                }
                if (spec.primaryKey() && !primaryKey.isEmpty()) {
                    throw flavor().error(1068);
                }
                ColumnDef c = columnDef(spec, spec.primaryKey());
                int at = columns.size();
                if (add.after() != null) {
                    at = add.after().isEmpty() ? 0 : indexOf(columns, add.after()) + 1;
                    if (at == 0 && !add.after().isEmpty()) {
                        throw flavor().error(1054, add.after(), s.table().name());
                    }
                }
                columns.add(at, c);
                from.add(at, -1);
                fill.add(at, addedValue(c));
                if (spec.primaryKey()) {
                    primaryKey.add(c.name());
                }
                if (spec.unique()) {
                    indexes.add(index(new Statement.IndexSpec(null, List.of(c.name()), true), columns, indexes, db,
                            def.name(), warnings));
                }
            } else if (action instanceof Statement.SetAutoIncrement set) {
                counter = Math.max(set.value(), 1);
            } else {
                Statement.DropColumn drop = (Statement.DropColumn) action;
                int at = indexOf(columns, drop.name());
                if (at < 0) {
                    throw flavor().error(1091, drop.name());
                }
                if (columns.size() == 1) {
                    throw flavor().error(1090);
                }
                String name = columns.get(at).name();
                columns.remove(at);
                from.remove(at);
                fill.remove(at);
                primaryKey.removeIf(name::equalsIgnoreCase);
                indexes.replaceAll(x -> without(x, name)); // the column leaves its keys; a key of it alone goes
                indexes.removeIf(x -> x.columns().isEmpty());
            }
        }
        int[] fromArray = from.stream().mapToInt(Integer::intValue).toArray();
        TableDef altered = def.withColumns(columns, primaryKey, TableDef.keyOrder(indexes, columns));
        refuseDuplicates(table, altered, fromArray, fill.toArray());
        return logged(session, sql, new Ddl.AlterTable(new TableName(db, def.name()), altered, fromArray, fill.toArray(),
                        counter),
                0, warnings, "Records: 0  Duplicates: 0  Warnings: " + warnings.size());
    }

    private static TableDef.Index without(TableDef.Index index, String column) {
        List<String> kept = new ArrayList<>(index.columns());
        kept.removeIf(column::equalsIgnoreCase);
        return kept.size() == index.columns().size() ? index : new TableDef.Index(index.name(), kept, index.unique());
    }

    /**
     * The table's rows as the ALTER rebuilds them, in primary key order, must not share a unique key's values
     * (NULLs apart): the copy into the new table meets the second such row with 1062 for that key
     * (sql_table.cc copy_data_between_tables), and nothing changes.
     */
    private void refuseDuplicates(Table table, TableDef altered, int[] from, Object[] fill) throws SqlError {
        List<TableDef.Index> uniques = altered.uniqueKeys();
        if (uniques.isEmpty()) {
            return;
        }
        List<TreeSet<Object[]>> seen = new ArrayList<>();
        int[][] positions = new int[uniques.size()][];
        for (int u = 0; u < uniques.size(); u++) {
            seen.add(new TreeSet<>(DmlStatements::compareKeys));
            positions[u] = altered.columnIndexes(uniques.get(u));
        }
        SqlError[] found = {null};
        table.forEachRow(old -> {
            if (found[0] != null) {
                return;
            }
            Object[] row = new Object[from.length];
            for (int k = 0; k < from.length; k++) {
                row[k] = from[k] < 0 ? fill[k] : old[from[k]];
            }
            for (int u = 0; u < uniques.size(); u++) {
                Object[] key = Table.values(row, positions[u]);
                if (key != null && !seen.get(u).add(key)) {
                    // the key the index holds already, the earlier row's (measured on MariaDB 10.11.18: rows 'a'
                    // then 'A' report 'a'; 'B', 'b', 'a', 'A' report 'B')
                    Object[] held = seen.get(u).floor(key);
                    found[0] = flavor().error(1062, Table.keyText(held), altered.name(), uniques.get(u).name());
                    return;
                }
            }
        });
        if (found[0] != null) {
            throw found[0];
        }
    }

    /** What existing rows hold in an added column: its default, or its type's implicit one when NOT NULL. */
    private Object addedValue(ColumnDef c) {
        return switch (c.defaultValue().kind()) {
            case VALUE -> c.defaultValue().value();
            case NOW -> VirtualTimestamps.datetime(server.now(), c.type().fsp());
            case NULL -> null;
            default -> c.nullable() ? null : c.type().isNumeric() ? (Object) (c.type().kind() == ColumnType.Kind.DECIMAL
                    ? (Object) java.math.BigDecimal.ZERO.setScale(c.type().scale()) : 0L)
                    : c.type().isTemporal() ? (c.type().kind() == ColumnType.Kind.DATE ? "0000-00-00" : "0000-00-00 00:00:00")
                    : "";
        };
    }
}
