package io.semisyncsim.server;

import static io.semisyncsim.server.MysqldFixture.error;
import static io.semisyncsim.server.MysqldFixture.node;
import static io.semisyncsim.server.MysqldFixture.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.semisyncsim.binlog.BinlogPosition;
import java.util.List;
import org.junit.jupiter.api.Test;

/** PURGE BINARY LOGS TO: what goes, what stays, and what each server says (sql_repl.cc purge_master_logs). */
class PurgeBinaryLogsTest {

    /** Three binary log files, the active one .000003. */
    private static Mysqld threeFiles(String flavor) {
        Mysqld node = node(flavor);
        Session s = new Session();
        node.execute(Account.ROOT, "FLUSH BINARY LOGS", s);
        node.execute(Account.ROOT, "FLUSH BINARY LOGS", s);
        return node;
    }

    private static List<List<String>> warnings(Mysqld node, Session s) {
        return rows(node.execute(Account.ROOT, "SHOW WARNINGS", s));
    }

    @Test
    void mySqlSaysWhichFileADumpThreadKeptAndHowManyWent() {
        Mysqld node = threeFiles("mysql-8.0");
        node.binlog().openReader(new BinlogPosition("binlog.000002", 4)); // a replica reading .000002
        Session s = new Session();
        node.execute(Account.ROOT, "PURGE BINARY LOGS TO 'binlog.000003'", s);
        assertEquals(List.of(List.of("Warning", "1867", "file ./binlog.000002 was not purged because it was being"
                + " read by 1 thread(s), purged only 1 out of 2 files.")), warnings(node, s));
        assertEquals(List.of("binlog.000002", "binlog.000003"), node.binlog().files());
    }

    @Test
    void mariaDbStopsAtTheSameFileWithoutAWord() {
        Mysqld node = threeFiles("mariadb-10.11");
        node.binlog().openReader(new BinlogPosition("mysql-bin.000002", 4));
        Session s = new Session();
        node.execute(Account.ROOT, "PURGE BINARY LOGS TO 'mysql-bin.000003'", s);
        assertEquals(List.of(), warnings(node, s));
        assertEquals(List.of("mysql-bin.000002", "mysql-bin.000003"), node.binlog().files());
    }

    @Test
    void aFileNotInTheIndexIsRefusedAndLogged() {
        Mysqld node = threeFiles("mariadb-10.11");
        assertEquals("ERROR 1373 (HY000): Target log not found in binlog index",
                error(MysqldFixture.root(node, "PURGE BINARY LOGS TO 'mysql-bin.000009'")));
        assertEquals(true, node.errorLog().lines().get(node.errorLog().lines().size() - 1)
                .endsWith("[ERROR] MYSQL_BIN_LOG::purge_logs was called with file ./mysql-bin.000009 not listed in the index."));
    }

    @Test
    void mySql84HasNoPurgeMasterLogs() {
        assertEquals("1064", error(MysqldFixture.root(node("mysql-8.4"), "PURGE MASTER LOGS TO 'binlog.000001'")).substring(6, 10));
    }

    @Test
    void beforeATimeTheFilesLastWrittenEarlierGoUpToTheActiveOne() {
        Mysqld node = threeFiles("mysql-8.0"); // closed at time 0: 2026-01-01 00:00:00
        Session s = new Session();
        node.execute(Account.ROOT, "PURGE BINARY LOGS BEFORE '2026-01-01 00:00:00'", s);
        assertEquals(List.of("binlog.000001", "binlog.000002", "binlog.000003"), node.binlog().files());
        node.execute(Account.ROOT, "PURGE BINARY LOGS BEFORE '2026-01-01 00:00:01'", s);
        assertEquals(List.of("binlog.000003"), node.binlog().files());
        assertEquals(List.of(List.of("Warning", "1868", "file ./binlog.000003 was not purged because it is the active log file.")),
                warnings(node, s));
    }

    @Test
    void mariaDbReadsATimePast2038AsNothingAndNoDatetimeAsAWarning() {
        Mysqld node = threeFiles("mariadb-10.11");
        Session s = new Session();
        node.execute(Account.ROOT, "PURGE BINARY LOGS BEFORE '2999-01-01'", s);
        assertEquals(List.of(), warnings(node, s));
        node.execute(Account.ROOT, "PURGE BINARY LOGS BEFORE 'garbage'", s);
        assertEquals(List.of(List.of("Warning", "1292", "Incorrect datetime value: 'garbage'")), warnings(node, s));
        assertEquals(3, node.binlog().files().size());
    }
}
