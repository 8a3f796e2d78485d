package io.semisyncsim.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The semisync dumps the registry counts, which the clients invariant compares with the plugin's count. */
class DumpRegistryTest {
    private static DumpRegistry.Dump dump(long connection, boolean semisync) {
        return new DumpRegistry.Dump(connection, 100 + connection, 2 + connection, "", semisync, "replica");
    }

    @Test
    void onlySemisyncDumpsCount() {
        DumpRegistry dumps = new DumpRegistry();
        dumps.add(dump(1, true));
        dumps.add(dump(2, false));
        dumps.add(dump(3, true));
        assertEquals(2, dumps.semisync());
    }

    @Test
    void aDumpThatEndsNoLongerCounts() {
        DumpRegistry dumps = new DumpRegistry();
        dumps.add(dump(1, true));
        dumps.remove(1);
        dumps.remove(1); // already gone: nothing changes
        assertEquals(0, dumps.semisync());
    }

    @Test
    void aDumpOnTheSameConnectionReplacesTheOldOne() {
        DumpRegistry dumps = new DumpRegistry();
        dumps.add(dump(1, true));
        dumps.add(dump(1, false));
        assertEquals(0, dumps.semisync());
    }
}
