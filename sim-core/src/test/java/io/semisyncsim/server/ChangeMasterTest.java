package io.semisyncsim.server;

import static io.semisyncsim.server.MysqldFixture.error;
import static io.semisyncsim.server.MysqldFixture.node;
import static io.semisyncsim.server.MysqldFixture.root;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.semisyncsim.channel.ReplicaChannel;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * CHANGE MASTER TO and RESET SLAVE on a stopped replica, as MariaDB 10.11.18 answered them (sql_repl.cc
 * change_master, reset_slave).
 */
class ChangeMasterTest {

    private static Mysqld replicaThatStoppedOnAnError() {
        Mysqld replica = node("mariadb-10.11");
        root(replica, "CHANGE MASTER TO MASTER_HOST = 'source', MASTER_USER = 'repl'");
        replica.channel().sqlError(1062, "Error 'Duplicate entry '1' for key 'PRIMARY'' on query.", 0);
        replica.channel().ioError(1045, "Access denied", 0);
        return replica;
    }

    @Test
    void changeMasterClearsTheSqlThreadsLastErrorForACleanStart() {
        Mysqld replica = replicaThatStoppedOnAnError();
        root(replica, "CHANGE MASTER TO MASTER_CONNECT_RETRY = 30");
        assertEquals(0, replica.channel().lastSqlErrno());
        assertEquals("", replica.channel().lastSqlError());
        assertEquals(1045, replica.channel().lastIoErrno(), "rli.clear_error: the SQL thread's only");
    }

    @Test
    void resetSlaveClearsBothThreadsLastErrors() {
        Mysqld replica = replicaThatStoppedOnAnError();
        root(replica, "RESET SLAVE");
        assertEquals(0, replica.channel().lastSqlErrno());
        assertEquals(0, replica.channel().lastIoErrno());
    }

    @Test
    void masterLogPosAloneMovesThePositionInTheSameFile() {
        Mysqld replica = node("mariadb-10.11");
        root(replica, "CHANGE MASTER TO MASTER_HOST = 'source', MASTER_LOG_FILE = 'mysql-bin.000002', MASTER_LOG_POS = 400");
        root(replica, "CHANGE MASTER TO MASTER_LOG_POS = 500");
        assertEquals("mysql-bin.000002", replica.channel().coordinates().file());
        assertEquals(500, replica.channel().coordinates().pos());
    }

    @Test
    void masterLogFileAloneKeepsThePosition() {
        Mysqld replica = node("mariadb-10.11");
        root(replica, "CHANGE MASTER TO MASTER_HOST = 'source', MASTER_LOG_FILE = 'mysql-bin.000002', MASTER_LOG_POS = 400");
        root(replica, "CHANGE MASTER TO MASTER_LOG_FILE = 'mysql-bin.000003'");
        assertEquals("mysql-bin.000003", replica.channel().coordinates().file());
        assertEquals(400, replica.channel().coordinates().pos());
    }

    @Test
    void aPortOrConnectRetryOfZeroLeavesTheSettingAsItWas() {
        Mysqld replica = node("mariadb-10.11");
        root(replica, "CHANGE MASTER TO MASTER_HOST = 'source', MASTER_CONNECT_RETRY = 7");
        root(replica, "CHANGE MASTER TO MASTER_CONNECT_RETRY = 0, MASTER_PORT = 0");
        assertEquals(7, replica.channel().connectRetrySeconds());
        assertEquals(3306, replica.channel().coordinates().port());
    }

    @Test
    void aNegativeDelayIsASyntaxErrorQuotingTheNumber() {
        assertEquals("ERROR 1064 (42000): You have an error in your SQL syntax; check the manual that corresponds to "
                        + "your MariaDB server version for the right syntax to use near '-1' at line 1",
                error(root(node("mariadb-10.11"), "CHANGE MASTER TO MASTER_DELAY = -1")));
    }

    @Test
    void aPositionGivenToAGtidChannelTurnsItPositionalWithANote() {
        Mysqld replica = node("mariadb-10.11");
        root(replica, "CHANGE MASTER TO MASTER_HOST = 'source', MASTER_USE_GTID = current_pos");
        StatementResult r = root(replica, "CHANGE MASTER TO MASTER_LOG_FILE = 'mysql-bin.000001', MASTER_LOG_POS = 4");
        assertEquals(List.of(new StatementResult.Warning("Note", 4190, "CHANGE MASTER TO is implicitly changing the value"
                + " of 'Using_Gtid' from 'Current_Pos' to 'No'")), assertInstanceOf(StatementResult.Ok.class, r).warnings());
        assertEquals(ReplicaChannel.UsingGtid.NO, replica.channel().usingGtid());
    }

    @Test
    void startUntilNeedsAWholePairOfCoordinates() {
        Mysqld replica = replicaThatStoppedOnAnError();
        assertEquals("ERROR 1277 (HY000): Incorrect parameter or combination of parameters for START SLAVE UNTIL",
                error(root(replica, "START SLAVE UNTIL MASTER_LOG_FILE = 'mysql-bin.000001', RELAY_LOG_POS = 4")));
    }

    @Test
    void startUntilIsNotModelledWhereNoServerMeasuredIt() {
        assertEquals("ERROR 9000 (HY000): semisync-sim does not model UNTIL in 'START' statements yet",
                error(root(node("mysql-8.0"), "START REPLICA UNTIL SOURCE_LOG_FILE = 'binlog.000001', SOURCE_LOG_POS = 4")));
    }
}
