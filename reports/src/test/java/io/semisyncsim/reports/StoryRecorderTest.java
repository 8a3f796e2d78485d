package io.semisyncsim.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** What the pictures draw, read from a trace: every fact a teacher points at. */
class StoryRecorderTest {

    private static <T> List<T> all(Story s, Class<T> type) {
        return s.items().stream().filter(type::isInstance).map(type::cast).toList();
    }

    private static List<Story.Note> notes(Story s, Story.NoteKind kind) {
        return all(s, Story.Note.class).stream().filter(n -> n.kind() == kind).toList();
    }

    private static int indexOf(Story s, Story.Item item) {
        return s.items().indexOf(item);
    }

    @Test
    void aWriteIsAnArrowFromItsSendToItsArrival() {
        Story s = Traces.started().commit(10_000, 1, "AFTER_SYNC").story();
        Story.Message events = all(s, Story.Message.class).get(0);
        assertEquals(new Story.Lane("source", "dump:replica1"), events.from());
        assertEquals(new Story.Lane("replica1", "io_thread"), events.to());
        assertEquals(Story.Fate.DELIVERED, events.fate());
        assertEquals(10_205, events.time());
        assertEquals(10_705, events.end());
        assertTrue(events.ackRequested(), "the write that carries the ACK-request flag says so");
        Story.Message ack = all(s, Story.Message.class).get(1);
        assertEquals(new Story.Lane("source", "ack_receiver"), ack.to());
        assertEquals("ACK binlog.000001:300", ack.label());
    }

    @Test
    void afterSyncMakesTheTransactionVisibleAfterTheWaitAndAfterCommitBeforeIt() {
        Story sync = Traces.started().commit(10_000, 1, "AFTER_SYNC").story();
        Story commit = Traces.started().commit(10_000, 1, "AFTER_COMMIT").story();
        Story.Wait syncWait = all(sync, Story.Wait.class).get(0);
        Story.Wait commitWait = all(commit, Story.Wait.class).get(0);
        Story.Note syncVisible = notes(sync, Story.NoteKind.VISIBLE).get(0);
        Story.Note commitVisible = notes(commit, Story.NoteKind.VISIBLE).get(0);
        assertTrue(syncVisible.time() >= syncWait.end(), "AFTER_SYNC: visible only once the ACK released the wait");
        assertTrue(indexOf(commit, commitVisible) < indexOf(commit, commitWait), "AFTER_COMMIT: visible, then the wait");
        assertEquals("AFTER_SYNC", syncWait.point());
        assertEquals(Boolean.TRUE, syncWait.semisync());
        assertEquals(11_215, syncWait.end());
    }

    @Test
    void aPacketHeldByAPartitionArrivesLateAndIsDrawnToItsArrival() {
        Story s = Traces.started().at(5).event("network", "network", "partition", "a", "source", "b", "replica1",
                        "both_ways", true, "cut", "HOLD")
                .at(10).send("source", "replica1", "events", Traces.pos(300), null)
                .at(2_000_000).event("network", "network", "heal")
                .at(2_000_500).deliver("replica1", "source", "events", Traces.pos(300)).story();
        Story.Message m = all(s, Story.Message.class).get(0);
        assertEquals(Story.Fate.HELD, m.fate());
        assertEquals(2_000_500, m.end());
        Story.Span cut = s.spans().get(0);
        assertEquals(Story.SpanKind.PARTITION, cut.kind());
        assertEquals("partition source ⇄ replica1 (packets held)", cut.label());
        assertEquals(5, cut.start());
        assertEquals(2_000_000, cut.end());
        assertEquals(1, notes(s, Story.NoteKind.HEAL).size());
    }

    @Test
    void aPacketSentIntoADroppingPartitionIsDroppedAtOnce() {
        Story s = Traces.started().at(5).event("network", "network", "partition", "a", "source", "b", "replica1",
                        "both_ways", false, "cut", "DROP")
                .at(10).send("source", "replica1", "events", Traces.pos(300), null)
                .at(20).send("replica1", "source", "ack", Traces.pos(300), 520L)
                .at(520).deliver("source", "replica1", "ack", Traces.pos(300)).story();
        List<Story.Message> m = all(s, Story.Message.class);
        assertEquals(Story.Fate.DROPPED, m.get(0).fate());
        assertEquals(Story.Fate.DELIVERED, m.get(1).fate(), "a one-way cut lets the other direction through");
        assertEquals("partition source → replica1 (packets dropped)", s.spans().get(0).label());
    }

    @Test
    void aRecoveryThatRollsBackTheUnacknowledgedTailSaysSo() {
        // MariaDB --init-rpl-role=SLAVE (MDEV-21117): the prepared tail is rolled back and cut from the binlog.
        Story s = Traces.started().at(100).event("source", "mysqld", "crash")
                .at(5_000_000).event("source", "mysqld", "start", "state", "RUNNING")
                .event("source", "mysqld", "crash.recovery", "prepared", 1L, "committed", 0L, "rolled_back", 1L).story();
        assertTrue(notes(s, Story.NoteKind.RESTART).get(0).detail().endsWith(
                "crash recovery committed 0 prepared transaction(s) and rolled back 1, cut from the binary log"));
    }

    @Test
    void aCrashLosesWhatIsInFlightAndTheNodeIsDownUntilItStartsAgain() {
        Story s = Traces.started().at(10).send("source", "replica1", "events", Traces.pos(300), 510L)
                .at(100).event("source", "mysqld", "crash")
                .event("source", "mysqld", "crash.lost", "binlog_events", 0L, "relay_events", 0L, "prepared_in_binlog", 1L)
                .at(5_000_000).event("source", "mysqld", "start", "state", "RUNNING")
                .event("source", "mysqld", "crash.recovery", "prepared", 1L, "committed", 1L, "rolled_back", 0L).story();
        assertEquals(Story.Fate.LOST, all(s, Story.Message.class).get(0).fate());
        assertEquals(100, all(s, Story.Message.class).get(0).end());
        assertEquals(0.18, all(s, Story.Message.class).get(0).progressWhenLost(), 1e-9,
                "it was lost 90 µs into a 500 µs hop: the cross is drawn there");
        Story.Span down = s.spans().get(0);
        assertEquals(Story.SpanKind.DOWN, down.kind());
        assertEquals(List.of("source"), down.a());
        assertEquals(100, down.start());
        assertEquals(5_000_000, down.end());
        assertTrue(notes(s, Story.NoteKind.CRASH).get(0).detail().contains("1 prepared transaction(s)"));
        assertTrue(notes(s, Story.NoteKind.RESTART).get(0).detail().endsWith("crash recovery committed 1 prepared transaction(s)"));
        assertEquals(0, notes(s, Story.NoteKind.RESTART).stream().filter(n -> n.time() == 0).count(),
                "the start of every node at time 0 is not news");
    }

    @Test
    void aPauseIsAFrozenSpan() {
        Story s = Traces.started().at(10).event("replica1", "mysqld", "pause", "for_us", 3_000_000L)
                .at(3_000_010).event("replica1", "mysqld", "resume").story();
        Story.Span frozen = s.spans().get(0);
        assertEquals(Story.SpanKind.FROZEN, frozen.kind());
        assertEquals(3_000_010, frozen.end());
        assertTrue(frozen.label().contains("frozen"));
    }

    @Test
    void aFailoverSaysWhichTransactionsTheNewSourceLacks() {
        Traces t = Traces.started().commit(10_000, 1, "AFTER_COMMIT");
        // trx 2: visible on the source (AFTER_COMMIT), never replicated, no client OK
        t.at(20_000).event("source", "connection", "commit.begin", "trx", 2L)
                .event("source", "connection", "commit.visible", "trx", 2L)
                .event("source", "connection", "commit.wait", "point", "AFTER_COMMIT", "pos", Traces.pos(600), "deadline", 99L)
                .at(30_000).event("source", "mysqld", "crash")
                .event("replica1", "mysqld", "promoted");
        Story.Note failover = notes(t.story(), Story.NoteKind.FAILOVER).get(0);
        assertEquals("failover: replica1 is the source · lost: 0 acknowledged, 1 visible (trx 2)", failover.text());
        assertTrue(failover.detail().contains("could read on source that replica1 lacks: 1 (trx 2)"), failover.detail());
    }

    @Test
    void aStatementNoteShowsTheAnswerTheClientPrinted() {
        StoryRecorder r = new StoryRecorder();
        Traces.started().at(10).event("source", "connection", "sql", "user", "root", "sql", "SELECT COUNT(*) FROM t1",
                "result", "1 rows").events().forEach(r::accept);
        r.answered("source", "SELECT COUNT(*) FROM t1", "6", "+----+\n| 6 |\n+----+");
        Story.Note n = notes(r.finish(10), Story.NoteKind.SQL).get(0);
        assertEquals("SELECT COUNT(*) FROM t1 → 6", n.text());
        assertTrue(n.detail().endsWith("| 6 |\n+----+"));
    }

    @Test
    void theSwitchesAndTheTimeoutAreNotesOfTheThreadThatMadeThem() {
        Story s = Traces.started().at(10).event("source", "error-log", "log", "line", "2026-01-01T00:00:10.000000Z 0 [Warning]"
                        + " [MY-011153] [Repl] Plugin rpl_semi_sync_source reported: 'Timeout waiting for reply of binlog"
                        + " (file: binlog.000001, pos: 449), semi-sync up to file , position 0.'")
                .event("source", "error-log", "log", "line", "x [Note] Plugin rpl_semi_sync_source reported: "
                        + "'Semi-sync replication switched OFF.'")
                .at(20).event("source", "error-log", "log", "line", "x [Note] Plugin rpl_semi_sync_source reported: "
                        + "'Semi-sync replication switched ON at (binlog.000001, 449).'").story();
        assertEquals("sessions", notes(s, Story.NoteKind.SWITCH_OFF).get(0).thread());
        assertEquals("ack_receiver", notes(s, Story.NoteKind.SWITCH_ON).get(0).thread());
        assertTrue(notes(s, Story.NoteKind.TIMEOUT).get(0).text().startsWith("timeout: Timeout waiting for reply"));
    }

    @Test
    void aLongRunIsSummarisedWithinItsBudgetAndSaysWhatItLeftOut() {
        StoryRecorder r = new StoryRecorder(20, 3, 5, 60, 10);
        Traces t = Traces.started();
        for (int i = 1; i <= 400; i++) {
            t.commit(10_000L * i, i, "AFTER_SYNC");
            if (i == 200) {
                t.at(10_000L * i + 5_000).event("network", "network", "partition", "a", "source", "b", "replica1",
                        "both_ways", true, "cut", "HOLD").at(10_000L * i + 6_000).event("network", "network", "heal");
            }
        }
        t.events().forEach(r::accept);
        Story s = r.finish(4_100_000);
        long routine = s.items().stream().filter(Story.Item::routine).count();
        assertTrue(routine <= 60 + 3, "routine items within the budget (plus the end's context): " + routine);
        assertEquals(1, notes(s, Story.NoteKind.PARTITION).size(), "the rare partition is always drawn");
        Story.Omitted left = s.omitted();
        assertTrue(left.commits() > 380 && left.commits() < 400, "commits left out: " + left.commits());
        assertEquals(400, left.commits() + notes(s, Story.NoteKind.COMMIT).size(), "every commit drawn or counted");
        assertTrue(s.items().get(s.items().size() - 1) instanceof Story.Note n && n.kind() == Story.NoteKind.OK_SEMISYNC,
                "the run's last moments are drawn");
        assertNotNull(all(s, Story.Omitted.class).get(0).text());
    }

    @Test
    void theSameTraceGivesTheSameStory() {
        Story a = Traces.started().commit(10_000, 1, "AFTER_SYNC").story();
        Story b = Traces.started().commit(10_000, 1, "AFTER_SYNC").story();
        assertEquals(MarkdownReport.mermaid(a), MarkdownReport.mermaid(b));
        assertEquals(new SequenceSvg(a).render(List.of()), new SequenceSvg(b).render(List.of()));
    }

    @Test
    void sessionsThatWaitSideBySideEachEndTheirOwnWait() {
        Story s = Traces.started().at(100)
                .event("source", "connection", "commit.wait", "waiter", 7L, "point", "AFTER_COMMIT", "pos", Traces.pos(300),
                        "deadline", 10_000_100L)
                .at(200).event("source", "connection", "commit.wait", "waiter", 8L, "point", "AFTER_COMMIT",
                        "pos", Traces.pos(600), "deadline", 10_000_200L)
                .at(900).event("source", "connection", "commit.released", "waiter", 8L, "semisync", true)
                .at(1_500).event("source", "connection", "commit.released", "waiter", 7L, "semisync", false)
                .story();
        List<Story.Wait> waits = all(s, Story.Wait.class);
        assertEquals(1_500, waits.get(0).end(), "the first waiter's own release");
        assertEquals(Boolean.FALSE, waits.get(0).semisync());
        assertEquals(900, waits.get(1).end());
        assertEquals(Boolean.TRUE, waits.get(1).semisync());
    }

    @Test
    void aReplicasConnectionSetUpIsOneNoteNotALadderOfArrows() {
        Traces t = Traces.started().at(10).send("replica1", "source", "hello", null, 20L)
                .at(20).deliver("source", "replica1", "hello", null)
                .send("source", "replica1", "greeting", null, 30L)
                .at(30).deliver("replica1", "source", "greeting", null);
        long now = 30;
        for (int i = 0; i < 11; i++) {
            t.send("replica1", "source", "setup-query", null, now + 10).at(now + 10).deliver("source", "replica1", "setup-query", null)
                    .send("source", "replica1", "setup-reply", null, now + 20).at(now + 20)
                    .deliver("replica1", "source", "setup-reply", null);
            now += 20;
        }
        Story s = t.send("replica1", "source", "dump-request", null, now + 10).at(now + 10)
                .deliver("source", "replica1", "dump-request", null).story();
        List<String> labels = all(s, Story.Message.class).stream().map(Story.Message::label).toList();
        assertEquals(List.of("connect", "greeting", "COM_BINLOG_DUMP"), labels);
        assertTrue(all(s, Story.Message.class).stream().allMatch(m -> m.fate() == Story.Fate.DELIVERED));
        assertEquals("set-up: 11 round trips", notes(s, Story.NoteKind.THREAD).get(0).text());
    }
}
