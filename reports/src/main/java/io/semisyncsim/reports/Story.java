package io.semisyncsim.reports;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the pictures of a run draw, read from its trace by {@link StoryRecorder}: messages between
 * threads, notes on a thread's lifeline, commit waits, and the spans of faults (partitions, crashed
 * and frozen nodes). Long runs keep a bounded selection and say, in {@link Omitted} items, what they
 * left out. Items are in trace order (time, then the order events happened).
 */
public final class Story {
    /** An empty story, for runs without a trace (real servers). */
    public static final Story EMPTY = new Story(List.of(), List.of(), List.of(), 0, 0, 0);

    /** The threads that get a lifeline, in the order lanes are drawn within a node. */
    public static final String SESSIONS = "sessions";
    public static final String MYSQLD = "mysqld";
    public static final String DUMP = "dump:";
    public static final String ACK_RECEIVER = "ack_receiver";
    public static final String IO_THREAD = "io_thread";
    public static final String SQL_THREAD = "sql_thread";

    /** A lifeline: one thread (or a node's server as a whole) of one node. */
    public record Lane(String node, String thread) {
        /** How the diagram heads the lane. */
        public String title() {
            return switch (thread) {
                case SESSIONS -> "client sessions";
                case MYSQLD -> "mysqld";
                case ACK_RECEIVER -> "ACK receiver";
                case IO_THREAD -> "I/O thread";
                case SQL_THREAD -> "SQL thread";
                default -> thread.startsWith(DUMP) ? "dump → " + thread.substring(DUMP.length()) : thread;
            };
        }

        int rank() {
            return switch (thread) {
                case SESSIONS -> 0;
                case MYSQLD -> 1;
                case ACK_RECEIVER -> 3;
                case IO_THREAD -> 4;
                case SQL_THREAD -> 5;
                default -> 2;
            };
        }
    }

    /** Something drawn at a moment: a note, a message, a commit wait, or a summary of what was left out. */
    public sealed interface Item permits Note, Message, Wait, Omitted {
        long time();

        /** Routine items (commits, binlog events, ACKs, applies) are the ones a long run summarises. */
        boolean routine();
    }

    /** What a note marks; the pictures give each its colour and symbol. */
    public enum NoteKind {
        COMMIT, VISIBLE, OK_SEMISYNC, OK_ASYNC, APPLIED, SQL, SQL_ERROR, SWITCH_OFF, SWITCH_ON, TIMEOUT, THREAD, FAULT,
        PARTITION, HEAL, CRASH, RESTART, FAILOVER
    }

    /** A note on a lifeline; {@code thread} null means the node's first lane. */
    public static final class Note implements Item {
        private final long time;
        private final String node;
        private final String thread;
        private final NoteKind kind;
        private String text;
        private String detail;

        Note(long time, String node, String thread, NoteKind kind, String text, String detail) {
            this.time = time;
            this.node = node;
            this.thread = thread;
            this.kind = kind;
            this.text = text;
            this.detail = detail;
        }

        @Override
        public long time() {
            return time;
        }

        public String node() {
            return node;
        }

        public String thread() {
            return thread;
        }

        public NoteKind kind() {
            return kind;
        }

        public String text() {
            return text;
        }

        /** The hover text: everything the trace said. */
        public String detail() {
            return detail;
        }

        void amend(String newText, String newDetail) {
            text = newText;
            detail = newDetail;
        }

        @Override
        public boolean routine() {
            return switch (kind) {
                case COMMIT, VISIBLE, OK_SEMISYNC, OK_ASYNC, APPLIED -> true;
                default -> false;
            };
        }
    }

    /** What became of a socket write. */
    public enum Fate {
        /** Arrived when the link's latency said. */
        DELIVERED,
        /** Held by a partition, delivered after the heal. */
        HELD,
        /** Dropped by a partition ({@code cut: drop}). */
        DROPPED,
        /** Its connection closed (reset, crash) before it arrived. */
        LOST,
        /** Still on its way (or held) when the run ended. */
        IN_FLIGHT
    }

    /** A socket write from one thread to another: sent, and arrived, dropped or lost. */
    public static final class Message implements Item {
        private final long sent;
        private final Lane from;
        private final Lane to;
        private final String what;
        private final String pos;
        private final long packets;
        private final boolean ackRequested;
        private final boolean heldAtSend;
        private final long due;
        private long end = -1;
        private Fate fate = Fate.IN_FLIGHT;

        Message(long sent, Lane from, Lane to, String what, String pos, long packets, boolean ackRequested,
                boolean heldAtSend, long due) {
            this.due = due;
            this.sent = sent;
            this.from = from;
            this.to = to;
            this.what = what;
            this.pos = pos;
            this.packets = packets;
            this.ackRequested = ackRequested;
            this.heldAtSend = heldAtSend;
        }

        @Override
        public long time() {
            return sent;
        }

        public Lane from() {
            return from;
        }

        public Lane to() {
            return to;
        }

        public String what() {
            return what;
        }

        /** The binlog position it carries or acknowledges, or null. */
        public String pos() {
            return pos;
        }

        public long packets() {
            return packets;
        }

        public boolean ackRequested() {
            return ackRequested;
        }

        public Fate fate() {
            return fate;
        }

        /** When it arrived (DELIVERED, HELD), was dropped or lost; -1 while IN_FLIGHT. */
        public long end() {
            return end;
        }

        void settle(Fate f, long at) {
            fate = f;
            end = at;
        }

        boolean heldAtSend() {
            return heldAtSend;
        }

        /** How far it had come when it was lost, 0 to 1 (its due arrival time known), or -1 if it was held. */
        public double progressWhenLost() {
            return due <= sent || end < 0 ? -1 : Math.min(1, (end - sent) / (double) (due - sent));
        }

        /** The arrow's label. */
        public String label() {
            return switch (what) {
                case "events" -> "binlog events to " + Labels.pos(pos) + (ackRequested ? " · ACK?" : "");
                case "ack" -> "ACK " + Labels.pos(pos);
                case "heartbeat" -> "heartbeat";
                case "dump-request" -> "COM_BINLOG_DUMP";
                case "hello" -> "connect";
                case "greeting" -> "greeting";
                case "kill" -> "KILL (dump thread)";
                case "end-of-stream" -> "end of stream";
                case "fin" -> "FIN";
                case "dump-error" -> "dump error";
                default -> what;
            };
        }

        /** The hover text. */
        public String detail() {
            StringBuilder d = new StringBuilder();
            d.append(from.node()).append(' ').append(from.title()).append(" → ").append(to.node()).append(' ')
                    .append(to.title()).append(": ").append(what);
            if (pos != null) {
                d.append(" up to ").append(pos);
            }
            if (packets > 1) {
                d.append(", ").append(packets).append(" packets in one write");
            }
            if (ackRequested) {
                d.append(", the last with the semisync ACK-request flag");
            }
            d.append("; sent at ").append(Labels.time(sent));
            switch (fate) {
                case DELIVERED -> d.append(", arrived at ").append(Labels.time(end)).append(" (")
                        .append(Labels.duration(end - sent)).append(')');
                case HELD -> d.append(", held by a partition, arrived at ").append(Labels.time(end)).append(" (")
                        .append(Labels.duration(end - sent)).append(" late)");
                case DROPPED -> d.append(", dropped by a partition");
                case LOST -> d.append(", lost when its connection closed at ").append(Labels.time(end));
                case IN_FLIGHT -> d.append(heldAtSend ? ", still held when the run ended" : ", still on its way when the run ended");
                default -> {
                }
            }
            return d.toString();
        }

        @Override
        public boolean routine() {
            return switch (what) {
                case "events", "ack", "heartbeat" -> true;
                default -> false;
            };
        }
    }

    /** A commit held by the semisync plugin, from commit.wait to commit.released (or the end). */
    public static final class Wait implements Item {
        private final long start;
        private final String node;
        private final String point;
        private final String pos;
        private final long deadline;
        private long end = -1;
        private Boolean semisync;

        Wait(long start, String node, String point, String pos, long deadline) {
            this.start = start;
            this.node = node;
            this.point = point;
            this.pos = pos;
            this.deadline = deadline;
        }

        @Override
        public long time() {
            return start;
        }

        public String node() {
            return node;
        }

        /** AFTER_SYNC or AFTER_COMMIT. */
        public String point() {
            return point;
        }

        public String pos() {
            return pos;
        }

        /** When it was released, or -1 if the run ended (or the node crashed) first. */
        public long end() {
            return end;
        }

        /** Released with an ACK (true), as asynchronous (false), or never (null). */
        public Boolean semisync() {
            return semisync;
        }

        void release(long at, Boolean acked) {
            end = at;
            semisync = acked;
        }

        public String label() {
            return "waits for ACK of " + Labels.pos(pos) + " (" + point + ")";
        }

        public String detail() {
            return "the commit waits at " + point + " for an ACK of " + pos + " from " + Labels.time(start)
                    + (deadline == Long.MAX_VALUE ? "" : ", timeout at " + Labels.time(deadline))
                    + (end < 0 ? "; still waiting when the drawing ends"
                    : "; released at " + Labels.time(end) + " after " + Labels.duration(end - start)
                    + (Boolean.TRUE.equals(semisync) ? " by an ACK" : " as asynchronous"));
        }

        @Override
        public boolean routine() {
            return true;
        }
    }

    /**
     * Items a long run left out between two drawn ones: commits (with their waits and OKs), messages,
     * replica applies, and other marks beyond the drawing's budget.
     */
    public record Omitted(long time, long until, long commits, long messages, long applies, long others) implements Item {
        public long total() {
            return commits + messages + applies + others;
        }

        public String text() {
            return "not drawn: " + parts() + " (" + Labels.time(time) + " to " + Labels.time(until) + ")";
        }

        /** {@code 9,902 commits, 8,410 messages}: what was left out, without when. */
        public String parts() {
            List<String> parts = new ArrayList<>();
            if (commits > 0) {
                parts.add(Labels.count(commits, "commit"));
            }
            if (messages > 0) {
                parts.add(Labels.count(messages, "message"));
            }
            if (applies > 0) {
                parts.add(Labels.count(applies, "replica apply").replace("applys", "applies"));
            }
            if (others > 0) {
                parts.add(Labels.count(others, "other mark"));
            }
            return String.join(", ", parts);
        }

        @Override
        public boolean routine() {
            return false;
        }
    }

    /** What a span of time shades. */
    public enum SpanKind { PARTITION, DOWN, FROZEN }

    /**
     * A stretch of time: a partition between node sets {@code a} and {@code b} (one way a to b unless
     * {@code bothWays}), or a node ({@code a}) crashed or frozen. {@code end} -1: until the run ended.
     */
    public record Span(SpanKind kind, long start, long end, List<String> a, List<String> b, boolean bothWays,
                       String label) {
        public Span {
            a = List.copyOf(a);
            b = List.copyOf(b);
        }

        Span ended(long at) {
            return new Span(kind, start, at, a, b, bothWays, label);
        }
    }

    private final List<Item> items;
    private final List<Span> spans;
    private final List<String> nodes;
    private final long end;
    private final long drawnEvents;
    private final long traceEvents;

    Story(List<Item> items, List<Span> spans, List<String> nodes, long end, long drawnEvents, long traceEvents) {
        this.items = List.copyOf(items);
        this.spans = List.copyOf(spans);
        this.nodes = List.copyOf(nodes);
        this.end = end;
        this.drawnEvents = drawnEvents;
        this.traceEvents = traceEvents;
    }

    public List<Item> items() {
        return items;
    }

    public List<Span> spans() {
        return spans;
    }

    /** The nodes in the order the trace first named them (the source first). */
    public List<String> nodes() {
        return nodes;
    }

    /** The run's last virtual time. */
    public long end() {
        return end;
    }

    /** Trace events the pictures could draw (before any summary). */
    public long drawableEvents() {
        return drawnEvents;
    }

    public long traceEvents() {
        return traceEvents;
    }

    /** Every item that was left out, summed. */
    public Omitted omitted() {
        long c = 0;
        long m = 0;
        long a = 0;
        long o = 0;
        for (Item i : items) {
            if (i instanceof Omitted om) {
                c += om.commits();
                m += om.messages();
                a += om.applies();
                o += om.others();
            }
        }
        return new Omitted(0, end, c, m, a, o);
    }

    /** The lanes the items use, grouped by node in node order, threads in a fixed order within a node. */
    public List<Lane> lanes() {
        Map<String, List<Lane>> byNode = new LinkedHashMap<>();
        for (String n : nodes) {
            byNode.put(n, new ArrayList<>());
        }
        for (Item i : items) {
            if (i instanceof Note n && n.thread() != null) {
                add(byNode, new Lane(n.node(), n.thread()));
            } else if (i instanceof Message m) {
                add(byNode, m.from());
                add(byNode, m.to());
            } else if (i instanceof Wait w) {
                add(byNode, new Lane(w.node(), SESSIONS));
            }
        }
        for (Item i : items) { // a node known only from node-wide notes gets its server lane
            if (i instanceof Note n && n.thread() == null && byNode.get(n.node()).isEmpty()) {
                add(byNode, new Lane(n.node(), MYSQLD));
            }
        }
        for (Span s : spans) {
            if (s.kind() != SpanKind.PARTITION && byNode.containsKey(s.a().get(0)) && byNode.get(s.a().get(0)).isEmpty()) {
                add(byNode, new Lane(s.a().get(0), MYSQLD));
            }
        }
        List<Lane> out = new ArrayList<>();
        for (List<Lane> lanes : byNode.values()) {
            lanes.sort(Comparator.comparingInt(Lane::rank).thenComparing(Lane::thread));
            out.addAll(lanes);
        }
        return Collections.unmodifiableList(out);
    }

    private static void add(Map<String, List<Lane>> byNode, Lane lane) {
        List<Lane> lanes = byNode.computeIfAbsent(lane.node(), k -> new ArrayList<>());
        if (!lanes.contains(lane)) {
            lanes.add(lane);
        }
    }
}
