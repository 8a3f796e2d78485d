package io.semisyncsim.invariant;

import io.semisyncsim.binlog.BinlogPosition;
import io.semisyncsim.semisync.SemisyncSource;
import io.semisyncsim.semisync.SemisyncSourcePlugin;
import io.semisyncsim.server.Mysqld;

/**
 * The source's reply position (the highest binlog position a quorum of replicas acknowledged) never
 * moves backwards while it means the same thing: MySQL forgets it on a switch-off, a disable and RESET
 * MASTER (reply_file_name_inited_ = false), and a restart starts afresh; between those it only grows.
 */
final class ReplyPositionMonotonic extends PerSource<ReplyPositionMonotonic.Seen> {

    static final class Seen {
        BinlogPosition reply;
        long noTimes = -1;
        boolean enabled;
    }

    @Override
    Seen fresh() {
        return new Seen();
    }

    @Override
    void statement(String node, String sql, Seen seen) {
        if (AckLedger.RESET.matcher(sql).matches()) {
            seen.reply = null;
        }
    }

    @Override
    Violation check(Mysqld node, SemisyncSourcePlugin plugin, Seen seen, long now) {
        SemisyncSource s = plugin.source();
        BinlogPosition reply = s.replyPosition();
        if (s.noTimes() != seen.noTimes || s.isEnabled() != seen.enabled) {
            seen.reply = null; // a switch-off (or FLUSH STATUS zeroing no_times) or a disable: it starts over
        }
        Violation v = null;
        if (seen.reply != null && reply != null && reply.compareTo(seen.reply) < 0) {
            v = new Violation(name(), now, node.name(), "the reply position moved back from " + seen.reply + " to "
                    + reply + " with no switch-off, disable or RESET MASTER between");
        }
        seen.reply = reply;
        seen.noTimes = s.noTimes();
        seen.enabled = s.isEnabled();
        return v;
    }
}
