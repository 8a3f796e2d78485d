package io.semisyncsim.binlog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.semisyncsim.trace.TraceDigest;
import io.semisyncsim.trace.TraceEvent;
import io.semisyncsim.trace.TraceJson;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BinlogPositionTest {

    @Test
    void aTraceLineShowsItAsItsText() {
        BinlogPosition pos = new BinlogPosition("mysql-bin.000012", 4_096);
        String line = TraceJson.render(new TraceEvent(0, "source", "binlog", "flush", "end", pos));
        assertEquals("{\"t\":0,\"node\":\"source\",\"actor\":\"binlog\",\"kind\":\"flush\",\"data\":"
                + "{\"end\":\"" + pos + "\"}}", line);
    }

    @Test
    void theTraceDigestTellsPositionsApart() {
        TraceDigest a = new TraceDigest();
        TraceDigest b = new TraceDigest();
        a.accept(new TraceEvent(0, "n", "a", "k", "pos", new BinlogPosition("binlog.000001", 157)));
        b.accept(new TraceEvent(0, "n", "a", "k", "pos", new BinlogPosition("binlog.000001", 158)));
        assertNotEquals(a.value(), b.value());
    }

    @Test
    void fileNameComesBeforeOffset() {
        assertTrue(new BinlogPosition("binlog.000001", 900_000).isBefore(new BinlogPosition("binlog.000002", 4)));
    }

    @Test
    void sameFileComparesOffsets() {
        assertTrue(new BinlogPosition("binlog.000001", 157).isBefore(new BinlogPosition("binlog.000001", 500)));
        assertTrue(new BinlogPosition("binlog.000001", 500).isAtOrAfter(new BinlogPosition("binlog.000001", 500)));
    }

    @Test
    void fileNamesCompareAsStringsAsMysqlDoes() {
        // strcmp, not numeric: MySQL relies on zero-padded names for this to be the real order.
        List<BinlogPosition> sorted = new ArrayList<>(List.of(new BinlogPosition("mysql-bin.10", 4),
                new BinlogPosition("mysql-bin.9", 4)));
        sorted.sort(null);
        assertEquals("mysql-bin.10", sorted.get(0).file());
    }

    @Test
    void printsAsTheSemisyncLogLinesDo() {
        assertEquals("(binlog.000001, 157)", new BinlogPosition("binlog.000001", 157).toString());
    }

    @Test
    void negativeOffsetsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new BinlogPosition("binlog.000001", -1));
    }
}
