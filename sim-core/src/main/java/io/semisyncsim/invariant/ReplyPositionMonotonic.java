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
        /** After a reset, the position left over from before it: the epoch starts at the first other one. */
        BinlogPosition stale;
        long noTimes = -1;
        long resets;
        boolean enabled;
    }

    @Override
    Seen fresh() {
        return new Seen();
    }

    @Override
    Violation check(Mysqld node, SemisyncSourcePlugin plugin, Seen seen, long now) {
        SemisyncSource s = plugin.source();
        BinlogPosition reply = s.replyPosition();
        if (seen.noTimes < 0) {
            seen.reply = reply; // the first look: the position as it stands
        } else if (s.resets() != seen.resets) { // a RESET MASTER ran (when it ran, not when it was sent)
            seen.stale = seen.reply;
            seen.reply = null;
        } else if (s.noTimes() != seen.noTimes || s.isEnabled() != seen.enabled) {
            // A switch-off (or FLUSH STATUS zeroing no_times) or a disable: MySQL keeps the old position
            // but no longer trusts it (reply_file_name_inited_ = false), so the next ACK may be lower.
            seen.stale = seen.reply != null ? seen.reply : reply;
            seen.reply = null;
        }
        seen.noTimes = s.noTimes();
        seen.resets = s.resets();
        seen.enabled = s.isEnabled();
        if (reply == null || seen.reply == null && reply.equals(seen.stale)) {
            return null; // no position yet, or still the one from before the reset
        }
        Violation v = seen.reply != null && reply.compareTo(seen.reply) < 0
                ? new Violation(name(), now, node.name(), "the reply position moved back from " + seen.reply + " to "
                        + reply + " with no switch-off, disable or RESET MASTER between") : null;
        seen.reply = reply;
        seen.stale = null;
        return v;
    }
}
