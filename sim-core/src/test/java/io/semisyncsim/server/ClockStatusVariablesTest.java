package io.semisyncsim.server;

import static io.semisyncsim.server.MysqldFixture.node;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.semisyncsim.binlog.BinlogEvent;
import io.semisyncsim.binlog.EventType;
import io.semisyncsim.binlog.Transaction;
import org.junit.jupiter.api.Test;

/**
 * A statement's Query event grows by the clock status variables it needs (log_event_server.cc
 * Query_log_event::write): the session's time zone when it converts with it (8 bytes), the statement's
 * start to the microsecond when it reads that (MariaDB's Q_HRNOW, 4). Sizes measured on MariaDB 10.11.18,
 * statement by statement.
 */
class ClockStatusVariablesTest {
    private final Mysqld node = node("mariadb-10.11");
    private final Session session = new Session();

    /** The Query event's size beyond the same statement with none of them. */
    private int extra(String statement) {
        BinlogEvent query = MysqldFixture.binlogged(node, session, statement).stream()
                .filter(e -> e.type() == EventType.QUERY).findFirst().orElseThrow();
        return query.size() - node.flavor().eventSizes().query(Transaction.DATABASE, statement);
    }

    private void table(String extraColumns) {
        MysqldFixture.committed(node, session, "root",
                "CREATE TABLE t (id INT PRIMARY KEY, s VARCHAR(40), ts TIMESTAMP NULL" + extraColumns + ")");
    }

    @Test
    void nowCarriesTheTimeZoneAndTheMicroseconds() {
        table("");
        assertEquals(0, extra("INSERT INTO t (id, s) VALUES (1, 'x')"));
        assertEquals(12, extra("INSERT INTO t (id, s) VALUES (2, NOW())"));
        assertEquals(12, extra("INSERT INTO t (id, s) VALUES (3, CURRENT_TIMESTAMP)"));
    }

    @Test
    void eachClockFunctionCarriesWhatItReads() {
        table("");
        assertEquals(8, extra("INSERT INTO t (id, s) VALUES (1, CURDATE())"));
        assertEquals(4, extra("INSERT INTO t (id, s) VALUES (2, UTC_TIMESTAMP())"));
        assertEquals(0, extra("INSERT INTO t (id, s) VALUES (3, UNIX_TIMESTAMP())"));
        assertEquals(8, extra("INSERT INTO t (id, s) VALUES (4, UNIX_TIMESTAMP('2024-01-01 00:00:00'))"));
    }

    @Test
    void aTimestampWrittenConvertsWithTheTimeZone() {
        table("");
        assertEquals(8, extra("INSERT INTO t (id, ts) VALUES (1, '2024-01-01 00:00:00')"));
    }

    @Test
    void aTimestampFilledWithTheTimeReadsNoTimeZoneAndNoMicrosecondsItDoesNotKeep() {
        table(", t0 TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP");
        assertEquals(0, extra("INSERT INTO t (id, s) VALUES (1, 'x')"));
        assertEquals(0, extra("INSERT INTO t (id, s, t0) VALUES (2, 'x', NULL)"), "NULL: the current time");
        assertEquals(0, extra("UPDATE t SET s = 'y' WHERE id = 1"));
    }

    @Test
    void aTimestampWithDigitsOfASecondReadsTheMicroseconds() {
        table(", t3 TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3)");
        assertEquals(4, extra("INSERT INTO t (id, s) VALUES (1, 'x')"));
    }

    @Test
    void aCurrentTimestampDefaultReadsTheClockLikeNow() {
        table(", dt DATETIME DEFAULT CURRENT_TIMESTAMP");
        assertEquals(12, extra("INSERT INTO t (id, s) VALUES (1, 'x')"));
        assertEquals(0, extra("INSERT INTO t (id, s, dt) VALUES (2, 'x', '2024-01-01 00:00:00')"));
    }
}
