package io.semisyncsim.binlog;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class LogFileNameTest {
    @Test
    void numbersAreSixDigitsAtLeast() {
        assertEquals("binlog.000001", LogFileName.of("binlog", 1));
        assertEquals("replica1-relay-bin.000042", LogFileName.of("replica1-relay-bin", 42));
        assertEquals("mysql-bin.1234567", LogFileName.of("mysql-bin", 1_234_567));
    }

    @Test
    void theNextFileKeepsTheBaseAndTheWidth() {
        assertEquals("binlog.000002", LogFileName.next("binlog.000001"));
        assertEquals("mysql-bin.001000", LogFileName.next("mysql-bin.000999"));
        assertEquals("a.b-bin.1000000", LogFileName.next("a.b-bin.999999"));
    }
}
