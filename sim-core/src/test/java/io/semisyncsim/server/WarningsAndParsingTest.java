package io.semisyncsim.server;

import static io.semisyncsim.server.MysqldFixture.error;
import static io.semisyncsim.server.MysqldFixture.node;
import static io.semisyncsim.server.MysqldFixture.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.semisyncsim.error.SqlError;
import io.semisyncsim.server.StatementResult.Warning;
import io.semisyncsim.sysvar.Input;
import io.semisyncsim.sysvar.SysVarDef;
import io.semisyncsim.sysvar.VarType;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * How long the warning list lives on each server, the warnings integer variables raise, and the
 * answers to statements the parser refuses (research/texts/mariadb-messages.txt, mariadb-parsing.txt).
 */
class WarningsAndParsingTest {
    private static final String TRUNCATED = "Truncated incorrect rpl_semi_sync_master_timeout value: '-1'";

    private static List<List<String>> warnings(Mysqld node, Session s) {
        return rows(node.execute(Account.ROOT, "SHOW WARNINGS", s));
    }

    private static List<List<String>> warningAfter(String flavor, String... statements) {
        Mysqld node = node(flavor);
        Session s = new Session();
        node.execute(Account.ROOT, "SET GLOBAL rpl_semi_sync_master_timeout = -1", s);
        for (String sql : statements) {
            MysqldFixture.committed(node, s, "root", sql);
        }
        return warnings(node, s);
    }

    @Test
    void mariadbKeepsWarningsThroughStatementsThatUseNoTable() {
        List<List<String>> kept = List.of(List.of("Warning", "1292", TRUNCATED));
        assertEquals(kept, warningAfter("mariadb-10.11", "SELECT 1", "SELECT @@rpl_semi_sync_master_timeout",
                "SET @a = 1", "SET GLOBAL rpl_semi_sync_master_timeout = 10000"));
        assertEquals(kept, warningAfter("mariadb-10.11", "CREATE DATABASE shop", "DROP DATABASE shop",
                "GRANT SELECT ON *.* TO app@localhost", "SHOW GRANTS", "BEGIN", "COMMIT", "SHOW MASTER STATUS"),
                "measured on 10.11.18: none of these has a table list");
        assertEquals(List.of(), warningAfter("mariadb-10.11", "SHOW CREATE TABLE t1"));
        assertEquals(List.of(), warningAfter("mariadb-10.11", "SHOW VARIABLES LIKE 'rpl_semi_sync_master_timeout'"));
        assertEquals(List.of(), warningAfter("mariadb-10.11", "SELECT 1 FROM t1 LIMIT 1"));
    }

    @Test
    void mysqlClearsWarningsAtEveryStatementButShowWarnings() {
        Mysqld node = node("mysql-5.7", "plugin-load-add", "semisync_master.so");
        Session s = new Session();
        node.execute(Account.ROOT, "SET GLOBAL rpl_semi_sync_master_timeout = -1", s);
        assertEquals(List.of(List.of("Warning", "1292", TRUNCATED)), warnings(node, s));
        assertEquals(List.of(List.of("Warning", "1292", TRUNCATED)), warnings(node, s), "SHOW WARNINGS keeps them");
        node.execute(Account.ROOT, "SELECT 1", s);
        assertEquals(List.of(), warnings(node, s));
    }

    @Test
    void warningsBelongToTheirConnection() {
        Mysqld node = node("mariadb-10.11");
        Session a = new Session();
        node.execute(Account.ROOT, "SET GLOBAL rpl_semi_sync_master_timeout = -1", a);
        assertEquals(List.of(), warnings(node, new Session()));
    }

    @Test
    void errorsAreShownBySHowErrorsAndCounted() {
        Mysqld node = node("mariadb-10.11");
        Session s = new Session();
        node.execute(Account.ROOT, "SELECT 1 FROM nosuch.t", s);
        assertEquals(List.of(List.of("Error", "1146", "Table 'nosuch.t' doesn't exist")),
                rows(node.execute(Account.ROOT, "SHOW ERRORS", s)));
        assertEquals(List.of(List.of("1")), rows(node.execute(Account.ROOT, "SHOW COUNT(*) ERRORS", s)));
        assertEquals(List.of(List.of("1")), rows(node.execute(Account.ROOT, "SHOW COUNT(*) WARNINGS", s)));
        assertEquals(List.of(List.of("1", "1")), rows(node.execute(Account.ROOT, "SELECT @@warning_count, @@error_count", s)));
    }

    @Test
    void mariadbWarns1916WhenAnIntegerOverflowsAndMysqlRefusesIt() {
        Mysqld maria = node("mariadb-10.11");
        StatementResult r = maria.execute(Account.ROOT, "SET GLOBAL server_id = 99999999999999999999999");
        assertEquals(List.of(
                new Warning("Warning", 1916, "Got overflow when converting '99999999999999999999999' to INT. Value truncated"),
                new Warning("Warning", 1292, "Truncated incorrect server_id value: '9223372036854775807'")), r.warnings());
        maria.execute(Account.ROOT, "SET GLOBAL rpl_semi_sync_master_timeout = 18446744073709551616");
        assertEquals("9223372036854775807", maria.variables().get("rpl_semi_sync_master_timeout"));
        assertEquals("ERROR 1232 (42000): Incorrect argument type to variable 'server_id'",
                error(node("mysql-8.0").execute(Account.ROOT, "SET GLOBAL server_id = 99999999999999999999999")));
    }

    @Test
    void warning1292NamesAVariableAsTheServerKnowsIt() {
        StatementResult r = node("mariadb-10.11").execute(Account.ROOT, "SET GLOBAL slave_net_timeout = 0");
        assertEquals(List.of(new Warning("Warning", 1292, "Truncated incorrect slave_net_timeout value: '0'")),
                r.warnings());
    }

    @Test
    void warning1292CutsLongVariableNamesAsEachServerDoes() throws SqlError {
        SysVarDef longName = new SysVarDef("rpl_semi_sync_slave_kill_conn_timeout", VarType.ULONG, "5", "0", "100",
                List.of(), true, null, null);
        Input minusOne = new Input.Whole(BigInteger.ONE.negate());
        assertEquals("Truncated incorrect rpl_semi_sync_slave_kill_conn... value: '-1'",
                node("mariadb-10.11").variables().validate(longName, minusOne).warnings().get(0).message());
        assertEquals("Truncated incorrect rpl_semi_sync_slave_kill_conn_ti value: '-1'",
                node("mysql-5.7").variables().validate(longName, minusOne).warnings().get(0).message());
        assertEquals("Truncated incorrect rpl_semi_sync_slave_kill_conn_timeout value: '-1'",
                node("mysql-8.0").variables().validate(longName, minusOne).warnings().get(0).message());
    }

    @Test
    void aSyntaxErrorQuotesTheRestOfTheStatementFromItsLine() {
        String longTail = "SELEC 1 " + "a".repeat(100);
        assertEquals("ERROR 1064 (42000): You have an error in your SQL syntax; check the manual that corresponds to "
                + "your MariaDB server version for the right syntax to use near '" + longTail.substring(0, 77)
                + "...' at line 1", error(node("mariadb-10.11").execute(Account.ROOT, longTail)));
        assertEquals("ERROR 1064 (42000): You have an error in your SQL syntax; check the manual that corresponds to "
                + "your MySQL server version for the right syntax to use near '" + longTail.substring(0, 80)
                + "' at line 1", error(node("mysql-8.0").execute(Account.ROOT, longTail)));
        assertEquals("ERROR 1064 (42000): You have an error in your SQL syntax; check the manual that corresponds to "
                + "your MySQL server version for the right syntax to use near 'WHERE x' at line 2",
                error(node("mysql-8.0").execute(Account.ROOT, "SELECT 1 FROM\nWHERE x")));
    }

    @Test
    void anUnmodelledStatementSaysSoInsteadOfASyntaxError() {
        Mysqld node = node("mysql-8.4");
        assertEquals("ERROR 9000 (HY000): semisync-sim does not model 'LOCK TABLES' statements yet",
                error(node.execute(Account.ROOT, "LOCK TABLES t1 WRITE")));
        assertEquals("ERROR 9000 (HY000): semisync-sim does not model JOIN in 'SELECT' statements yet",
                error(node.execute(Account.ROOT, "SELECT * FROM t1 JOIN t2 USING (id)")));
    }

    @Test
    void anOptionThatIsNoVariableIsReadAtStartAndUnknownToSql() {
        // MariaDB's --init-rpl-role (mysqld.cc my_long_options) sets rpl_status; no system variable shows it.
        Mysqld node = node("mariadb-10.11", "init_rpl_role", "SLAVE");
        assertEquals("SLAVE", node.variables().get("init_rpl_role"));
        assertEquals("ERROR 1193 (HY000): Unknown system variable 'init_rpl_role'",
                error(node.execute(Account.ROOT, "SELECT @@init_rpl_role")));
        assertEquals(List.of(), rows(node.execute(Account.ROOT, "SHOW VARIABLES LIKE 'init_rpl_role'")));
    }

    @Test
    void mariadbTellsItsOwnVariablesTheModelLacksFromNamesItDoesNotHave() {
        Mysqld node = node("mariadb-10.11");
        // SHOW SESSION VARIABLES of a real 10.11.18 lists slave_parallel_threads; MySQL's super_read_only it does not
        assertEquals("ERROR 9000 (HY000): semisync-sim does not model the variable 'slave_parallel_threads' yet",
                error(node.execute(Account.ROOT, "SELECT @@slave_parallel_threads")));
        assertEquals("ERROR 1193 (HY000): Unknown system variable 'super_read_only'",
                error(node.execute(Account.ROOT, "SELECT @@super_read_only")));
    }

    @Test
    void aVariableEveryServerHasButTheModelLacksIsNotCalledUnknown() {
        Mysqld node = node("mysql-8.0");
        assertEquals("ERROR 9000 (HY000): semisync-sim does not model the variable 'time_zone' yet",
                error(node.execute(Account.ROOT, "SET time_zone = '+00:00'")));
        assertEquals("ERROR 9000 (HY000): semisync-sim does not model the variable 'sql_mode' yet",
                error(node.execute(Account.ROOT, "SELECT @@session.sql_mode")));
        assertEquals("ERROR 1193 (HY000): Unknown system variable 'autocomit'",
                error(node.execute(Account.ROOT, "SET autocomit = 0")));
        assertEquals("ERROR 1193 (HY000): Unknown system variable 'rpl_semi_sync_source_enabled'",
                error(node("mariadb-10.11").execute(Account.ROOT, "SET GLOBAL rpl_semi_sync_source_enabled = 1")));
    }

    @Test
    void aSkippedExecutableCommentIsAnEmptyQueryOnMysqlAndNothingOnMariadb() {
        assertEquals("ERROR 1065 (42000): Query was empty",
                error(node("mysql-8.0").execute(Account.ROOT, "/*!99999 SET GLOBAL server_id = 5 */")));
        assertInstanceOf(StatementResult.Ok.class, node("mariadb-10.11").execute(Account.ROOT,
                "/*!50706 SET GLOBAL server_id = 5 */"));
    }

    @Test
    void executableCommentsRunPerVersion() {
        Mysqld mysql = node("mysql-8.0");
        mysql.execute(Account.ROOT, "/*!50706 SET GLOBAL server_id = 5 */");
        assertEquals("5", mysql.variables().get("server_id"));
        Mysqld maria = node("mariadb-10.11");
        maria.execute(Account.ROOT, "/*!50706 SET GLOBAL server_id = 5 */");
        assertEquals("1", maria.variables().get("server_id"), "MariaDB skips MySQL 5.7+ only code");
        maria.execute(Account.ROOT, "/*M!100500 SET GLOBAL server_id = 7 */");
        assertEquals("7", maria.variables().get("server_id"));
    }

    @Test
    void changeMasterWhileThreadsRunIsRefusedInEachServersWords() {
        assertEquals("ERROR 1198 (HY000): This operation cannot be performed as you have a running slave ''; run STOP "
                + "SLAVE '' first", error(running("mariadb-10.11").execute(Account.ROOT, "CHANGE MASTER TO MASTER_CONNECT_RETRY=10")));
        assertEquals("ERROR 3021 (HY000): This operation cannot be performed with a running replica io thread; run STOP "
                + "REPLICA IO_THREAD FOR CHANNEL '' first.",
                error(running("mysql-8.0").execute(Account.ROOT, "CHANGE REPLICATION SOURCE TO SOURCE_CONNECT_RETRY=10")));
        assertEquals("ERROR 3081 (HY000): This operation cannot be performed with running replication threads; run STOP "
                + "SLAVE FOR CHANNEL '' first",
                error(running("mysql-5.7").execute(Account.ROOT, "CHANGE MASTER TO MASTER_AUTO_POSITION=1")));
        assertEquals("ERROR 1200 (HY000): Misconfigured slave: MASTER_HOST was not set; Fix in config file or with "
                + "CHANGE MASTER TO", error(node("mariadb-10.11").execute(Account.ROOT, "START SLAVE")));
    }

    @Test
    void anUnknownChangeMasterOptionIsASyntaxError() {
        assertEquals("ERROR 1064 (42000): You have an error in your SQL syntax; check the manual that corresponds to your "
                + "MySQL server version for the right syntax to use near 'MASTER_BOGUS = 1' at line 1",
                error(node("mysql-8.0").execute(Account.ROOT, "CHANGE MASTER TO MASTER_BOGUS = 1")));
    }

    /** A configured replica whose threads report running (no actor: the control answers as if they ran). */
    private static Mysqld running(String flavor) {
        Mysqld node = node(flavor);
        node.channel().configure("source", 3306, "repl", null, null, null, null);
        node.setReplicationControl(new ReplicationControl() {
            @Override
            public void startIoThread() {
            }

            @Override
            public void stopIoThread() {
            }

            @Override
            public void startSqlThread() {
            }

            @Override
            public void stopSqlThread() {
            }

            @Override
            public boolean ioThreadRunning() {
                return true;
            }

            @Override
            public boolean sqlThreadRunning() {
                return true;
            }
        });
        return node;
    }
}
