package io.semisyncsim.server;

import static io.semisyncsim.server.MysqldFixture.error;
import static io.semisyncsim.server.MysqldFixture.node;
import static io.semisyncsim.server.MysqldFixture.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * read_only and MySQL's super_read_only: who may still write, what is refused, and the transaction that wrote
 * before it was turned on. MariaDB's rules measured on 10.11.18; MySQL's code-read (sql_parse.cc check_readonly).
 */
class ReadOnlyTest {
    private static final String MARIADB_REFUSAL = "ERROR 1290 (HY000): The MariaDB server is running with the "
            + "--read-only option so it cannot execute this statement";

    private static StatementResult as(Mysqld node, Session session, String user, String sql) {
        return MysqldFixture.committed(node, session, user, sql);
    }

    private static StatementResult as(Mysqld node, String user, String sql) {
        return as(node, new Session(), user, sql);
    }

    private static Mysqld readOnly(String flavor) {
        Mysqld node = node(flavor);
        as(node, "root", "CREATE TABLE c (id INT PRIMARY KEY, n INT)");
        as(node, "root", "INSERT INTO c VALUES (1, 1)");
        as(node, "root", "SET GLOBAL read_only = ON");
        return node;
    }

    @Test
    void aUserWithoutReadOnlyAdminCannotWriteButReads() {
        Mysqld node = readOnly("mariadb-10.11");
        assertEquals(MARIADB_REFUSAL, error(as(node, "app", "INSERT INTO c VALUES (2, 2)")));
        assertEquals(MARIADB_REFUSAL, error(as(node, "app", "UPDATE c SET n = 5 WHERE id = 99")));
        assertEquals(List.of(List.of("1", "1")), rows(as(node, "app", "SELECT id, n FROM c")));
    }

    @Test
    void theRefusalComesBeforeTheTableItsColumnsAndItsKeys() {
        Mysqld node = readOnly("mariadb-10.11");
        assertEquals(MARIADB_REFUSAL, error(as(node, "app", "INSERT INTO nosuch VALUES (1)")));
        assertEquals(MARIADB_REFUSAL, error(as(node, "app", "INSERT INTO c VALUES (1, 1, 1)")));
        assertEquals(MARIADB_REFUSAL, error(as(node, "app", "INSERT INTO c VALUES (1, 1)")));
        assertEquals(MARIADB_REFUSAL, error(as(node, "app", "DROP TABLE c")), "before the DROP privilege");
    }

    @Test
    void rootHoldsReadOnlyAdminAndSuperAloneDoesNotOnMariadb() {
        Mysqld node = readOnly("mariadb-10.11");
        assertInstanceOf(StatementResult.Ok.class, as(node, "root", "INSERT INTO c VALUES (3, 3)"));
        as(node, "root", "CREATE USER 'sup'@'%'");
        as(node, "root", "GRANT SUPER ON *.* TO 'sup'@'%'");
        as(node, "root", "GRANT ALL ON test.* TO 'sup'@'%'");
        assertEquals(MARIADB_REFUSAL, error(as(node, "sup", "INSERT INTO c VALUES (4, 4)")));
    }

    /** app's session, which opened a transaction with {@code begin} and wrote a row before read_only came. */
    private static Session wroteBeforeReadOnly(Mysqld node, String begin) {
        as(node, "root", "CREATE TABLE c (id INT PRIMARY KEY, n INT)");
        Session app = new Session();
        as(node, app, "app", begin);
        as(node, app, "app", "INSERT INTO c VALUES (7, 7)");
        as(node, "root", "SET GLOBAL read_only = ON");
        return app;
    }

    @Test
    void aTransactionThatWroteBeforeCannotCommitAndIsRolledBack() {
        Mysqld node = node("mariadb-10.11");
        Session app = wroteBeforeReadOnly(node, "BEGIN");
        assertEquals(MARIADB_REFUSAL, error(as(node, app, "app", "COMMIT")));
        assertEquals(List.of(List.of("0")), rows(as(node, app, "app", "SELECT COUNT(*) FROM c")));
        assertEquals(List.of(List.of("0")), rows(as(node, app, "app", "SELECT @@in_transaction")));
    }

    @Test
    void turningAutocommitBackOnFailsTheSameWayAndLeavesItOff() {
        Mysqld node = node("mariadb-10.11");
        Session app = wroteBeforeReadOnly(node, "SET autocommit = 0");
        assertEquals(MARIADB_REFUSAL, error(as(node, app, "app", "SET autocommit = 1")));
        assertEquals(List.of(List.of("0", "0")), rows(as(node, app, "app", "SELECT @@autocommit, COUNT(*) FROM c")));
    }

    @Test
    void readOnlyCannotBeSetInsideATransaction() {
        Mysqld node = node("mariadb-10.11");
        Session root = new Session();
        as(node, root, "root", "BEGIN");
        assertEquals("ERROR 1192 (HY000): Can't execute the given command because you have active locked tables "
                + "or an active transaction", error(as(node, root, "root", "SET GLOBAL read_only = ON")));
    }

    @Test
    void mysqlLetsSuperWriteUnlessSuperReadOnly() {
        Mysqld node = readOnly("mysql-8.0");
        assertInstanceOf(StatementResult.Ok.class, as(node, "root", "INSERT INTO c VALUES (2, 2)"));
        assertEquals("ERROR 1290 (HY000): The MySQL server is running with the --read-only option so it cannot "
                + "execute this statement", error(as(node, "app", "INSERT INTO c VALUES (3, 3)")));
        as(node, "root", "SET GLOBAL super_read_only = ON");
        assertEquals("ERROR 1290 (HY000): The MySQL server is running with the --super-read-only option so it "
                + "cannot execute this statement", error(as(node, "root", "INSERT INTO c VALUES (4, 4)")));
    }

    @Test
    void superReadOnlyOnTurnsReadOnlyOnAndReadOnlyOffTurnsItOff() {
        Mysqld node = node("mysql-8.0");
        as(node, "root", "SET GLOBAL super_read_only = ON");
        assertEquals(List.of(List.of("1", "1")), rows(as(node, "root", "SELECT @@read_only, @@super_read_only")));
        as(node, "root", "SET GLOBAL read_only = OFF");
        assertEquals(List.of(List.of("0", "0")), rows(as(node, "root", "SELECT @@read_only, @@super_read_only")));
    }
}
