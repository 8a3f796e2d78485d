package io.semisyncsim.server;

import static io.semisyncsim.server.MysqldFixture.error;
import static io.semisyncsim.server.MysqldFixture.node;
import static io.semisyncsim.server.MysqldFixture.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.semisyncsim.binlog.Transaction;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Session values of system variables: a connection takes the global values when it opens, SET [SESSION]
 * changes its own, and SET GLOBAL reaches only the connections opened after it (measured on MariaDB
 * 10.11.19; MySQL 8.0's sys_vars.cc and set_var.cc).
 */
class SessionVariablesTest {

    private static StatementResult in(Mysqld node, Session session, String sql) {
        return in(node, session, "root", sql);
    }

    private static StatementResult in(Mysqld node, Session session, String user, String sql) {
        session.open(node.variables());
        return MysqldFixture.committed(node, session, user, sql);
    }

    private static String value(Mysqld node, Session session, String expression) {
        return rows(in(node, session, "SELECT " + expression)).get(0).get(0);
    }

    /** A session with a transaction open that has changed a row. */
    private static Session inOpenTransaction(Mysqld node) {
        Session s = new Session();
        in(node, s, "CREATE TABLE t (id INT PRIMARY KEY)");
        in(node, s, "BEGIN");
        in(node, s, "INSERT INTO t VALUES (1)");
        return s;
    }

    private static String denied(String privileges) {
        return "ERROR 1227 (42000): Access denied; you need (at least one of) the " + privileges
                + " privilege(s) for this operation";
    }

    @Test
    void setWithoutAScopeChangesOnlyThisSessionsBinlogFormat() {
        Mysqld node = node("mysql-8.0");
        Session mine = new Session();
        Session other = new Session();
        assertInstanceOf(StatementResult.Ok.class, in(node, mine, "SET binlog_format = 'STATEMENT'"));
        assertEquals("STATEMENT", value(node, mine, "@@binlog_format"));
        assertEquals("STATEMENT", value(node, mine, "@@session.binlog_format"));
        assertEquals("ROW", value(node, mine, "@@global.binlog_format"));
        assertEquals("ROW", value(node, other, "@@binlog_format"));
    }

    @Test
    void setGlobalReachesOnlyTheSessionsThatOpenAfterIt() {
        Mysqld node = node("mariadb-10.11");
        Session before = new Session();
        assertEquals("MIXED", value(node, before, "@@binlog_format"));
        in(node, new Session(), "SET GLOBAL binlog_format = ROW");
        assertEquals("MIXED", value(node, before, "@@binlog_format"));
        assertEquals("ROW", value(node, new Session(), "@@binlog_format"));
    }

    @Test
    void showVariablesShowsTheSessionsValuesAndShowGlobalTheGlobalOnes() {
        Mysqld node = node("mariadb-10.11");
        Session s = new Session();
        in(node, s, "SET SESSION binlog_format = 'ROW', gtid_domain_id = 5");
        assertEquals(List.of(List.of("binlog_format", "ROW")), rows(in(node, s, "SHOW VARIABLES LIKE 'binlog_format'")));
        assertEquals(List.of(List.of("gtid_domain_id", "5")),
                rows(in(node, s, "SHOW SESSION VARIABLES LIKE 'gtid_domain_id'")));
        assertEquals(List.of(List.of("binlog_format", "MIXED")),
                rows(in(node, s, "SHOW GLOBAL VARIABLES LIKE 'binlog_format'")));
    }

    @Test
    void aGlobalOnlyVariableRefusesTheSessionScope() {
        Mysqld node = node("mysql-8.0");
        Session s = new Session();
        assertEquals("ERROR 1229 (HY000): Variable 'sync_binlog' is a GLOBAL variable and should be set with SET GLOBAL",
                error(in(node, s, "SET SESSION sync_binlog = 0")));
        assertEquals("ERROR 1229 (HY000): Variable 'sync_binlog' is a GLOBAL variable and should be set with SET GLOBAL",
                error(in(node, s, "SET sync_binlog = 0")));
        assertEquals("ERROR 1238 (HY000): Variable 'sync_binlog' is a GLOBAL variable",
                error(in(node, s, "SELECT @@session.sync_binlog")));
    }

    @Test
    void aReadOnlyVariableIsReadOnlyInEitherScope() {
        // set_var::resolve looks at read-only before the scope
        assertEquals("ERROR 1238 (HY000): Variable 'version' is a read only variable",
                error(in(node("mariadb-10.11"), new Session(), "SET SESSION version = 'x'")));
    }

    @Test
    void theSessionsBinlogFormatNeedsEachServersPrivilegeButDefaultNeedsNone() {
        Mysqld mysql = node("mysql-8.0");
        assertEquals(denied("SUPER, SYSTEM_VARIABLES_ADMIN or SESSION_VARIABLES_ADMIN"),
                error(in(mysql, new Session(), "app", "SET binlog_format = 'STATEMENT'")));
        Mysqld maria = node("mariadb-10.11");
        assertEquals(denied("SUPER, BINLOG ADMIN"),
                error(in(maria, new Session(), "app", "SET SESSION binlog_format = 'ROW'")));
        assertEquals(denied("SUPER, BINLOG REPLAY"),
                error(in(maria, new Session(), "app", "SET SESSION gtid_domain_id = 2")));
        // DEFAULT skips the variable's own check (set_var::check returns before var->check)
        assertInstanceOf(StatementResult.Ok.class, in(maria, new Session(), "app", "SET SESSION binlog_format = DEFAULT"));
        in(maria, new Session(), "CREATE USER b");
        in(maria, new Session(), "GRANT BINLOG ADMIN ON *.* TO b");
        assertInstanceOf(StatementResult.Ok.class, in(maria, new Session(), "b", "SET binlog_format = 'ROW'"));
    }

    @Test
    void theBinlogFormatCannotChangeInsideATransaction() {
        Mysqld node = node("mariadb-10.11");
        Session s = inOpenTransaction(node);
        assertEquals("ERROR 1679 (HY000): Cannot modify @@session.binlog_format inside a transaction",
                error(in(node, s, "SET SESSION binlog_format = 'ROW'")));
        assertEquals("ERROR 1679 (HY000): Cannot modify @@session.binlog_format inside a transaction",
                error(in(node, s, "SET SESSION binlog_format = DEFAULT")));
        assertEquals("ERROR 1953 (HY000): Cannot modify @@session.gtid_domain_id or @@session.gtid_seq_no inside a"
                + " transaction", error(in(node, s, "SET gtid_domain_id = 3")));
    }

    @Test
    void onMysqlDefaultSkipsTheInTransactionCheckToo() {
        Mysqld node = node("mysql-8.0");
        Session s = inOpenTransaction(node);
        assertEquals("ERROR 1679 (HY000): Cannot modify @@session.binlog_format inside a transaction",
                error(in(node, s, "SET binlog_format = 'STATEMENT'")));
        assertInstanceOf(StatementResult.Ok.class, in(node, s, "SET binlog_format = DEFAULT"));
    }

    @Test
    void aSessionsCommitsCarryItsOwnLoggingSettings() {
        Mysqld node = node("mariadb-10.11");
        Session s = new Session();
        in(node, s, "SET SESSION binlog_format = 'ROW', binlog_annotate_row_events = OFF, gtid_domain_id = 7");
        assertEquals(new Transaction.Logging(false, false, 7), s.logging(node.variables()));
        assertEquals(new Transaction.Logging(true, true, 0), new Session().logging(node.variables()));
    }

    @Test
    void mariadbsMaxRelayLogSizeIsOneValueWhicheverScopeSetsIt() {
        Mysqld node = node("mariadb-10.11");
        assertInstanceOf(StatementResult.Ok.class,
                in(node, new Session(), "app", "SET SESSION max_relay_log_size = 16384"));
        assertEquals("16384", value(node, new Session(), "@@global.max_relay_log_size"));
    }

    @Test
    void mariadbsInTransactionIsTheSessionsOwnAndHasNoGlobalValue() {
        Mysqld node = node("mariadb-10.11");
        Session s = new Session();
        assertEquals("0", value(node, s, "@@in_transaction"));
        in(node, s, "BEGIN");
        assertEquals("1", value(node, s, "@@session.in_transaction"));
        assertEquals(List.of(List.of("in_transaction", "1")), rows(in(node, s, "SHOW VARIABLES LIKE 'in_transaction'")));
        assertEquals(List.of(), rows(in(node, s, "SHOW GLOBAL VARIABLES LIKE 'in_transaction'")));
        assertEquals("ERROR 1238 (HY000): Variable 'in_transaction' is a SESSION variable",
                error(in(node, s, "SELECT @@global.in_transaction")));
        assertEquals("ERROR 1238 (HY000): Variable 'in_transaction' is a read only variable",
                error(in(node, s, "SET in_transaction = 1")));
        assertEquals("ERROR 1193 (HY000): Unknown system variable 'in_transaction'",
                error(in(node("mysql-8.0"), new Session(), "SELECT @@in_transaction")));
    }

    @Test
    void withAutocommitOffAnInsertWaitsForCommit() {
        Mysqld node = node("mysql-8.0");
        Session s = new Session();
        in(node, s, "CREATE TABLE t (id INT PRIMARY KEY)");
        in(node, s, "SET autocommit = 0");
        assertInstanceOf(StatementResult.Ok.class, node.execute(Account.ROOT, "INSERT INTO t VALUES (1)", s));
        assertEquals(true, s.inTransaction());
        assertInstanceOf(StatementResult.CommitNeeded.class, node.execute(Account.ROOT, "COMMIT", s));
    }

    @Test
    void turningAutocommitOnAgainCommitsTheOpenTransactionFirst() {
        Mysqld node = node("mariadb-10.11");
        Session s = new Session();
        in(node, s, "CREATE TABLE t (id INT PRIMARY KEY)");
        in(node, s, "SET autocommit = 0");
        node.execute(Account.ROOT, "INSERT INTO t VALUES (1)", s);
        StatementResult r = node.execute(Account.ROOT, "SET autocommit = 1", s);
        assertInstanceOf(StatementResult.CommitNeeded.class, r);
        assertEquals(true, ((StatementResult.CommitNeeded) r).thenRerun(), "the SET runs again after the commit");
        node.execute(Account.ROOT, "SET autocommit = 1", s);
        assertEquals("1", value(node, s, "@@autocommit"));
        assertEquals("0", value(node, s, "@@in_transaction"));
    }

    @Test
    void autocommitOnToOnCommitsNothing() {
        Mysqld node = node("mariadb-10.11");
        Session s = new Session();
        in(node, s, "CREATE TABLE t (id INT PRIMARY KEY)");
        in(node, s, "BEGIN");
        node.execute(Account.ROOT, "INSERT INTO t VALUES (1)", s);
        assertInstanceOf(StatementResult.Ok.class, node.execute(Account.ROOT, "SET autocommit = 1", s));
        assertEquals(true, s.inTransaction());
    }

    @Test
    void withAutocommitOffReadingATableOpensATransaction() {
        Mysqld node = node("mariadb-10.11");
        Session s = new Session();
        in(node, s, "CREATE TABLE t (id INT PRIMARY KEY)");
        in(node, s, "SET autocommit = 0");
        in(node, s, "SELECT 1");
        assertEquals("0", value(node, s, "@@in_transaction"), "no table read");
        in(node, s, "SELECT * FROM t");
        assertEquals("1", value(node, s, "@@in_transaction"));
    }

    @Test
    void mysql8WarnsThatBinlogFormatIsDeprecatedIn57AndMariadbNot() {
        StatementResult r = in(node("mysql-8.0"), new Session(), "SET binlog_format = 'STATEMENT'");
        assertEquals(List.of(new StatementResult.Warning("Warning", 1681,
                "'@@binlog_format' is deprecated and will be removed in a future release.")), r.warnings());
        assertEquals(List.of(), in(node("mysql-5.7"), new Session(), "SET binlog_format = 'STATEMENT'").warnings());
        assertEquals(List.of(), in(node("mariadb-10.11"), new Session(), "SET GLOBAL binlog_format = 'ROW'").warnings());
    }

    @Test
    void aScopeWordBeforeAnAtAtNameIsASyntaxError() {
        // measured on 10.11.19, the message included
        assertEquals("ERROR 1064 (42000): You have an error in your SQL syntax; check the manual that corresponds to"
                + " your MariaDB server version for the right syntax to use near '@@session.binlog_format='ROW'' at"
                + " line 1", error(in(node("mariadb-10.11"), new Session(), "SET GLOBAL @@session.binlog_format='ROW'")));
    }

    @Test
    void aSessionsOwnServerIdIsNotModelledAndSaysSo() {
        Mysqld node = node("mariadb-10.11");
        assertEquals("ERROR 9000 (HY000): semisync-sim does not model a session's own server_id yet",
                error(in(node, new Session(), "SET SESSION server_id = 7")));
        assertEquals("1", value(node, new Session(), "@@session.server_id"));
    }
}
