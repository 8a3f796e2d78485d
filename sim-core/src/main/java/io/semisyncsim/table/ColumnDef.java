package io.semisyncsim.table;

/**
 * A column of a table: name, type, whether it takes NULL, its default and AUTO_INCREMENT.
 *
 * @param defaultValue what an INSERT that omits the column stores: {@link Default#NONE} (no default:
 *     an error for a NOT NULL column, as strict mode has it), NULL, a value, or CURRENT_TIMESTAMP
 * @param onUpdateNow TIMESTAMP/DATETIME ... ON UPDATE CURRENT_TIMESTAMP
 */
public record ColumnDef(String name, ColumnType type, boolean nullable, Default defaultValue, boolean autoIncrement,
                        boolean onUpdateNow) {

    /** A column default. */
    public record Default(Kind kind, Object value) {
        public enum Kind { NONE, NULL, VALUE, NOW }

        public static final Default NONE = new Default(Kind.NONE, null);
        public static final Default NULL = new Default(Kind.NULL, null);
        public static final Default NOW = new Default(Kind.NOW, null);

        public static Default of(Object value) {
            return value == null ? NULL : new Default(Kind.VALUE, value);
        }
    }

    public ColumnDef withNullable(boolean nullable) {
        return new ColumnDef(name, type, nullable, defaultValue, autoIncrement, onUpdateNow);
    }

    public ColumnDef withDefault(Default d) {
        return new ColumnDef(name, type, nullable, d, autoIncrement, onUpdateNow);
    }
}
