package io.semisyncsim.server;

import static io.semisyncsim.server.MysqldFixture.error;
import static io.semisyncsim.server.MysqldFixture.node;
import static io.semisyncsim.server.MysqldFixture.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.semisyncsim.gtid.Gtid;
import java.util.List;
import org.junit.jupiter.api.Test;

/** MySQL's @@SESSION.gtid_next: a named GTID for the next transaction, once (rpl_gtid_execution.cc). */
class GtidNextTest {
    private static final String UUID = "3e11fa47-71ca-11e1-9e33-c80aa9429562";
    private final Mysqld source = node("mysql-8.0", "gtid_mode", "ON", "enforce_gtid_consistency", "ON");
    private final Session session = new Session();

    private StatementResult sql(String statement) {
        return source.execute(Account.ROOT, statement, session);
    }

    private StatementResult.CommitNeeded commits(String statement) {
        return assertInstanceOf(StatementResult.CommitNeeded.class, sql(statement));
    }

    private void ok(String statement) {
        assertInstanceOf(StatementResult.Ok.class, sql(statement), statement);
    }

    @Test
    void aNamedGtidGoesToTheNextTransactionOnly() {
        ok("SET gtid_next = '" + UUID + ":7'");
        assertEquals(new Gtid.Uuid(UUID, 7), commits("INSERT INTO test.t1 VALUES (1, 'a')").gtid());
        assertEquals(List.of(List.of(UUID + ":7")), rows(sql("SELECT @@gtid_next")));
        assertEquals("ERROR 1837 (HY000): When @@SESSION.GTID_NEXT is set to a GTID, you must explicitly set it to a"
                + " different value after a COMMIT or ROLLBACK. Please check GTID_NEXT variable manual page for detailed"
                + " explanation. Current @@SESSION.GTID_NEXT is '" + UUID + ":7'.",
                error(sql("INSERT INTO test.t1 VALUES (2, 'b')")));
        ok("SET gtid_next = 'AUTOMATIC'");
        assertNull(commits("INSERT INTO test.t1 VALUES (2, 'b')").gtid()); // numbered at group commit
    }

    @Test
    void beginAndCommitWithANamedGtidIsAnEmptyTransaction() {
        ok("SET gtid_next = '" + UUID + ":3'");
        ok("BEGIN");
        StatementResult.CommitNeeded empty = commits("COMMIT");
        assertEquals(List.of(), empty.changes());
        assertEquals(new Gtid.Uuid(UUID, 3), empty.gtid());
    }

    @Test
    void anExecutedGtidSkipsItsTransaction() {
        source.gtids().committed(commits("INSERT INTO test.t1 VALUES (1, 'a')").transaction(1, 0)
                .withGtid(new Gtid.Uuid(UUID, 1)));
        ok("SET gtid_next = '" + UUID + ":1'");
        StatementResult r = sql("INSERT INTO test.t1 VALUES (5, 'e')");
        assertEquals(new StatementResult.Ok(0, List.of(), null), r); // skipped: nothing changes, nothing commits
        assertTrue(error(sql("INSERT INTO test.t1 VALUES (6, 'f')")).startsWith("ERROR 1837 (HY000)"));
    }

    @Test
    void rollbackAlsoUsesUpTheNamedGtid() {
        ok("SET gtid_next = '" + UUID + ":4'");
        ok("BEGIN");
        ok("INSERT INTO test.t1 VALUES (1, 'a')");
        ok("ROLLBACK");
        assertTrue(error(sql("INSERT INTO test.t1 VALUES (1, 'a')")).startsWith("ERROR 1837 (HY000)"));
    }

    @Test
    void aSessionOwningAGtidCannotNameAnother() {
        ok("SET gtid_next = '" + UUID + ":4'");
        assertEquals("ERROR 1790 (HY000): @@SESSION.GTID_NEXT cannot be changed by a client that owns a GTID. The client"
                + " owns " + UUID + ":4. Ownership is released on COMMIT or ROLLBACK.",
                error(sql("SET gtid_next = '" + UUID + ":5'")));
    }

    @Test
    void itCannotChangeInsideATransaction() {
        ok("BEGIN");
        assertEquals("ERROR 1766 (HY000): The system variable gtid_next cannot be set when there is an ongoing"
                + " transaction.", error(sql("SET gtid_next = '" + UUID + ":5'")));
    }

    @Test
    void aStatementWithAnImplicitCommitInsideATransactionIsRefusedWhileAGtidIsNamed() {
        ok("SET gtid_next = '" + UUID + ":5'");
        ok("BEGIN");
        assertTrue(error(sql("CREATE TABLE test.t9 (id INT)")).startsWith("ERROR 1778 (HY000)"));
    }

    @Test
    void itIsASessionVariableAndItsValuesAreChecked() {
        assertEquals("ERROR 1228 (HY000): Variable 'gtid_next' is a SESSION variable and can't be used with SET GLOBAL",
                error(sql("SET GLOBAL gtid_next = 'AUTOMATIC'")));
        assertEquals("ERROR 1774 (HY000): Malformed GTID specification 'NEXT'.", error(sql("SET gtid_next = 'NEXT'")));
        assertEquals("ERROR 1774 (HY000): Malformed GTID specification '" + UUID + ":0'.",
                error(sql("SET gtid_next = '" + UUID + ":0'")));
        assertEquals("ERROR 1782 (HY000): @@SESSION.GTID_NEXT cannot be set to ANONYMOUS when @@GLOBAL.GTID_MODE = ON.",
                error(sql("SET gtid_next = 'ANONYMOUS'")));
        assertEquals(List.of(List.of("AUTOMATIC")), rows(sql("SELECT @@SESSION.gtid_next")));
        assertEquals("ERROR 1238 (HY000): Variable 'gtid_next' is a SESSION variable",
                error(sql("SELECT @@GLOBAL.gtid_next")));
    }

    @Test
    void withGtidModeOffNoGtidCanBeNamed() {
        Mysqld off = node("mysql-8.0");
        assertEquals("ERROR 1781 (HY000): @@SESSION.GTID_NEXT cannot be set to UUID:NUMBER when @@GLOBAL.GTID_MODE = OFF.",
                error(off.execute(Account.ROOT, "SET gtid_next = '" + UUID + ":1'", new Session())));
    }

    @Test
    void namingAGtidNeedsAnAdminOrApplierPrivilege() {
        assertEquals("ERROR 1227 (42000): Access denied; you need (at least one of) the SUPER, SYSTEM_VARIABLES_ADMIN,"
                + " SESSION_VARIABLES_ADMIN or REPLICATION_APPLIER privilege(s) for this operation",
                error(source.execute(Account.named("app"), "SET gtid_next = '" + UUID + ":1'", new Session())));
    }
}
