package io.semisyncsim.trace;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import java.util.IdentityHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NameTableTest {
    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Hashes names 0, 1, 2... in the order they are first seen: a known layout. */
    private static NameTable sequential() {
        Map<Object, Integer> order = new IdentityHashMap<>();
        return new NameTable(o -> order.computeIfAbsent(o, k -> order.size()));
    }

    @Test
    void aNameIsFoundByItsInstanceNotByEquality() {
        NameTable table = new NameTable();
        String name = "replica1";
        table.put(name, bytes("\"replica1\""));
        assertArrayEquals(bytes("\"replica1\""), table.get(name));
        assertNull(table.get(new String("replica1")), "an equal string is another key");
    }

    @Test
    void itGrowsPastItsFirstSizeAndKeepsWhatItHeld() {
        NameTable table = sequential();
        String[] names = new String[5_000]; // the table starts with 1,024 slots
        for (int i = 0; i < names.length; i++) {
            names[i] = "name-" + i;
            table.put(names[i], bytes(names[i]));
        }
        for (String name : names) {
            assertArrayEquals(bytes(name), table.get(name), name);
        }
    }

    @Test
    void atItsLargestItForgetsRatherThanFails() {
        NameTable table = new NameTable(o -> 0); // every name wants the same slot
        String[] names = new String[10];
        for (int i = 0; i < names.length; i++) {
            names[i] = "name-" + i;
            table.put(names[i], bytes(names[i]));
        }
        assertArrayEquals(bytes("name-9"), table.get(names[9]), "the newest is held");
        assertNull(table.get(names[0]), "an evicted name is encoded again when next seen");
    }
}
