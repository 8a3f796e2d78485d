package io.semisyncsim.table;

import io.semisyncsim.binlog.EventType;
import io.semisyncsim.binlog.Transaction.RowChange;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The implicit {@code (id, v)} table: keys as {@link KeyRanges}, so ten million increasing keys take a
 * few ranges. A row's value is the generated {@code 'row-KEY'} that commit and workload steps write,
 * synthesized when read; only values written in SQL that differ from it are kept, by key.
 */
public final class ImplicitTable extends Table {
    private final TableDef def;
    private final KeyRanges keys;
    /** Values that are not the generated one (SQL's own), by key; a null value is SQL NULL. */
    private final TreeMap<Long, String> values;

    public ImplicitTable(TableDef def) {
        this(def, new KeyRanges(), new TreeMap<>());
    }

    private ImplicitTable(TableDef def, KeyRanges keys, TreeMap<Long, String> values) {
        this.def = def;
        this.keys = keys;
        this.values = values;
    }

    @Override
    public TableDef def() {
        return def;
    }

    @Override
    public long size() {
        return keys.size();
    }

    public boolean contains(long key) {
        return keys.contains(key);
    }

    public KeyRanges keys() {
        return keys;
    }

    /** The value of an existing row: the one written in SQL, or the generated {@code 'row-KEY'}. */
    public String value(long key) {
        return values.containsKey(key) ? values.get(key) : "row-" + key;
    }

    @Override
    public void forEachRow(Consumer<Object[]> action) {
        keys.forEachKey(k -> action.accept(new Object[] {k, value(k)}));
    }

    @Override
    public boolean hasKey(Object[] key) {
        return key[0] instanceof Long k ? keys.contains(k) : findByKey(key) != null; // a replica asks per row
    }

    @Override
    public Object[] findByKey(Object[] key) {
        if (key[0] == null) {
            return null;
        }
        java.math.BigDecimal d = Values.toDecimal(key[0]); // id = '5' and id = 5.0 find row 5, as MySQL compares
        if (d.signum() != 0 && d.stripTrailingZeros().scale() > 0 || d.compareTo(java.math.BigDecimal.valueOf(Long.MAX_VALUE)) > 0
                || d.compareTo(java.math.BigDecimal.valueOf(Long.MIN_VALUE)) < 0) {
            return null;
        }
        long k = d.longValue();
        if (!keys.contains(k)) {
            return null;
        }
        return new Object[] {k, value(k)};
    }

    @Override
    public void apply(RowChange c) {
        if (c.before() == null && c.after() == null) { // the commit/workload path: a key, a generated value
            if (c.kind() == EventType.DELETE_ROWS) {
                remove(c.key());
            } else if (c.kind() == EventType.UPDATE_ROWS && !keys.contains(c.key())) {
                return; // a replica's statement that matched no row there changes nothing
            } else {
                keys.add(c.key());
                setValue(c.key(), c.value());
            }
            return;
        }
        if (c.before() != null) {
            if (!keys.contains((Long) c.before().get(0))) {
                return; // as above
            }
            remove((Long) c.before().get(0));
        }
        if (c.after() != null) {
            long key = (Long) c.after().get(0);
            keys.add(key);
            String v = (String) c.after().get(1);
            if (v == null) {
                values.put(key, null);
            } else {
                setValue(key, v);
            }
        }
    }

    private void remove(long key) {
        keys.remove(key);
        if (!values.isEmpty()) {
            values.remove(key);
        }
    }

    private void setValue(long key, String v) {
        if (v == null || isGenerated(key, v)) {
            if (!values.isEmpty()) {
                values.remove(key);
            }
        } else {
            values.put(key, v);
        }
    }

    /** Whether {@code v} is {@code "row-" + key}, checked without building that string (the commit path). */
    static boolean isGenerated(long key, String v) {
        if (!v.startsWith("row-") || v.length() < 5) {
            return false;
        }
        int i = 4;
        boolean negative = v.charAt(i) == '-';
        if (negative) {
            i++;
        }
        if (i >= v.length() || v.length() - i > 19 || v.charAt(i) == '0' && v.length() - i > 1) {
            return false;
        }
        long n = 0;
        for (; i < v.length(); i++) {
            char ch = v.charAt(i);
            if (ch < '0' || ch > '9') {
                return false;
            }
            n = n * 10 + (ch - '0');
        }
        return (negative ? -n : n) == key;
    }

    @Override
    public void truncate() {
        keys.clear();
        values.clear();
    }

    @Override
    public Table copy() {
        return new ImplicitTable(def, keys.copy(), new TreeMap<>(values));
    }

    @Override
    public long nextAutoIncrement() {
        return 1;
    }

    /** The rows written in SQL with their own values (for tests and memory checks). */
    public Map<Long, String> storedValues() {
        return java.util.Collections.unmodifiableMap(values);
    }
}
