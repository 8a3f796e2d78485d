package io.semisyncsim.binlog;

import java.util.ArrayList;
import java.util.List;

/**
 * What crash recovery does with the transactions a crash left prepared in the engine but written to the
 * binary log, decided from the log's transactions in order. Normally each is committed: the binary log
 * has it, so replicas may have it too (MySQL binlog::Binlog_recovery and xa::recovery; MariaDB
 * xarecover_decide_to_commit). A MariaDB server started with {@code --init-rpl-role=SLAVE} instead does
 * MDEV-21117's semisync-slave recovery (log.cc Recovery_context, do_truncate): a former source under
 * AFTER_SYNC may hold at its binlog's end transactions written but never acknowledged, which no replica
 * need have and no client was told about. The first prepared transaction after which the log holds only
 * prepared ones is where the log is cut: it and those after it are rolled back and leave the binary log
 * (truncate_and_remove_binlogs) and with it the GTID state; prepared ones before it are committed
 * (ha_recover_complete by binlog coordinate). A committed transaction after a prepared one moves the cut
 * past it (reset_truncate_coord), as a prepared one followed by a committed one was acknowledged.
 *
 * <p>Only what the model has is decided here: one transactional engine, so no multi-engine second round,
 * and no non-transactional group that would make the cut unsafe ("Cannot truncate the binary log ...").
 */
public final class BinlogRecovery {
    private BinlogRecovery() {
    }

    /**
     * The decision: {@code commit} and {@code rollBack} in binary log order; {@code truncateFrom} the
     * first rolled-back transaction, where the log is cut (null: the log stays as it is).
     */
    public record Decision(List<Transaction> commit, List<Transaction> rollBack, Transaction truncateFrom) {
        public Decision {
            commit = List.copyOf(commit);
            rollBack = List.copyOf(rollBack);
        }
    }

    /**
     * Decides over {@code logged}, the binary log's transactions oldest first, of which {@code prepared}
     * the engine holds prepared (every other one it committed before the crash); {@code truncate}: the
     * semisync-slave recovery (Recovery_context::do_truncate). A prepared transaction the log does not
     * hold cannot be found in it and is rolled back, as an engine's transaction without its binlog entry.
     */
    public static Decision decide(List<Transaction> logged, List<Transaction> prepared, boolean truncate) {
        List<Transaction> inLog = new ArrayList<>();
        int cut = -1; // index in inLog of the truncation candidate (set_truncate_coord), -1 for none
        for (Transaction t : logged) {
            if (prepared.contains(t)) {
                if (cut < 0) {
                    cut = inLog.size();
                }
                inLog.add(t);
            } else {
                cut = -1; // committed in the engine: the cut can only come after it (reset_truncate_coord)
            }
        }
        List<Transaction> commit = new ArrayList<>();
        List<Transaction> rollBack = new ArrayList<>();
        for (int i = 0; i < inLog.size(); i++) {
            (truncate && cut >= 0 && i >= cut ? rollBack : commit).add(inLog.get(i));
        }
        for (Transaction t : prepared) {
            if (!inLog.contains(t)) {
                rollBack.add(t);
            }
        }
        return new Decision(commit, rollBack, truncate && cut >= 0 ? inLog.get(cut) : null);
    }
}
