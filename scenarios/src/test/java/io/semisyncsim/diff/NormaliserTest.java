package io.semisyncsim.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How a real server's words become the simulator's before the two are compared. */
class NormaliserTest {
    private final Normaliser normaliser = new Normaliser(Map.of(35605, "source:3306", 41022, "replica1:3306"));

    @Test
    void theServersOwnCountersInBinlogEventsAreMaskedOnBothSides() {
        assertEquals("COMMIT /* xid=<n> */ / table_id: <n> (test.t2) / Server ver: <version>, Binlog ver: 4",
                Normaliser.serverCounters(
                        "COMMIT /* xid=45 */ / table_id: 22 (test.t2) / Server ver: 10.11.19-MariaDB-0+deb12u1-log, Binlog ver: 4"));
        assertEquals("GTID 0-1-5 / binlog.000001;pos=4", Normaliser.serverCounters("GTID 0-1-5 / binlog.000001;pos=4"));
    }

    @Test
    void aReplicaListedAtALoopbackPortIsTheNodeThatListensThere() {
        assertEquals("Server_id | Host | Port | Master_id / 2 | replica1 | 3306 | 1",
                normaliser.value("Server_id | Host | Port | Master_id / 2 | localhost | 41022 | 1"));
    }

    @Test
    void aReplicaStatusAnswerNamesItsSourceByThePortItReaches() {
        assertEquals("Slave_IO_State | Master_Host | Master_User | Master_Port / Waiting | source | repl | 3306",
                normaliser.value("Slave_IO_State | Master_Host | Master_User | Master_Port / Waiting | 127.0.0.1 | repl | 35605"));
    }

    @Test
    void replicaHostsCompareInServerIdOrder() {
        assertEquals("Server_id | Host | Port | Master_id / 2 | replica1 | 3306 | 1 / 3 | replica2 | 3306 | 1",
                Normaliser.serverCounters(
                        "Server_id | Host | Port | Master_id / 3 | replica2 | 3306 | 1 / 2 | replica1 | 3306 | 1"));
    }

    @Test
    void aLoopbackAddressBecomesTheNodeItReaches() {
        assertEquals("error connecting to master 'repl@source:3306'",
                normaliser.value("error connecting to master 'repl@127.0.0.1:35605'"));
    }

    @Test
    void changeMasterNamesHostAndPortApartAndBothAreTranslated() {
        assertEquals("master_host='source', master_port='3306'",
                normaliser.value("master_host='127.0.0.1', master_port='35605'"));
    }

    @Test
    void anotherPointReleaseOfTheFlavoursSeriesReadsAsTheFlavours() {
        Normaliser n = new Normaliser(Map.of(), "10.11.18", "10.11.19-MariaDB");
        assertEquals("InnoDB | 101119.0 | Stable | 10.11.19", n.value("InnoDB | 101118.0 | Stable | 10.11.18"));
        assertEquals("10.11.180 / 1101118", n.value("10.11.180 / 1101118"), "only whole numbers");
    }

    @Test
    void aServerOfAnotherSeriesKeepsItsNumber() {
        Normaliser n = new Normaliser(Map.of(), "10.6.18", "10.11.19-MariaDB");
        assertEquals("InnoDB | 100618.0 | 10.6.18", n.value("InnoDB | 100618.0 | 10.6.18"));
    }

    @Test
    void aPortNoNodeOwnsIsLeftAsItIs() {
        assertEquals("127.0.0.1:1", normaliser.value("127.0.0.1:1"));
    }

    @Test
    void aScratchDataDirectoryIsThePackagedServersWhereverTheScratchIs() {
        for (String root : List.of("/tmp", "/dev/shm", "/var/tmp/build.1")) {
            List<Normaliser.LogLine> log = normaliser.log(List.of("2026-12-01  1:02:03 7 [Note] Deleted Master_info file '"
                    + root + "/semisync-real-123/replica1/data/master.info'."), List.of(), true);
            assertEquals("[Note] Deleted Master_info file '/var/lib/mysql/master.info'.", log.get(0).text(), root);
        }
    }

    @Test
    void aLogLineLosesItsTimestampAndKeepsItsThread() {
        List<Normaliser.LogLine> log = normaliser.log(List.of(
                "2026-12-01  1:02:03 12 [Note] Slave I/O thread: Start semi-sync replication to master"),
                List.of(), true);
        assertEquals(new Normaliser.LogLine(0, "12", "[Note] Slave I/O thread: Start semi-sync replication to master"),
                log.get(0));
    }

    @Test
    void aContinuationLineGoesWithTheThreadBeforeIt() {
        List<Normaliser.LogLine> log = normaliser.log(List.of(
                "2026-12-01  1:02:03 0 [Note] /usr/sbin/mariadbd: ready for connections.",
                "Version: '10.11.18-MariaDB'  socket: '/run/mysqld.sock'  port: 35605  Debian 12"),
                List.of(), true);
        assertEquals("0", log.get(1).thread());
        assertEquals("Version: '<version>'  socket: '<socket>'  port: <port>  Debian 12", log.get(1).text());
    }

    @Test
    void aServerStartingAgainBeginsANewRunOfTheProcess() {
        List<Normaliser.LogLine> log = normaliser.log(List.of(
                "2026-12-01  1:02:03 0 [Note] Starting MariaDB 10.11.18-MariaDB source revision abc as process 1",
                "2026-12-01  1:02:04 0 [Note] mariadbd: Normal shutdown",
                "2026-12-01  1:02:05 0 [Note] Starting MariaDB 10.11.18-MariaDB source revision abc as process 2"),
                List.of(), true);
        assertEquals(List.of(1, 1, 2), log.stream().map(Normaliser.LogLine::process).toList());
        assertEquals("[Note] Starting MariaDB <version> source revision <rev> as process <pid>", log.get(2).text());
    }

    @Test
    void ignoredAndBlankLinesAreDropped() {
        List<Normaliser.LogLine> log = normaliser.log(List.of("", "2026-12-01  1:02:03 0 [Note] InnoDB: 128 rollback segments"),
                DiffSettings.load().ignoredLogLines(), true);
        assertEquals(List.of(), log);
    }
}
