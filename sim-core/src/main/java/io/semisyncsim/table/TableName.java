package io.semisyncsim.table;

/** A table's database and name, as {@code db.t}. */
public record TableName(String db, String name) {

    @Override
    public String toString() {
        return db + "." + name;
    }
}
