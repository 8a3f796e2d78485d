package io.semisyncsim.table;

import io.semisyncsim.binlog.QueryEffect;
import java.util.List;

/**
 * What a DDL statement does to a node's {@link Catalog}, decided on the source (where its errors are
 * raised) and carried by its Query event, so that every replica applies exactly the same change.
 */
public sealed interface Ddl extends QueryEffect {

    record CreateDatabase(String name) implements Ddl {
        @Override
        public boolean suppressesUse() {
            return true;
        }
    }

    /** Atomic in MariaDB 10.6+: its Query event carries an XID (measured: 9 bytes more than CREATE DATABASE's). */
    record DropDatabase(String name) implements Ddl {
        @Override
        public boolean loggedWithXid() {
            return true;
        }

        @Override
        public boolean suppressesUse() {
            return true;
        }
    }

    /**
     * CREATE TABLE; {@code ifNotExists}: written with IF NOT EXISTS, so a replica that has the table keeps
     * it, where a plain CREATE replaces it (MariaDB's slave_ddl_exec_mode IDEMPOTENT, measured on 10.11.18).
     */
    record CreateTable(TableDef def, boolean ifNotExists) implements Ddl {
        @Override
        public boolean loggedWithXid() {
            return true;
        }

    }

    record DropTables(List<TableName> names) implements Ddl {
        @Override
        public boolean loggedWithXid() {
            return true;
        }

        public DropTables {
            names = List.copyOf(names);
        }
    }

    record TruncateTable(TableName name) implements Ddl {
    }

    /**
     * ALTER TABLE ... ADD/DROP COLUMN: the new definition, and for each new column where its values
     * come from: an old column's position, or -1 with the value in {@code fill} (the added column's
     * default, or its type's implicit one).
     */
    record AlterTable(TableName name, TableDef newDef, int[] from, Object[] fill, long autoIncrement) implements Ddl {
        /** {@code autoIncrement}: AUTO_INCREMENT = n set the counter (0: the rebuild keeps it). */
        public AlterTable(TableName name, TableDef newDef, int[] from, Object[] fill) {
            this(name, newDef, from, fill, 0);
        }

        @Override
        public boolean loggedWithXid() {
            return true;
        }

    }
}
