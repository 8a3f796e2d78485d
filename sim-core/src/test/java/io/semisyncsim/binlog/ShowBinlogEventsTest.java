package io.semisyncsim.binlog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.semisyncsim.flavor.Flavors;
import java.util.List;
import org.junit.jupiter.api.Test;

/** SHOW BINLOG EVENTS: each event's row as binlog.cc show_binlog_events and the events' pack_info write it. */
class ShowBinlogEventsTest {
    private static final ShowBinlogEvents MYSQL = new ShowBinlogEvents(
            Flavors.standard().get("mysql-8.0").showBinlogEventsStyle(), 1, "8.0.39");
    private static final ShowBinlogEvents MARIADB = new ShowBinlogEvents(
            Flavors.standard().get("mariadb-10.11").showBinlogEventsStyle(), 1, "10.11.19-MariaDB-log");

    private static final EventSizes MARIADB_LAYOUT = Flavors.standard().get("mariadb-10.11").eventSizes();

    private static Transaction insert(long id, long serverId) {
        return new Transaction(id, null, 0, List.of(Transaction.RowChange.generatedInsert("t1", id)), null, serverId);
    }

    private static List<String> infos(List<ShowBinlogEvents.Row> rows) {
        return rows.stream().map(r -> r.eventType() + ": " + r.info()).toList();
    }

    @Test
    void aRowFormatTransactionIsAnonymousGtidBeginTableMapRowsAndXid() throws Exception {
        BinaryLog log = new BinaryLog(Layouts.MYSQL_ROW, 1 << 30, () -> 0L);
        log.write(insert(7, 1));
        assertEquals(List.of("Format_desc: Server ver: 8.0.39, Binlog ver: 4", "Previous_gtids: ",
                "Anonymous_Gtid: SET @@SESSION.GTID_NEXT= 'ANONYMOUS'", "Query: BEGIN",
                "Table_map: table_id: 1 (test.t1)", "Write_rows: table_id: 1 flags: STMT_END_F",
                "Xid: COMMIT /* xid=7 */"), infos(MYSQL.rows(log, null, 4, 0, null)));
    }

    @Test
    void withGtidsMySqlNamesTheGtidAndItsPreviousGtidsInTheHeader() throws Exception {
        String sid = "3e11fa47-71ca-11e1-9e33-c80aa9429562";
        BinaryLog log = new BinaryLog(Layouts.MYSQL_ROW, 1 << 30, () -> 0L, new BinaryLog.GtidHeaders() {
            @Override
            public int extraBytes(EventType type) {
                return 0;
            }

            @Override
            public Object snapshot() {
                return sid + ":1-4"; // the set a new file's Previous_gtids records, as MysqlGtids gives it
            }

            @Override
            public void written(Transaction trx) {
            }

            @Override
            public void purged(Transaction trx) {
            }
        });
        log.write(new Transaction(5, new io.semisyncsim.gtid.Gtid.Uuid(sid, 5), 0,
                List.of(Transaction.RowChange.generatedInsert("t1", 5)), null, 1));
        assertEquals(List.of("Previous_gtids: " + sid + ":1-4", "Gtid: SET @@SESSION.GTID_NEXT= '" + sid + ":5'"),
                infos(MYSQL.rows(log, null, 4, 1, 2L)));
    }

    @Test
    void posAndEndLogPosFrameEachEventInItsFile() throws Exception {
        BinaryLog log = new BinaryLog(Layouts.MYSQL_ROW, 1 << 30, () -> 0L);
        List<BinlogEvent> written = log.write(insert(1, 1));
        ShowBinlogEvents.Row gtid = MYSQL.rows(log, "binlog.000001", 157, 0, 1L).get(0);
        assertEquals(new ShowBinlogEvents.Row("binlog.000001", 157, "Anonymous_Gtid", 1, written.get(0).endPos(),
                "SET @@SESSION.GTID_NEXT= 'ANONYMOUS'"), gtid);
    }

    @Test
    void aReplicatedTransactionKeepsItsSourcesServerIdAfterTheLocalHeader() throws Exception {
        BinaryLog log = new BinaryLog(Layouts.MYSQL_ROW, 1 << 30, () -> 0L);
        log.write(insert(1, 9), true);
        ShowBinlogEvents replica = new ShowBinlogEvents(Flavors.standard().get("mysql-8.0").showBinlogEventsStyle(),
                2, "8.0.39");
        assertEquals(List.of(2L, 2L, 9L, 9L, 9L, 9L, 9L),
                replica.rows(log, null, 4, 0, null).stream().map(ShowBinlogEvents.Row::serverId).toList());
    }

    @Test
    void eachStatementsLastRowsEventEndsTheStatement() throws Exception {
        BinaryLog log = new BinaryLog(Layouts.MYSQL_ROW, 1 << 30, () -> 0L);
        Object[] a = {1, "a"};
        Object[] b = {2, "b"};
        Transaction.RowChange first = Transaction.RowChange.images(EventType.WRITE_ROWS, "test", "t2", null, a)
                .withSql("INSERT INTO t2 VALUES (1, 'a'), (2, 'b')");
        Transaction.RowChange second = Transaction.RowChange.images(EventType.WRITE_ROWS, "test", "t2", null, b);
        log.write(new Transaction(3, null, 0, List.of(first, second), null, 1));
        assertEquals(List.of("Table_map: table_id: 1 (test.t2)", "Write_rows: table_id: 1",
                "Write_rows: table_id: 1 flags: STMT_END_F"), infos(MYSQL.rows(log, null, 4, 4, 3L)));
    }

    @Test
    void mariaDbLogsStatementsWithItsGtidsAndNamesTheCheckpointsFile() throws Exception {
        BinaryLog log = new BinaryLog(MARIADB_LAYOUT, 1 << 30, () -> 0L);
        log.write(new Transaction(4, new io.semisyncsim.gtid.Gtid.Domain(0, 1, 4), 0,
                List.of(Transaction.RowChange.generatedInsert("t1", 4)), null, 1,
                new Transaction.Logging(true, true, 0))); // a MIXED session's
        assertEquals(List.of("Format_desc: Server ver: 10.11.19-MariaDB-log, Binlog ver: 4", "Gtid_list: []",
                "Binlog_checkpoint: mysql-bin.000001", "Gtid: BEGIN GTID 0-1-4",
                "Query: use `test`; INSERT INTO test.`t1` VALUES (4, 'row-4')", "Xid: COMMIT /* xid=4 */"),
                infos(MARIADB.rows(log, null, 4, 0, null)));
    }

    @Test
    void aStatementThatMatchedNoRowIsWrittenInStatementFormatAndEndsWithCommitNotXid() throws Exception {
        BinaryLog log = new BinaryLog(MARIADB_LAYOUT, 1 << 30, () -> 0L);
        log.write(new Transaction(5, new io.semisyncsim.gtid.Gtid.Domain(0, 1, 5), 0,
                List.of(Transaction.RowChange.noRow(EventType.QUERY, null, "t2", "DELETE FROM t2 WHERE id = 99")),
                null, 1, new Transaction.Logging(true, true, 0)));
        assertEquals(List.of("Gtid: BEGIN GTID 0-1-5", "Query: use `test`; DELETE FROM t2 WHERE id = 99",
                "Query: COMMIT"), infos(MARIADB.rows(log, null, 4, 3, null)));
    }

    @Test
    void aStatementTheEngineTookPartInEndsWithAnXidThoughItChangedNoRow() throws Exception {
        BinaryLog log = new BinaryLog(MARIADB_LAYOUT, 1 << 30, () -> 0L);
        log.write(new Transaction(6, new io.semisyncsim.gtid.Gtid.Domain(0, 1, 6), 0,
                List.of(Transaction.RowChange.noRow(EventType.UPDATE_ROWS, null, "t2", "UPDATE t2 SET v = 'a' WHERE id = 1")),
                null, 1, new Transaction.Logging(true, true, 0)));
        assertEquals("Xid: COMMIT /* xid=6 */", infos(MARIADB.rows(log, null, 4, 5, null)).get(0));
    }

    @Test
    void aRotationsRotateNamesTheNextFileAndTheNewHeadersCheckpointsTheClosedOneThenItself() throws Exception {
        BinaryLog log = new BinaryLog(MARIADB_LAYOUT, 1 << 30, () -> 0L);
        log.rotate();
        assertEquals("Rotate: mysql-bin.000002;pos=4", infos(MARIADB.rows(log, "mysql-bin.000001", 4, 3, null)).get(0));
        assertEquals(List.of("Binlog_checkpoint: mysql-bin.000001", "Binlog_checkpoint: mysql-bin.000002"),
                infos(MARIADB.rows(log, "mysql-bin.000002", 4, 2, null)));
    }

    @Test
    void aDdlShowsItsXidOnMySql8AndNotOnMariaDb() throws Exception {
        QueryEffect atomic = new QueryEffect() {
            @Override
            public boolean loggedWithXid() {
                return true;
            }
        };
        Transaction ddl = new Transaction(5, null, 0, List.of(),
                new Transaction.Query("test", "CREATE TABLE t2 (id INT PRIMARY KEY)", atomic), 1);
        BinaryLog mysql = new BinaryLog(Layouts.MYSQL_ROW, 1 << 30, () -> 0L);
        mysql.write(ddl);
        BinaryLog mariadb = new BinaryLog(MARIADB_LAYOUT, 1 << 30, () -> 0L);
        mariadb.write(ddl.withGtid(new io.semisyncsim.gtid.Gtid.Domain(0, 1, 1)));
        assertEquals(List.of("Anonymous_Gtid: SET @@SESSION.GTID_NEXT= 'ANONYMOUS'",
                "Query: use `test`; CREATE TABLE t2 (id INT PRIMARY KEY) /* xid=5 */"),
                infos(MYSQL.rows(mysql, null, 4, 2, null)));
        assertEquals(List.of("Gtid: GTID 0-1-1", "Query: use `test`; CREATE TABLE t2 (id INT PRIMARY KEY)"),
                infos(MARIADB.rows(mariadb, null, 4, 3, null)));
    }

    @Test
    void limitTakesAnOffsetAndACount() throws Exception {
        BinaryLog log = new BinaryLog(Layouts.MYSQL_ROW, 1 << 30, () -> 0L);
        log.write(insert(1, 1));
        assertEquals(List.of("Query: BEGIN", "Table_map: table_id: 1 (test.t1)"),
                infos(MYSQL.rows(log, null, 4, 3, 2L)));
    }

    @Test
    void aPositionInsideAnEventIsAWrongOffset() {
        BinaryLog log = new BinaryLog(Layouts.MYSQL_ROW, 1 << 30, () -> 0L);
        log.write(insert(1, 1));
        var e = assertThrows(ShowBinlogEvents.Refused.class, () -> MYSQL.rows(log, null, 158, 0, null));
        assertEquals("Wrong offset or I/O error", e.getMessage());
    }

    @Test
    void aFileNotInTheIndexIsNotFound() {
        BinaryLog log = new BinaryLog(Layouts.MYSQL_ROW, 1 << 30, () -> 0L);
        var e = assertThrows(ShowBinlogEvents.Refused.class, () -> MYSQL.rows(log, "binlog.000002", 4, 0, null));
        assertEquals("Could not find target log", e.getMessage());
    }

    @Test
    void pastTheEndMySqlShowsNothingAndMariaDbRefuses() throws Exception {
        BinaryLog mysql = new BinaryLog(Layouts.MYSQL_ROW, 1 << 30, () -> 0L);
        assertEquals(List.of(), MYSQL.rows(mysql, null, 5000, 0, null));
        BinaryLog mariadb = new BinaryLog(MARIADB_LAYOUT, 1 << 30, () -> 0L);
        long size = mariadb.writtenEnd().pos();
        var e = assertThrows(ShowBinlogEvents.Refused.class, () -> MARIADB.rows(mariadb, null, 5000, 0, null));
        assertEquals("Invalid pos specified. Requested from pos:5000 is greater than actual file size:" + size,
                e.getMessage());
    }
}
