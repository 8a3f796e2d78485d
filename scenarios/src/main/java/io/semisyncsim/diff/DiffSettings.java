package io.semisyncsim.diff;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.util.List;
import java.util.regex.Pattern;

/** diff.conf: the columns the harness decides, the log lines only a real server writes, timing tolerances. */
record DiffSettings(List<String> harnessColumns, List<Pattern> harnessStatements, List<Pattern> ignoredLogLines,
                    List<Pattern> timedStatus,
                    long floorMicros, double relative, long absoluteMicros, long settleMicros) {

    static DiffSettings load() {
        Config c = ConfigFactory.parseResources("diff.conf").resolve().getConfig("semisync-sim.diff");
        return new DiffSettings(c.getStringList("harness-columns"),
                c.getStringList("harness-statements").stream().map(Pattern::compile).toList(),
                c.getStringList("ignored-log-lines").stream().map(Pattern::compile).toList(),
                c.getStringList("timed-status").stream().map(Pattern::compile).toList(),
                c.getDuration("timing.floor").toNanos() / 1000, c.getDouble("timing.relative"),
                c.getDuration("timing.absolute").toNanos() / 1000, c.getDuration("settle").toNanos() / 1000);
    }

    /** Whether a statement's answer depends on the harness (a connection id), so is not compared. */
    boolean harnessStatement(String statement) {
        return harnessStatements.stream().anyMatch(p -> p.matcher(statement).find());
    }

    /** Whether a status variable counts microseconds, to be compared as a timing. */
    boolean timed(String statusVariable) {
        return timedStatus.stream().anyMatch(p -> p.matcher(statusVariable).find());
    }

    /** Whether two durations (µs) count as the same. */
    boolean sameTiming(long real, long simulated) {
        if (real < floorMicros && simulated < floorMicros) {
            return true;
        }
        return Math.abs(real - simulated) <= relative * simulated + absoluteMicros;
    }
}
