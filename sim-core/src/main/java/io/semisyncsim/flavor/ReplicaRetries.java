package io.semisyncsim.flavor;

import com.typesafe.config.Config;
import io.semisyncsim.binlog.EventType;
import java.util.Map;
import java.util.TreeMap;

/**
 * How a flavour's SQL thread shows a replicated transaction that waits for a row a local transaction holds,
 * and its tries again after innodb_lock_wait_timeout (flavors.conf {@code replica-retries}; slave.cc
 * exec_relay_log_event's retry of a temporary error).
 *
 * @param rowsWaitStates   the thread's state while a rows event of each kind waits for its row (the stage
 *                         Rows_log_event::find_row or write_row set)
 * @param retrySleepState  its state while it sleeps before the next try; null: the wait's state stays
 * @param gaveUpReported   Last_SQL_Error once the tries are spent, {@code {message}} the error's text and
 *                         {@code {count}} slave_transaction_retries
 * @param killedErrno      the error a KILL of the SQL thread ends its wait for a row with
 */
public record ReplicaRetries(Map<EventType, String> rowsWaitStates, String retrySleepState, String gaveUpReported,
                             int killedErrno) {

    static ReplicaRetries from(Config c) {
        Map<EventType, String> states = new TreeMap<>();
        for (EventType t : new EventType[] {EventType.WRITE_ROWS, EventType.UPDATE_ROWS, EventType.DELETE_ROWS}) {
            states.put(t, c.getString("rows-wait-states." + t.name()));
        }
        return new ReplicaRetries(Map.copyOf(states),
                c.getIsNull("retry-sleep-state") ? null : c.getString("retry-sleep-state"), c.getString("gave-up-reported"),
                c.getInt("killed-errno"));
    }

    /** The SQL thread's state while a rows event of kind {@code type} waits for its row. */
    public String rowsWaitState(EventType type) {
        return rowsWaitStates.get(type);
    }

    /** Last_SQL_Error after {@code count} tries again in vain, of the error {@code message}. */
    public String gaveUp(String message, long count) {
        return gaveUpReported.replace("{message}", message).replace("{count}", Long.toString(count));
    }
}
