package io.semisyncsim.reports;

import io.semisyncsim.trace.TraceEvent;
import java.util.ArrayList;
import java.util.List;

/**
 * Traces as the simulator writes them (docs/TRACE.md), built a moment at a time: a source and one
 * replica on connection 1, with the events of a semisync commit, faults and lifecycle.
 */
final class Traces {
    private final List<TraceEvent> events = new ArrayList<>();
    private long now;

    Traces at(long micros) {
        now = micros;
        return this;
    }

    Traces event(String node, String actor, String kind, Object... fields) {
        events.add(new TraceEvent(now, node, actor, kind, fields));
        return this;
    }

    /** A write from {@code from} to {@code to} on connection 1; {@code arrives} null: held or dropped. */
    Traces send(String from, String to, String what, String pos, Long arrives) {
        return event(from, "network", "send", "to", to, "connection", 1L, "what", what, "pos", pos, "arrives", arrives);
    }

    Traces deliver(String to, String from, String what, String pos) {
        return event(to, "network", "deliver", "from", from, "connection", 1L, "what", what, "pos", pos);
    }

    static String pos(long p) {
        return "(binlog.000001, " + p + ")";
    }

    /**
     * One semisync commit of {@code trx} starting at {@code t}, acknowledged over a 500 µs link, waiting at
     * {@code point}: AFTER_SYNC makes it visible after the ACK, AFTER_COMMIT before the wait.
     */
    Traces commit(long t, long trx, String point) {
        long p = 300 * trx;
        at(t).event("source", "connection", "commit.begin", "trx", trx);
        if (point.equals("AFTER_COMMIT")) {
            at(t + 205).event("source", "connection", "commit.visible", "trx", trx);
        }
        at(t + 205).event("source", "connection", "commit.wait", "waiter", trx, "point", point, "pos", pos(p),
                        "deadline", t + 10_000_205)
                .event("source", "dump:replica1", "ack.request", "to", "replica1", "pos", pos(p))
                .send("source", "replica1", "events", pos(p), t + 705)
                .at(t + 705).deliver("replica1", "source", "events", pos(p))
                .at(t + 715).event("replica1", "io_thread", "ack.sent", "to", "source", "pos", pos(p))
                .send("replica1", "source", "ack", pos(p), t + 1215)
                .at(t + 815).event("replica1", "sql_thread", "sql.applied", "trx", trx, "pos", p)
                .at(t + 1215).deliver("source", "replica1", "ack", pos(p))
                .event("source", "ack_receiver", "ack", "replica_server_id", 2L, "pos", pos(p))
                .event("source", "connection", "commit.released", "waiter", trx, "semisync", true);
        if (point.equals("AFTER_SYNC")) {
            at(t + 1225).event("source", "connection", "commit.visible", "trx", trx);
        }
        return at(t + 1225).event("source", "connection", "commit.ok", "trx", trx, "end", pos(p), "semisync", true);
    }

    /** Both nodes start at 0, as every run begins. */
    static Traces started() {
        return new Traces().at(0).event("source", "mysqld", "start", "state", "RUNNING")
                .event("replica1", "mysqld", "start", "state", "RUNNING");
    }

    List<TraceEvent> events() {
        return events;
    }

    /** The story a recorder with the default budgets makes of these events, ended at the last one (or {@code end}). */
    Story story(long end) {
        StoryRecorder r = new StoryRecorder();
        events.forEach(r::accept);
        return r.finish(end);
    }

    Story story() {
        return story(now);
    }
}
