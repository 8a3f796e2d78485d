package io.semisyncsim.diff;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/** diff.conf: the columns the harness decides, the log lines only a real server writes, timing tolerances. */
record DiffSettings(List<String> harnessColumns, List<Pattern> harnessStatements, List<Pattern> ignoredLogLines,
                    Map<String, Pattern> backgroundLogLines, List<Pattern> timedStatus, List<String> wholeSecondColumns,
                    long floorMicros, long realFloorMicros, double relative, long absoluteMicros,
                    long settleMicros) {

    static DiffSettings load() {
        Config c = ConfigFactory.parseResources("diff.conf").resolve().getConfig("semisync-sim.diff");
        return new DiffSettings(c.getStringList("harness-columns"),
                c.getStringList("harness-statements").stream().map(Pattern::compile).toList(),
                c.getStringList("ignored-log-lines").stream().map(Pattern::compile).toList(),
                background(c.getConfig("background-log-lines")),
                c.getStringList("timed-status").stream().map(Pattern::compile).toList(),
                c.getStringList("whole-second-columns"),
                c.getDuration("timing.floor").toNanos() / 1000, c.getDuration("timing.real-floor").toNanos() / 1000,
                c.getDouble("timing.relative"),
                c.getDuration("timing.absolute").toNanos() / 1000, c.getDuration("settle").toNanos() / 1000);
    }

    private static Map<String, Pattern> background(Config c) {
        Map<String, Pattern> out = new TreeMap<>();
        for (String name : c.root().keySet()) {
            out.put(name, Pattern.compile(c.getString("\"" + name + "\"")));
        }
        return out;
    }

    /**
     * A log with each background thread's lines (thread 0 in the server's numbering, a line of
     * {@code background-log-lines}) given a thread of their own, named {@code 0 NAME}.
     */
    List<Normaliser.LogLine> ownThreads(List<Normaliser.LogLine> log) {
        List<Normaliser.LogLine> out = new ArrayList<>(log.size());
        for (Normaliser.LogLine l : log) {
            String own = !l.thread().equals("0") ? null : backgroundLogLines.entrySet().stream()
                    .filter(e -> e.getValue().matcher(l.text()).find()).map(Map.Entry::getKey).findFirst().orElse(null);
            out.add(own == null ? l : new Normaliser.LogLine(l.process(), "0 " + own, l.text()));
        }
        return out;
    }

    /** Whether a statement's answer depends on the harness (a connection id), so is not compared. */
    boolean harnessStatement(String statement) {
        return harnessStatements.stream().anyMatch(p -> p.matcher(statement).find());
    }

    /** Whether a status variable counts microseconds, to be compared as a timing. */
    boolean timed(String statusVariable) {
        return timedStatus.stream().anyMatch(p -> p.matcher(statusVariable).find());
    }

    /**
     * Whether a replica status column counted in whole seconds reads the same on both sides: within one,
     * since where a second boundary falls between the two sides' readings is the harness's.
     */
    boolean sameSecond(String field, String real, String simulated) {
        int dot = field.lastIndexOf('.');
        if (real == null || simulated == null || !field.contains(".replica_status.")
                || !wholeSecondColumns.contains(field.substring(dot + 1))
                || !real.matches("\\d+") || !simulated.matches("\\d+")) {
            return false;
        }
        return Math.abs(Long.parseLong(real) - Long.parseLong(simulated)) <= 1;
    }

    /** Whether two durations (µs) count as the same. */
    boolean sameTiming(long real, long simulated) {
        if (simulated < floorMicros && real < realFloorMicros) {
            return true; // a step that does not wait in the model, slowed by a busy machine in reality
        }
        return Math.abs(real - simulated) <= relative * simulated + absoluteMicros;
    }
}
