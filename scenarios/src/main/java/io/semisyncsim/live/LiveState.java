package io.semisyncsim.live;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A live session as its page and {@code \status} show it at one virtual instant: the clock, each node's
 * semisync state, counters and replication threads, the links cut, and the trace so far. Plain values,
 * made on the session's thread and read anywhere.
 */
public record LiveState(String name, String flavor, long now, double speed, boolean playing, boolean held, boolean busy,
                        List<Node> nodes, List<Cut> cuts, List<Latency> latencies, String digest, long events,
                        String commits, int steps, int fileStepsLeft) {

    /**
     * One node: its lifecycle state, role and source, and the semisync status variables of either side
     * (null where the node has none): {@code semisync} is the source side's _status, {@code replicaSemisync}
     * the replica side's; {@code io} and {@code sql} are SHOW REPLICA STATUS's Yes/No/Connecting.
     */
    public record Node(String name, String state, boolean frozen, String source, String semisync, String clients,
                       String yesTx, String noTx, String waitSessions, String replicaSemisync, String io, String sql) {
    }

    /** A cut direction and whether its packets are held or dropped. */
    public record Cut(String from, String to, String cut) {
    }

    public record Latency(String from, String to, long micros) {
    }

    public String nowText() {
        return time(now);
    }

    /** {@code [12.000000 s]}, as the run narrative writes times. */
    public static String time(long micros) {
        return String.format(Locale.ROOT, "[%d.%06d s]", micros / 1_000_000, micros % 1_000_000);
    }

    /** The speed as a word: {@code instant} or {@code 10x}. */
    public String speedText() {
        return speedText(speed);
    }

    public static String speedText(double speed) {
        if (WallPacer.instant(speed)) {
            return "instant";
        }
        return (speed == Math.rint(speed) ? String.valueOf((long) speed) : String.valueOf(speed)) + "x";
    }

    /** What {@code \status} prints: the clock line, a table of the nodes, and the links that are cut. */
    public String text() {
        StringBuilder out = new StringBuilder();
        out.append("virtual time ").append(nowText()).append(", speed ").append(speedText())
                .append(playing ? ", clock running" : held ? ", clock held" : ", clock moves when asked")
                .append(", ").append(commits).append(" commits, trace ").append(digest).append(" (").append(events)
                .append(" events)");
        if (fileStepsLeft > 0) {
            out.append(", ").append(fileStepsLeft).append(" file step").append(fileStepsLeft == 1 ? "" : "s")
                    .append(" to play (\\next)");
        }
        out.append('\n');
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"node", "state", "replicates from", "semisync", "clients", "yes_tx", "no_tx", "waits",
                "replica semisync", "io", "sql"});
        for (Node n : nodes) {
            rows.add(new String[] {n.name(), n.state() + (n.frozen() ? " (frozen)" : ""), dash(n.source()),
                    dash(n.semisync()), dash(n.clients()), dash(n.yesTx()), dash(n.noTx()), dash(n.waitSessions()),
                    dash(n.replicaSemisync()), dash(n.io()), dash(n.sql())});
        }
        int[] width = new int[rows.get(0).length];
        for (String[] r : rows) {
            for (int i = 0; i < r.length; i++) {
                width[i] = Math.max(width[i], r[i].length());
            }
        }
        for (String[] r : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < r.length; i++) {
                line.append(String.format(Locale.ROOT, "%-" + (width[i] + 2) + "s", r[i]));
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
        if (cuts.isEmpty()) {
            out.append("no link is cut");
        } else {
            List<String> c = new ArrayList<>();
            cuts.forEach(k -> c.add(k.from() + " -> " + k.to() + " (" + k.cut() + ")"));
            out.append("cut: ").append(String.join(", ", c));
        }
        for (Latency l : latencies) {
            out.append('\n').append("latency ").append(l.from()).append(" -> ").append(l.to()).append(": ")
                    .append(io.semisyncsim.scenario.lang.Durations.format(l.micros()));
        }
        return out.toString();
    }

    private static String dash(String s) {
        return s == null ? "-" : s;
    }
}
