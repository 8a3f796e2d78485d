package io.semisyncsim.scenario.lang;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** What a client can tell of its commits from its statements and their answers. */
class ClientTransactionTest {

    @Test
    void anAutocommitChangeIsACommitAndOneThatChangedNothingIsNot() {
        ClientTransaction t = new ClientTransaction();
        assertTrue(t.answered("INSERT INTO t VALUES (1)", 1));
        assertFalse(t.answered("UPDATE t SET v = 1 WHERE id = 9", 0));
    }

    @Test
    void insideBeginTheCommitIsTheCommit() {
        ClientTransaction t = new ClientTransaction();
        assertFalse(t.answered("BEGIN", 0));
        assertFalse(t.answered("INSERT INTO t VALUES (1)", 1));
        assertTrue(t.answered("COMMIT", 0));
        assertFalse(t.answered("COMMIT", 0), "nothing open");
    }

    @Test
    void withAutocommitOffTheChangeWaitsForCommit() {
        ClientTransaction t = new ClientTransaction();
        assertFalse(t.answered("SET autocommit = 0", 0));
        assertFalse(t.answered("INSERT INTO t VALUES (1)", 1));
        assertTrue(t.mayCommit("COMMIT"));
        assertTrue(t.answered("commit", 0));
    }

    @Test
    void autocommitOnAgainCommitsWhatIsOpen() {
        ClientTransaction t = new ClientTransaction();
        t.answered("SET @@session.autocommit = OFF", 0);
        t.answered("DELETE FROM t WHERE id = 1", 1);
        assertTrue(t.mayCommit("SET autocommit = 1"));
        assertTrue(t.answered("SET autocommit = 1", 0));
        assertTrue(t.answered("INSERT INTO t VALUES (2)", 1), "autocommit again");
    }

    @Test
    void autocommitOnWhileOnCommitsNothing() {
        ClientTransaction t = new ClientTransaction();
        t.answered("BEGIN", 0);
        t.answered("INSERT INTO t VALUES (1)", 1);
        assertFalse(t.answered("SET autocommit = 1", 0));
        assertTrue(t.answered("COMMIT", 0));
    }

    @Test
    void ddlAndBeginCommitAnOpenTransactionThatChangedRows() {
        ClientTransaction t = new ClientTransaction();
        t.answered("SET autocommit = 0", 0);
        t.answered("INSERT INTO t VALUES (1)", 1);
        assertTrue(t.answered("CREATE TABLE t2 (id INT)", 0));
        t.answered("INSERT INTO t VALUES (2)", 1);
        assertTrue(t.answered("BEGIN", 0));
        assertFalse(t.answered("ROLLBACK", 0));
    }

    @Test
    void setGlobalAutocommitLeavesTheSessionAlone() {
        ClientTransaction t = new ClientTransaction();
        t.answered("SET GLOBAL autocommit = 0", 0);
        assertTrue(t.answered("INSERT INTO t VALUES (1)", 1));
    }
}
