package io.semisyncsim.trace;

import java.util.Arrays;
import java.util.Objects;

/**
 * One event of a run: virtual time (µs), node, thread or actor, kind, and named fields in the order
 * they were given. Field values are strings, whole numbers, booleans, null or {@link TraceValue}s
 * (written as strings); the order is part of the determinism contract, so never build fields from a
 * hash map.
 */
public final class TraceEvent {
    private final long time;
    private final String node;
    private final String actor;
    private final String kind;
    private final Object[] fields; // name, value, name, value, ...

    public TraceEvent(long time, String node, String actor, String kind, Object... fields) {
        if (fields.length % 2 != 0) {
            throw new IllegalArgumentException("fields come in name/value pairs: " + Arrays.toString(fields));
        }
        this.time = time;
        this.node = Objects.requireNonNull(node, "node");
        this.actor = Objects.requireNonNull(actor, "actor");
        this.kind = Objects.requireNonNull(kind, "kind");
        this.fields = fields;
    }

    public long time() {
        return time;
    }

    public String node() {
        return node;
    }

    public String actor() {
        return actor;
    }

    public String kind() {
        return kind;
    }

    public int fieldCount() {
        return fields.length / 2;
    }

    public String fieldName(int i) {
        return (String) fields[2 * i];
    }

    public Object fieldValue(int i) {
        return fields[2 * i + 1];
    }

    /** The value of a named field, or null. */
    public Object field(String name) {
        for (int i = 0; i < fields.length; i += 2) {
            if (fields[i].equals(name)) {
                return fields[i + 1];
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return TraceJson.render(this);
    }
}
