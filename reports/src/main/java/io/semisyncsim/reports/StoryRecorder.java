package io.semisyncsim.reports;

import io.semisyncsim.trace.TraceEvent;
import io.semisyncsim.trace.TraceSink;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads a run's trace as it streams (a {@link TraceSink}) into the {@link Story} its pictures draw:
 * socket writes paired with their delivery (or marked held, dropped or lost), commit waits, the
 * engine commit, statements, thread changes, faults and their spans, and each failover with the
 * transactions it lost. Memory stays bounded in long runs: a {@link Window} chooses what to keep.
 */
public final class StoryRecorder implements TraceSink {
    /** Routine items drawn at the start of a run, before it is summarised. */
    static final int FIRST = 500;
    static final int BEFORE = 25;
    static final int AFTER = 50;
    static final int ROUTINE_BUDGET = 1_200;
    static final int RARE_BUDGET = 300;

    private final Window window;
    private final LinkedHashSet<String> nodes = new LinkedHashSet<>();
    private final List<Story.Span> spans = new ArrayList<>();
    private final List<Integer> openPartitions = new ArrayList<>();
    private final Map<String, Integer> openDown = new TreeMap<>();
    private final Map<String, Integer> openFrozen = new TreeMap<>();
    private final List<Cut> cuts = new ArrayList<>();
    /** In-flight writes per connection and sending node, in send order (a connection is FIFO). */
    private final Map<Long, Map<String, ArrayDeque<Story.Message>>> inFlight = new TreeMap<>();
    private final Map<String, Long> ackRequested = new TreeMap<>();
    private final Map<String, Story.Wait> openWait = new TreeMap<>();
    /** Per connection, a replica's set-up under way: when it began and its round trips so far. */
    private final Map<Long, long[]> setUpRoundTrips = new TreeMap<>();
    private final Map<String, ArrayDeque<Story.Note>> unanswered = new TreeMap<>();
    private final Map<String, Story.Note> lastCrash = new TreeMap<>();
    private final Map<String, Story.Note> lastRestart = new TreeMap<>();
    private final LinkedHashSet<String> started = new LinkedHashSet<>();
    private final Map<String, String> sourceOf = new TreeMap<>();
    private final Map<String, IdSet> acknowledged = new TreeMap<>();
    private final Map<String, IdSet> visible = new TreeMap<>();
    private final Map<String, IdSet> applied = new TreeMap<>();
    private long drawable;
    private long events;
    private long last;
    private Story story;

    private record Cut(List<String> a, List<String> b, boolean bothWays, boolean drop) {
        boolean cuts(String from, String to) {
            return a.contains(from) && b.contains(to) || bothWays && b.contains(from) && a.contains(to);
        }
    }

    public StoryRecorder() {
        this(FIRST, BEFORE, AFTER, ROUTINE_BUDGET, RARE_BUDGET);
    }

    /** With other budgets (tests of long-run summaries). */
    StoryRecorder(int first, int before, int after, int routineBudget, int rareBudget) {
        this.window = new Window(first, before, after, routineBudget, rareBudget, item -> { });
    }

    @Override
    public void accept(TraceEvent e) {
        events++;
        last = e.time();
        if (!e.node().equals("network")) {
            nodes.add(e.node());
        }
        long t = e.time();
        String node = e.node();
        switch (e.kind()) {
            case "sql" -> sql(e);
            case "commit.begin" -> offer(new Story.Note(t, node, Story.SESSIONS, Story.NoteKind.COMMIT,
                    "trx " + e.field("trx") + ": COMMIT", "transaction " + e.field("trx") + " enters binlog group commit"));
            case "commit.wait" -> {
                Story.Wait w = new Story.Wait(t, node, text(e.field("point")), text(e.field("pos")),
                        e.field("deadline") instanceof Long d ? d : Long.MAX_VALUE);
                openWait.put(node + " " + e.field("waiter"), w); // several sessions may wait side by side
                offer(w);
            }
            case "commit.released" -> {
                Story.Wait w = openWait.remove(node + " " + e.field("waiter"));
                if (w != null) {
                    w.release(t, (Boolean) e.field("semisync"));
                }
            }
            case "commit.visible" -> {
                ids(visible, node).add(number(e.field("trx")));
                offer(new Story.Note(t, node, Story.SESSIONS, Story.NoteKind.VISIBLE, "trx " + e.field("trx") + " visible",
                        "engine commit: from now on other sessions can read transaction " + e.field("trx")));
            }
            case "commit.ok" -> {
                boolean semisync = Boolean.TRUE.equals(e.field("semisync"));
                ids(acknowledged, node).add(number(e.field("trx")));
                offer(new Story.Note(t, node, Story.SESSIONS, semisync ? Story.NoteKind.OK_SEMISYNC : Story.NoteKind.OK_ASYNC,
                        "OK trx " + e.field("trx") + (semisync ? " (semisync)" : " (async)"),
                        "the client gets OK for transaction " + e.field("trx") + " at " + Labels.pos(text(e.field("end")))
                                + (semisync ? ", acknowledged by a replica" : ", not acknowledged by any replica")));
            }
            case "dump.start" -> thread(e, e.actor(), "binlog dump starts", "replica server_id "
                    + e.field("replica_server_id") + ", from " + e.field("from") + ", connection " + e.field("connection"));
            case "dump.stop" -> thread(e, e.actor(), "binlog dump stops", "connection " + e.field("connection"));
            case "dump.error" -> thread(e, e.actor(), "dump error " + e.field("code"), "the dump thread fails with error "
                    + e.field("code"));
            case "ack.request" -> ackRequested.put(node + " " + e.field("to"), t);
            case "io.start" -> threadAfterStart(e, Story.IO_THREAD, "I/O thread starts");
            case "io.connected" -> thread(e, Story.IO_THREAD, "connected", "connection " + e.field("connection"));
            case "io.connect_failed" -> thread(e, Story.IO_THREAD, "connect failed", fields(e));
            case "io.net_timeout" -> thread(e, Story.IO_THREAD, "net timeout", "slave_net_timeout passed without a packet: "
                    + fields(e));
            case "io.connection_lost" -> thread(e, Story.IO_THREAD, "connection lost", fields(e));
            case "io.space_wait" -> thread(e, Story.IO_THREAD, "waits for relay log space",
                    "relay_log_space_limit passed: reads nothing, so acknowledges nothing, until the SQL thread frees space ("
                    + fields(e) + ")");
            case "io.space_freed" -> thread(e, Story.IO_THREAD, "reads again", "relay log space freed: " + fields(e));
            case "io.fatal" -> thread(e, Story.IO_THREAD, "fatal error", fields(e));
            case "io.stop" -> thread(e, Story.IO_THREAD, "I/O thread stops", "");
            case "sql.start" -> threadAfterStart(e, Story.SQL_THREAD, "SQL thread starts");
            case "sql.stop" -> thread(e, Story.SQL_THREAD, "SQL thread stops", "");
            case "sql.applied" -> {
                ids(applied, node).add(number(e.field("trx")));
                offer(new Story.Note(t, node, Story.SQL_THREAD, Story.NoteKind.APPLIED, "applied trx " + e.field("trx"),
                        "the SQL thread applied transaction " + e.field("trx") + " (relay position " + e.field("pos") + ")"));
            }
            case "send" -> send(e);
            case "deliver" -> deliver(e);
            case "connect" -> {
                if (!"ok".equals(e.field("result"))) {
                    thread(e, Story.IO_THREAD, "connect to " + e.field("to") + ": " + e.field("result"), fields(e));
                }
            }
            case "close" -> {
                setUpRoundTrips.remove(number(e.field("connection")));
                lose(number(e.field("connection")), t);
            }
            case "reset" -> {
                lose(number(e.field("connection")), t);
                offer(new Story.Note(t, text(e.field("a")), null, Story.NoteKind.FAULT,
                        "connection reset with " + e.field("b"), "both ends of connection " + e.field("connection")
                        + " between " + e.field("a") + " and " + e.field("b") + " see a reset"));
            }
            case "partition" -> partition(e);
            case "heal" -> {
                if (!openPartitions.isEmpty()) {
                    offer(new Story.Note(t, spans.get(openPartitions.get(0)).a().get(0), null, Story.NoteKind.HEAL,
                            "partition healed", "the network heals every partition: held packets go on"));
                }
                for (int i : openPartitions) {
                    spans.set(i, spans.get(i).ended(t));
                }
                openPartitions.clear();
                cuts.clear();
            }
            case "link" -> offer(new Story.Note(t, text(e.field("from")), null, Story.NoteKind.FAULT,
                    "link " + e.field("from") + " → " + e.field("to") + ": latency " + Labels.duration(number(e.field("latency_us"))),
                    "one-way latency " + Labels.duration(number(e.field("latency_us"))) + ", jitter "
                            + Labels.duration(number(e.field("jitter_us")))));
            case "log" -> log(e);
            case "start" -> start(e);
            case "crash" -> crash(e);
            case "crash.lost" -> {
                Story.Note n = lastCrash.get(node);
                if (n != null) {
                    n.amend(n.text(), n.detail() + "; lost with the process: " + e.field("binlog_events")
                            + " unsynced binlog events, " + e.field("relay_events") + " relay-log events; "
                            + e.field("prepared_in_binlog") + " prepared transaction(s) in the binlog, for recovery at the next start");
                }
            }
            case "crash.recovery" -> {
                Story.Note n = lastRestart.get(node);
                if (n != null) {
                    Object rolledBack = e.field("rolled_back");
                    n.amend(n.text(), n.detail() + "; crash recovery committed " + e.field("committed")
                            + " prepared transaction(s)" + (rolledBack == null || number(rolledBack) == 0 ? ""
                            : " and rolled back " + rolledBack + ", cut from the binary log"));
                }
            }
            case "promoted" -> promoted(e);
            case "rejoined" -> rejoined(e);
            case "slow-disk" -> offer(new Story.Note(t, node, null, Story.NoteKind.FAULT,
                    "slow disk: fsync " + Labels.duration(number(e.field("fsync_us"))), "every fsync on " + node + " costs "
                    + Labels.duration(number(e.field("fsync_us")))));
            case "pause" -> {
                drawable++;
                openFrozen.put(node, spans.size());
                spans.add(new Story.Span(Story.SpanKind.FROZEN, t, -1, List.of(node), List.of(), false,
                        node + " frozen (SIGSTOP) for " + Labels.duration(number(e.field("for_us")))));
            }
            case "resume" -> {
                Integer i = openFrozen.remove(node);
                if (i != null) {
                    spans.set(i, spans.get(i).ended(t));
                }
            }
            default -> {
            }
        }
    }

    private void offer(Story.Item item) {
        drawable++;
        window.offer(item);
    }

    private void sql(TraceEvent e) {
        String result = text(e.field("result"));
        String statement = text(e.field("sql"));
        Story.Note n = new Story.Note(e.time(), e.node(), Story.SESSIONS,
                result.startsWith("ERROR") ? Story.NoteKind.SQL_ERROR : Story.NoteKind.SQL, sqlText(statement, result),
                "mysql> " + statement + (e.field("user").equals("root") ? "" : "   (as " + e.field("user") + ")")
                        + "\n" + result);
        unanswered.computeIfAbsent(e.node() + "\n" + statement, k -> new ArrayDeque<>()).addLast(n);
        offer(n);
    }

    private static String sqlText(String statement, String result) {
        return Labels.cut(statement.strip(), 72) + " → " + Labels.cut(result, 48);
    }

    /**
     * The answer a client printed for a statement on {@code node}, shorter than the mysql client's table:
     * it replaces the trace's summary ({@code 1 rows}) on the statement's note. Statements are answered
     * in the order they ran.
     */
    public void answered(String node, String statement, String result, String fullResult) {
        ArrayDeque<Story.Note> q = unanswered.get(node + "\n" + statement);
        Story.Note n = q == null ? null : q.pollFirst();
        if (n != null) {
            String first = n.detail().substring(0, n.detail().lastIndexOf('\n'));
            n.amend(sqlText(statement, result), first + "\n" + fullResult);
        }
    }

    private void thread(TraceEvent e, String thread, String text, String detail) {
        offer(new Story.Note(e.time(), e.node(), thread, Story.NoteKind.THREAD, text, detail.isEmpty() ? text : text + ": " + detail));
    }

    /** A thread's start is news only after the run began: at time 0 every thread starts. */
    private void threadAfterStart(TraceEvent e, String thread, String text) {
        if (e.time() > 0) {
            thread(e, thread, text, "");
        }
    }

    /** A replica's set-up exchanges: drawn as one note, not as a ladder of arrows. */
    private static boolean setUp(String what) {
        return what.equals("setup-query") || what.equals("setup-reply");
    }

    private void send(TraceEvent e) {
        String from = e.node();
        String to = text(e.field("to"));
        String what = text(e.field("what"));
        long connection = number(e.field("connection"));
        if (setUp(what)) {
            if (what.equals("setup-query")) {
                setUpRoundTrips.computeIfAbsent(connection, k -> new long[] {e.time(), 0})[1]++;
            }
            return;
        }
        long[] setUp = what.equals("dump-request") ? setUpRoundTrips.remove(connection) : null;
        if (setUp != null) {
            offer(new Story.Note(e.time(), from, Story.IO_THREAD, Story.NoteKind.THREAD, "set-up: " + setUp[1]
                    + " round trips", "before its dump request the I/O thread logged in and asked its questions"
                    + " (get_master_version_and_clock, the semisync plugin's probe, register_slave_on_master): "
                    + setUp[1] + " round trips since " + Labels.time(setUp[0])));
        }
        Story.Lane fromLane;
        Story.Lane toLane;
        switch (what) {
            case "events", "heartbeat", "dump-error", "end-of-stream" -> {
                fromLane = new Story.Lane(from, Story.DUMP + to);
                toLane = new Story.Lane(to, Story.IO_THREAD);
                if (what.equals("events")) {
                    sourceOf.put(to, from);
                }
            }
            case "ack" -> {
                fromLane = new Story.Lane(from, Story.IO_THREAD);
                toLane = new Story.Lane(to, Story.ACK_RECEIVER);
            }
            case "dump-request" -> {
                fromLane = new Story.Lane(from, Story.IO_THREAD);
                toLane = new Story.Lane(to, Story.DUMP + from);
            }
            case "hello" -> { // the replica's connect, which the source's mysqld accepts
                fromLane = new Story.Lane(from, Story.IO_THREAD);
                toLane = new Story.Lane(to, Story.MYSQLD);
            }
            case "greeting" -> {
                fromLane = new Story.Lane(from, Story.MYSQLD);
                toLane = new Story.Lane(to, Story.IO_THREAD);
            }
            default -> {
                fromLane = new Story.Lane(from, Story.MYSQLD);
                toLane = new Story.Lane(to, Story.MYSQLD);
            }
        }
        Long requested = ackRequested.get(from + " " + to);
        boolean ack = what.equals("events") && requested != null && requested == e.time();
        Object arrives = e.field("arrives");
        boolean held = arrives == null;
        Story.Message m = new Story.Message(e.time(), fromLane, toLane, what, e.field("pos") == null ? null
                : text(e.field("pos")), e.field("packets") instanceof Long p ? p : 1, ack, held,
                arrives instanceof Long a ? a : -1);
        boolean dropped = false;
        if (held) {
            for (Cut c : cuts) {
                if (c.cuts(from, to)) {
                    dropped = c.drop();
                    break;
                }
            }
        }
        if (dropped) {
            m.settle(Story.Fate.DROPPED, e.time());
        } else {
            inFlight.computeIfAbsent(connection, k -> new TreeMap<>()).computeIfAbsent(from, k -> new ArrayDeque<>())
                    .addLast(m);
        }
        offer(m);
    }

    private void deliver(TraceEvent e) {
        if (setUp(text(e.field("what")))) {
            return; // never drawn, so never in flight
        }
        Map<String, ArrayDeque<Story.Message>> c = inFlight.get(number(e.field("connection")));
        ArrayDeque<Story.Message> q = c == null ? null : c.get(text(e.field("from")));
        Story.Message m = q == null ? null : q.pollFirst();
        if (m != null) {
            m.settle(m.heldAtSend() ? Story.Fate.HELD : Story.Fate.DELIVERED, e.time());
        }
    }

    /** A connection closed: what was still on its way is lost. */
    private void lose(long connection, long t) {
        Map<String, ArrayDeque<Story.Message>> c = inFlight.remove(connection);
        if (c != null) {
            for (ArrayDeque<Story.Message> q : c.values()) {
                for (Story.Message m : q) {
                    m.settle(Story.Fate.LOST, t);
                }
            }
        }
    }

    private void partition(TraceEvent e) {
        List<String> a = List.of(text(e.field("a")).split(","));
        List<String> b = List.of(text(e.field("b")).split(","));
        boolean both = Boolean.TRUE.equals(e.field("both_ways"));
        boolean drop = "DROP".equals(e.field("cut"));
        cuts.add(new Cut(a, b, both, drop));
        openPartitions.add(spans.size());
        String label = "partition " + String.join(",", a) + (both ? " ⇄ " : " → ") + String.join(",", b)
                + (drop ? " (packets dropped)" : " (packets held)");
        spans.add(new Story.Span(Story.SpanKind.PARTITION, e.time(), -1, a, b, both, label));
        offer(new Story.Note(e.time(), a.get(0), null, Story.NoteKind.PARTITION, label, label + ": "
                + (drop ? "packets sent across it are lost" : "packets sent across it wait for the heal")
                + "; the peers notice only by their own timeouts"));
    }

    private void log(TraceEvent e) {
        String line = text(e.field("line"));
        String message = logMessage(line);
        if (line.contains("switched OFF")) {
            offer(new Story.Note(e.time(), e.node(), Story.SESSIONS, Story.NoteKind.SWITCH_OFF, "semisync switched OFF", line));
        } else if (line.contains("switched ON")) {
            offer(new Story.Note(e.time(), e.node(), Story.ACK_RECEIVER, Story.NoteKind.SWITCH_ON, "semisync switched ON", line));
        } else if (line.contains("Timeout waiting for reply")) {
            offer(new Story.Note(e.time(), e.node(), Story.SESSIONS, Story.NoteKind.TIMEOUT,
                    "timeout: " + Labels.cut(message, 60), line));
        }
    }

    /** The message of an error-log line, without its timestamp, thread, level and codes. */
    static String logMessage(String line) {
        String text = line;
        int reported = text.indexOf("reported: '"); // 8.0 wraps a plugin's message; keep the message
        if (reported >= 0) {
            return text.substring(reported + "reported: '".length()).replaceFirst("'$", "");
        }
        text = text.replaceFirst("^\\S+\\s+\\d+\\s+", "").replaceFirst("^(\\[[^\\]]*\\]\\s*)+", "");
        return text;
    }

    private void start(TraceEvent e) {
        String node = e.node();
        boolean first = started.add(node);
        Integer down = openDown.get(node);
        boolean running = "RUNNING".equals(e.field("state"));
        if (first && down == null && e.time() == 0) {
            return; // every node starts at time 0
        }
        drawable++;
        Story.Note n = new Story.Note(e.time(), node, null, Story.NoteKind.RESTART,
                running ? "mysqld starts" : "mysqld fails to start", "mysqld on " + node + " starts: " + e.field("state"));
        lastRestart.put(node, n);
        window.offer(n);
        if (down != null && running) {
            openDown.remove(node);
            spans.set(down, spans.get(down).ended(e.time()));
        }
    }

    private void crash(TraceEvent e) {
        String node = e.node();
        Story.Note n = new Story.Note(e.time(), node, null, Story.NoteKind.CRASH, "✖ " + node + " crashes",
                "mysqld on " + node + " dies at once (no shutdown)");
        lastCrash.put(node, n);
        offer(n);
        if (!openDown.containsKey(node)) {
            openDown.put(node, spans.size());
            spans.add(new Story.Span(Story.SpanKind.DOWN, e.time(), -1, List.of(node), List.of(), false, node + " down"));
        }
        List<Long> gone = new ArrayList<>();
        inFlight.forEach((connection, bySender) -> {
            for (Map.Entry<String, ArrayDeque<Story.Message>> q : bySender.entrySet()) {
                Story.Message m = q.getValue().peekFirst();
                if (q.getKey().equals(node) || m != null && m.to().node().equals(node)) {
                    gone.add(connection);
                    return;
                }
            }
        });
        for (long c : gone) {
            lose(c, e.time());
        }
    }

    private void promoted(TraceEvent e) {
        String node = e.node();
        String old = sourceOf.get(node);
        String text;
        String detail;
        if (old == null) {
            text = "failover: " + node + " is the source";
            detail = node + " is promoted; it had no source to lose anything from";
        } else {
            IdSet have = ids(applied, node);
            IdSet.Difference ack = ids(acknowledged, old).minus(have);
            IdSet.Difference vis = ids(visible, old).minus(have);
            text = "failover: " + node + " is the source · lost: " + ack.count() + " acknowledged, " + vis.count() + " visible"
                    + (vis.count() > 0 || ack.count() > 0 ? " (" + (ack.count() >= vis.count() ? ack : vis).listed() + ")" : "");
            detail = node + " is promoted (it replicated from " + old + "). Transactions " + old
                    + " acknowledged to a client that " + node + " lacks: " + ack.describe() + ". Transactions other sessions"
                    + " could read on " + old + " that " + node + " lacks: " + vis.describe() + ".";
        }
        Object gtids = e.field("gtids_lost");
        if (gtids != null && !text(gtids).isEmpty()) {
            // With GTIDs the transactions are named as the servers name them.
            text += " · " + node + " lacks " + text(gtids).replace(",\n", ", ");
            detail += " By GTID, " + node + " lacks " + (old == null ? "" : old + "'s ") + text(gtids).replace(",\n", ", ")
                    + ".";
        }
        offer(new Story.Note(e.time(), node, null, Story.NoteKind.FAILOVER, text, detail));
        sourceOf.remove(node);
    }

    /** A former source replicates again: the note names its errant transactions (what its new source never had). */
    private void rejoined(TraceEvent e) {
        String source = text(e.field("source"));
        String errant = text(e.field("errant")).replace(",\n", ", ");
        String text = "rejoin: " + e.node() + " replicates from " + source
                + (errant.isEmpty() ? "" : " · errant: " + errant);
        String detail = e.node() + " becomes a replica of " + source + (errant.isEmpty()
                ? "; it has no transaction " + source + " lacks."
                : ". Transactions it executed that " + source + " never had (errant): " + errant
                + "; they stay on " + e.node() + " alone.");
        offer(new Story.Note(e.time(), e.node(), null, Story.NoteKind.FAILOVER, text, detail));
        sourceOf.put(e.node(), source);
    }

    /**
     * The story so far, up to {@code now}, while the run goes on (the lab's live page); messages still on
     * their way and commits still waiting are drawn as such. The recorder goes on as before.
     */
    public Story snapshot(long now) {
        return story != null ? story
                : new Story(window.snapshot(), spans, new ArrayList<>(nodes), Math.max(now, last), drawable, events);
    }

    /** Ends the story at {@code end} (the run's last virtual time) and returns it. */
    public Story finish(long end) {
        if (story == null) {
            story = new Story(window.finish(), spans, new ArrayList<>(nodes), Math.max(end, last), drawable, events);
        }
        return story;
    }

    private static IdSet ids(Map<String, IdSet> sets, String node) {
        return sets.computeIfAbsent(node, k -> new IdSet());
    }

    private static String text(Object o) {
        return String.valueOf(o);
    }

    private static long number(Object o) {
        return o instanceof Long l ? l : o instanceof Integer i ? i : 0;
    }

    private static String fields(TraceEvent e) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < e.fieldCount(); i++) {
            out.append(i == 0 ? "" : ", ").append(e.fieldName(i)).append(' ').append(e.fieldValue(i));
        }
        return out.toString();
    }
}
