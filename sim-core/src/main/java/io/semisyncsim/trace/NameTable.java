package io.semisyncsim.trace;

import java.util.function.ToIntFunction;

/**
 * The encoded form of each string a trace repeats line after line (node, thread, kind and field
 * names), keyed by the String instance: open addressing probed four deep, doubling when a
 * neighbourhood is full, up to 65,536 slots (a 200-replica cluster has ~450 names). It only saves
 * work: a string it does not hold is encoded again.
 */
final class NameTable {
    private static final int INITIAL = 1024;
    private static final int MAX = 1 << 16;
    private static final int PROBES = 4;

    private final ToIntFunction<Object> hash;
    private String[] keys = new String[INITIAL];
    private byte[][] values = new byte[INITIAL][];

    NameTable() {
        this(System::identityHashCode);
    }

    /** With another hash, for tests that need a known layout (identity hashes differ run to run). */
    NameTable(ToIntFunction<Object> hash) {
        this.hash = hash;
    }

    /** The encoded form remembered for this very String, or null. */
    byte[] get(String name) {
        int home = hash.applyAsInt(name);
        for (int probe = 0; probe < PROBES; probe++) {
            int slot = (home + probe) & (keys.length - 1);
            if (keys[slot] == name) {
                return values[slot];
            }
            if (keys[slot] == null) {
                return null;
            }
        }
        return null;
    }

    void put(String name, byte[] encoded) {
        while (!place(name, encoded)) {
            if (keys.length >= MAX) {
                int home = hash.applyAsInt(name) & (keys.length - 1); // full: take the home slot
                keys[home] = name;
                values[home] = encoded;
                return;
            }
            grow();
        }
    }

    private boolean place(String name, byte[] encoded) {
        int home = hash.applyAsInt(name);
        for (int probe = 0; probe < PROBES; probe++) {
            int slot = (home + probe) & (keys.length - 1);
            if (keys[slot] == null || keys[slot] == name) {
                keys[slot] = name;
                values[slot] = encoded;
                return true;
            }
        }
        return false;
    }

    /** Doubles the table, again if a held name finds no room; only at the maximum is one forgotten. */
    private void grow() {
        String[] oldKeys = keys;
        byte[][] oldValues = values;
        for (int size = oldKeys.length * 2; ; size *= 2) {
            keys = new String[size];
            values = new byte[size][];
            boolean all = true;
            for (int i = 0; i < oldKeys.length; i++) {
                if (oldKeys[i] != null && !place(oldKeys[i], oldValues[i])) {
                    all = false;
                }
            }
            if (all || size >= MAX) {
                return;
            }
        }
    }
}
