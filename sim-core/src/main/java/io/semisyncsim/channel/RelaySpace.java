package io.semisyncsim.channel;

import io.semisyncsim.binlog.BinlogEvent;

/**
 * relay_log_space_limit: when a replica's I/O thread must stop writing the relay log, and what lets it go
 * on. MariaDB and MySQL 5.7 (slave.cc handle_slave_io, wait_for_relay_log_space, next_event): it waits
 * after an event that took the relay files past the limit; a purge by the SQL thread wakes it, and a SQL
 * thread that has read everything lets one more event through, outside a transaction after a rotation.
 * MySQL 8 (rpl_replica.cc handle_slave_io, rpl_applier_reader.cc move_to_next_log): it waits before an
 * event outside a transaction that would take them past it, a GTID event counted with its transaction,
 * rotating first; the applier, at the end of the file it reads, purges it by force, which ends the wait.
 * The I/O thread's states:
 * <pre>
 *   writing --past the limit (after an event; MySQL 8: before a transaction)--> waiting (reads nothing)
 *   waiting --a purge freed enough--> writing
 *   waiting --the SQL thread let one more event through (rotating first outside a transaction)--> writing
 *   waiting --the applier purged up to the file the wait rotated to (MySQL 8)--> writing
 * </pre>
 */
public final class RelaySpace {

    /**
     * How a flavour enforces the limit (flavors.conf {@code relay-space-limit}): {@code beforeEvent}, MySQL
     * 8's check before an event; {@code purgeClearsIgnore}, 5.7's purge_first_log ending a handshake;
     * {@code formatAndRotateNeverWait}, 8.4's exception for those two event types.
     */
    public record Rules(boolean beforeEvent, boolean purgeClearsIgnore, boolean formatAndRotateNeverWait) {
        /** MariaDB's, the rules of a channel made without a flavour (unit tests). */
        public static final Rules AFTER_EVENT = new Rules(false, false, false);
    }

    /** How a wait for relay log space stands when the I/O thread is woken. */
    public enum Wait { GOES_ON, OVER, OVER_ROTATED }

    /** What the rules need of the relay log. */
    interface RelayLog {
        /** The size of every relay file not purged (log_space_total). */
        long space();

        /** rotate_relay_log; whether there was a relay log to rotate. */
        boolean rotate();

        /** The number of the relay file the I/O thread writes. */
        int writingFile();
    }

    private final Rules rules;
    /** relay_log_space_limit, read as a thread starts (it is read-only); 0: none. */
    private final java.util.function.LongSupplier limitVariable;
    private final RelayLog log;
    private long limit;
    /**
     * MariaDB's handshake: the SQL thread, waiting for events while the relay log is over its limit, lets
     * the I/O thread write one more event (ignore_log_space_limit) and, outside a transaction, asks it to
     * rotate first (sql_force_rotate_relay), so that there is a file to purge.
     */
    private boolean ignoreLimit;
    private boolean forceRotate;
    /** A purge or the SQL thread's handshake since the I/O thread last looked (log_space_cond's broadcast). */
    private boolean signal;
    /**
     * MySQL 8's wait: the I/O thread waits (is_receiver_waiting_for_rl_space) for room for {@code waitSize}
     * bytes, or until the applier has purged everything before {@code receiverFile}, the file it rotated to
     * as it began waiting ({@code coordinatorFileAfterPurge}: the applier's group file at its last purge).
     */
    private boolean receiverWaiting;
    private long waitSize;
    private int receiverFile;
    private int coordinatorFileAfterPurge;
    /** Whether the I/O thread's last queued event left it inside a transaction (MySQL's transaction_parser). */
    private boolean ioInTransaction;

    RelaySpace(Rules rules, java.util.function.LongSupplier limitVariable, RelayLog log) {
        this.rules = rules;
        this.limitVariable = limitVariable;
        this.log = log;
    }

    // --- the I/O thread

    /** The I/O thread starts (init_relay_log_info reads the limit); a new connection starts outside a transaction. */
    void ioStarting() {
        limit = limitVariable.getAsLong();
        ioInTransaction = false;
        receiverWaiting = false;
    }

    /** The I/O thread queued {@code e}. */
    void queued(BinlogEvent e) {
        if (e.trx() != 0) {
            ioInTransaction = !e.endsTransaction();
        }
    }

    /** Whether the limit holds here: then the I/O thread queues one event at a time. */
    public boolean limits() {
        return limit > 0;
    }

    /**
     * MySQL 8's handle_slave_io, before it queues {@code e} ({@code queuedSize} bytes, a GTID event's whole
     * transaction): whether it must first wait, because {@code e} is outside a transaction and would take
     * the relay log past the limit (exceeds_relay_log_limit).
     */
    public boolean waitsBeforeQueueing(BinlogEvent e, long queuedSize) {
        if (!rules.beforeEvent() || limit == 0 || ioInTransaction) {
            return false;
        }
        if (rules.formatAndRotateNeverWait() && switch (e.type()) {
            case FORMAT_DESCRIPTION, ARTIFICIAL_FORMAT_DESCRIPTION, ROTATE, FAKE_ROTATE -> true;
            default -> false;
        }) {
            return false;
        }
        return limit < log.space() + queuedSize;
    }

    /**
     * MySQL 8's wait_for_relay_log_space begins: it rotates the relay log, so that the applier can finish
     * the file and purge it, and waits for room for {@code queuedSize} bytes. Returns whether it rotated.
     */
    public boolean beginWaitBeforeQueueing(long queuedSize) {
        receiverWaiting = true;
        waitSize = queuedSize;
        boolean rotated = log.rotate();
        receiverFile = log.writingFile();
        return rotated;
    }

    /**
     * MariaDB's handle_slave_io, after it queued an event (and sent its ACK): whether it must now wait for
     * the SQL thread to free relay log space, because the relay log is over its limit and the SQL thread
     * has not let it go on.
     */
    public boolean waitsAfterQueueing() {
        return !rules.beforeEvent() && limit > 0 && !ignoreLimit && limit < log.space();
    }

    /**
     * wait_for_relay_log_space, woken: the wait is over when space was freed or the SQL thread let one more
     * event through (MySQL 8: the applier purged up to the file the wait began with); then the relay log is
     * rotated first if the SQL thread asked for it (OVER_ROTATED: the SQL thread has a Rotate to read), and
     * the limit holds again from the next event.
     */
    public Wait woken() {
        if (rules.beforeEvent()) {
            if (limit < log.space() + waitSize && coordinatorFileAfterPurge != receiverFile) {
                return Wait.GOES_ON;
            }
            receiverWaiting = false;
            return Wait.OVER;
        }
        if (limit < log.space() && !ignoreLimit) {
            return Wait.GOES_ON;
        }
        boolean rotated = false;
        if (ignoreLimit && forceRotate) {
            rotated = log.rotate();
            forceRotate = false;
        }
        ignoreLimit = false;
        return rotated ? Wait.OVER_ROTATED : Wait.OVER;
    }

    /** Whether the I/O thread should look at the relay log's space again since it was last told (and forgets it). */
    public boolean takeSignal() {
        boolean was = signal;
        signal = false;
        return was;
    }

    // --- the SQL thread

    /**
     * The SQL thread starts: it reads the limit, and "when the SQL thread starts it sets
     * ignore_log_space_limit to false" (handle_slave_sql); MySQL 8 turns the limit off while relay_log_purge
     * is OFF (Rpl_applier_reader::open: ER_RELAY_LOG_SPACE_LIMIT_DISABLED, whose warning is not written yet).
     */
    void sqlStarted(boolean relayLogPurge) {
        limit = limitVariable.getAsLong();
        ignoreLimit = false;
        if (rules.beforeEvent() && !relayLogPurge) {
            limit = 0;
        }
    }

    /**
     * next_event, with every relay-log event read, before the SQL thread waits for more: when the relay
     * log is over its limit, it lets the I/O thread write one more event, asking it to rotate first when
     * it is not {@code inGroup} (the file it reads could never be purged otherwise), and wakes it.
     */
    void sqlWaitsForEvents(boolean inGroup) {
        if (!rules.beforeEvent() && limit > 0 && limit < log.space()) {
            forceRotate = !inGroup;
            ignoreLimit = true;
            signal = true;
        }
    }

    /**
     * MySQL 8's Rpl_applier_reader::move_to_next_log(force): whether the applier, leaving a relay file at its
     * end and not {@code inGroup}, moves its group into the next file so that the one left is purged too.
     */
    boolean forcesPurge(boolean inGroup) {
        return rules.beforeEvent() && receiverWaiting && !inGroup;
    }

    /**
     * The SQL thread purged the files before its group's file {@code groupFile} ({@code any}: some went):
     * purge_first_log broadcasts log_space_cond; MySQL's purge_applied_logs notes where it got to; 5.7's ends
     * the handshake.
     */
    void purged(boolean any, int groupFile) {
        signal |= any && limit > 0 || receiverWaiting;
        coordinatorFileAfterPurge = groupFile;
        if (rules.purgeClearsIgnore()) {
            ignoreLimit = false;
        }
    }
}
