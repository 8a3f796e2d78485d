package io.semisyncsim.replication;

import io.semisyncsim.binlog.Transaction;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import io.semisyncsim.binlog.BinlogEvent;
import io.semisyncsim.binlog.GroupCommit;
import io.semisyncsim.channel.GtidRequest;
import io.semisyncsim.channel.ReplicaChannel;
import io.semisyncsim.kernel.SimKernel;
import io.semisyncsim.server.Mysqld;
import io.semisyncsim.server.StatementReplay;
import io.semisyncsim.server.TableStore;
import io.semisyncsim.server.Threads;
import io.semisyncsim.trace.Trace;
import java.util.List;

/**
 * The replica's SQL thread (handle_slave_sql): applies relay-log events in order, each costing
 * {@code applyPerEvent}; it runs as its own server thread and logs its start and stop as its flavour does.
 */
public final class SqlThread {
    private SqlThread() {
    }

    public sealed interface Command {
    }

    /** The I/O thread wrote more to the relay log. */
    public record RelayAdvanced() implements Command {
    }

    /** STOP SLAVE, or ({@code killed}) a KILL of the thread, which a commit it waits on has seen already. */
    public record Stop(boolean killed) implements Command {
    }

    private record Applied() implements Command {
    }

    /** MASTER_DELAY's sleep is over. */
    private record DelayOver() implements Command {
    }

    /** The next event is at or past START SLAVE UNTIL's position: the thread stops (itself, as the server's). */
    private enum UntilReached implements Command { TICK }

    /** The row a waiting transaction wanted is free (lock_grant); from the wait {@code token}. */
    private record RowFree(long token) implements Command {
    }

    /** innodb_lock_wait_timeout passed in the wait {@code token}. */
    private record LockWaitTimeout(long token) implements Command {
    }

    /** The sleep before the next try of a transaction, {@code token}, is over. */
    private record RetrySleepOver(long token) implements Command {
    }

    /** The server committed the transaction this thread handed it ({@link CommitRequest}). */
    public record Committed() implements Command {
    }

    /** What the SQL thread asks of its node's actor. */
    public sealed interface NodeRequest {
    }

    /**
     * A transaction this thread applied, for the server to commit through group commit (where an enabled
     * semisync source holds it for an ACK): {@code thread}, this thread's id; {@code replyTo} gets
     * {@link Committed}.
     */
    public record CommitRequest(Transaction transaction, GroupCommit.Replicated how, long thread,
                                ActorRef<Command> replyTo) implements NodeRequest {
    }

    /**
     * STOP SLAVE reached this thread while the server commits for it: the commit's wait is woken, not
     * ended, for the thread must finish its transaction (terminate_slave_thread's THD::awake(NOT_KILLED)).
     */
    public record WakeRequest(long thread) implements NodeRequest {
    }

    /**
     * {@code ioThread}: the node's I/O thread, whichever runs, woken when relay log space is freed;
     * {@code toNode}: hands the node's actor a {@link NodeRequest}.
     */
    public record Context(String node, ReplicaChannel channel, TableStore store, long applyPerEvent, Trace trace,
                          Threads.Thread thread, Mysqld server, ActorRef<IoThread.Command> ioThread,
                          java.util.function.Consumer<NodeRequest> toNode) {
    }

    public static Behavior<Command> create(Context c) {
        return Behaviors.setup(ctx -> new Running(c, ctx).start());
    }

    private static final class Running {
        private final Context c;
        private final ActorContext<Command> ctx;
        /** Events in the run being applied; 0 while idle. */
        private int applying;
        /** START SLAVE UNTIL's position was reached: the thread applies nothing more and stops. */
        private boolean untilReached;
        /** Of those, the ones taken before a commit the server is running for this thread; -1: none runs. */
        private int committing = -1;
        /** STOP SLAVE came while the server committed: the thread ends once that commit is done. */
        private boolean stopAfterCommit;
        /**
         * A replicated transaction that meets a row a local transaction holds (exec_relay_log_event and InnoDB's
         * lock_wait, measured on MariaDB 10.11.19):
         * <pre>
         *   applying --a row it changes is held-------------> waiting (the rows event's stage; Innodb_row_lock_waits)
         *   waiting  --the row is let go---------------------> applying, from the same event
         *   waiting  --innodb_lock_wait_timeout, tries left--> sleeping min(tries, 5) s, the group rolled back
         *   sleeping --the sleep is over---------------------> applying, from the group's start (Slave_retried_transactions)
         *   waiting  --timeout, replica_transaction_retries spent (or 0)--> stopped with 1205
         *   waiting  --STOP SLAVE----------------------------> waiting still; stopped when the wait ends, no error
         *   waiting  --KILL----------------------------------> stopped with the killed error (MariaDB 1927), no retry
         *   sleeping --STOP SLAVE, KILL----------------------> stopped, the try counted, no error
         * </pre>
         * {@code waitingAt}: the run's index of the event that waits, else -1; {@code token} tells a stale timer or
         * wake-up from the current one's; {@code retries}: how many tries the transaction had (TransactionRetries);
         * {@code attemptCounted}: this try was counted in Slave_Transactional_Groups when it began to wait or
         * began again (MariaDB counts each try at its Gtid event).
         */
        private int waitingAt = -1;
        private boolean sleeping;
        /** STOP SLAVE came during a wait for a row: the thread leaves when the wait ends. */
        private boolean stopAfterWait;
        private long token;
        private final TransactionRetries retries = new TransactionRetries();
        private boolean attemptCounted;
        /** The change of the transaction that waits for its row: what a timeout or a KILL reports is its event's. */
        private int waitingChange;
        /** The transaction a sleep waits to run again. */
        private Transaction retrying;
        /** The thread's own session: its innodb_lock_wait_timeout is the global one when it started. */
        private io.semisyncsim.server.Session session;
        /** What the transaction being applied arrived as: row events, and (MariaDB) their Annotate_rows. */
        private boolean rowsSeen;
        private boolean annotateSeen;
        /** Where the transaction's rows events end in the source's binlog, as an error names the failing one. */
        private long[] rowsEnds = new long[4];
        private int rowsEvents;
        /** sql_slave_skip_counter as this thread started with it, and where it started (for the line it logs). */
        private long skipAsked;
        private String skipFromRelayFile;
        private long skipFromRelayPos;
        private String skipFromFile;
        private long skipFromPos;
        private String skipFromGtid;
        /**
         * How this thread logs what it applies (log_slave_updates): the server's binlog_format as the thread
         * started, for the thread is a connection with its own session values (init_slave_thread), so a SET
         * GLOBAL reaches it at the next START SLAVE; it writes no Annotate_rows of its own (measured on
         * MariaDB 10.11.19: a statement it logs as rows has none).
         */
        private Transaction.Logging logging;

        Running(Context c, ActorContext<Command> ctx) {
            this.c = c;
            this.ctx = ctx;
        }

        private void log(String id, Object... args) {
            c.server().runAs(c.thread().id(), () -> c.server().errorLog().log(id, args));
        }

        private String file() {
            return c.channel().relaySourceLogFile().isEmpty() ? "FIRST" : c.channel().relaySourceLogFile();
        }

        private void state() {
            String replica = c.server().flavor().logTerms().replica();
            c.thread().state(Character.toUpperCase(replica.charAt(0)) + replica.substring(1)
                    + " has read all relay log; waiting for more updates");
        }

        /** The position the channel positions from by GTID, as the SQL thread's lines name it; null if by position. */
        private String gtidPosition() {
            GtidRequest r = c.server().gtids().request(c.channel());
            return r == null ? null : r.toString();
        }

        /** Whether to write a line's GTID form ({@code gtidKey}): the channel positions by GTID, and the flavour has one. */
        private boolean gtidForm(String gtid, String gtidKey) {
            return gtid != null && c.server().flavor().logMessage(gtidKey) != null;
        }

        Behavior<Command> start() {
            session = new io.semisyncsim.server.Session();
            session.open(c.server().variables());
            Transaction.Logging own = session.logging(c.server().variables());
            logging = new Transaction.Logging(own.statements(), false, own.domainId());
            c.channel().sqlStarted(c.server().flavor().gtidSqlThreadStartsAt4());
            c.channel().clearSqlError();
            c.server().sqlThreadTakesSkipCounter();
            skipAsked = c.channel().skipCounter();
            if (skipAsked > 0) {
                skipFromRelayFile = ReplicaChannel.relayFileName(c.node(), c.channel().groupRelayFileNumber());
                skipFromRelayPos = c.channel().relayLogPos();
                skipFromFile = c.channel().relaySourceLogFile();
                skipFromPos = c.channel().execSourceLogPos();
                skipFromGtid = c.server().gtids().variable("gtid_slave_pos");
            }
            c.trace().record(c.node(), "sql_thread", "sql.start");
            String gtid = gtidPosition();
            log(gtidForm(gtid, "sql-initialized-gtid") ? "sql-initialized-gtid" : "sql-initialized",
                    "file_or_first", file(), "pos", c.channel().execSourceLogPos(),
                    "relay_file", io.semisyncsim.channel.ReplicaChannel.relayFileName(c.node(), c.channel().relayFileNumber()),
                    "relay_pos", c.channel().relayLogPos(), "gtid", gtid == null ? "" : gtid);
            state();
            applyNext();
            // A dispatch method rather than Akka's ReceiveBuilder, which allocates on every message
            // (the SQL thread handles one or more per transaction: docs/PERFORMANCE.md).
            return Behaviors.receiveMessage(this::onCommand);
        }

        private Behavior<Command> onCommand(Command m) {
            if (waitingAt >= 0 || sleeping) {
                return whileRetrying(m);
            }
            if (m instanceof Applied) {
                return applied(0);
            } else if (m instanceof Committed) {
                return committed();
            } else if (committing >= 0 && m instanceof Stop stop) {
                stopAfterCommit = true; // the transaction is in the binary log: the thread finishes it first
                if (!stop.killed()) {
                    c.toNode().accept(new WakeRequest(c.thread().id()));
                }
            } else if (committing >= 0) {
                return Behaviors.same(); // RelayAdvanced, DelayOver: looked at once the commit is done
            } else if (m instanceof DelayOver) {
                c.channel().sqlDelayOver();
                state();
                applyNext();
            } else if (m instanceof RelayAdvanced) {
                applyNext();
            } else if (m instanceof Stop) {
                if (!c.channel().sqlDelaying()) {
                    // next_event's "Error reading relay log event": a thread asleep in sql_delay_event was not
                    // reading the relay log, and goes without it (measured on MariaDB 10.11.18)
                    log("sql-killed");
                }
                return exit();
            } else if (m == UntilReached.TICK) {
                // where the thread is, in the log the condition names (slave.cc: the binlog's or the relay log's)
                boolean relay = c.channel().until().relay();
                log("sql-until-reached",
                        "pos", relay ? c.channel().relayLogPos() : c.channel().execSourceLogPos(),
                        "file", relay ? "./" + ReplicaChannel.relayFileName(c.node(), c.channel().relayFileNumber())
                                : c.channel().relaySourceLogFile(),
                        "kind", relay ? "relaylog" : "binlog");
                return exit();
            } else {
                return Behaviors.unhandled();
            }
            return Behaviors.same();
        }

        /**
         * Events are applied one by one, each costing applyPerEvent; a run up to the next commit is one
         * step, since the executed position and the data only change when a transaction ends.
         */
        private void applyNext() {
            if (applying == 0 && !untilReached && c.channel().untilReached()) {
                // exec_relay_log_event: is_until_satisfied before the event, and before MASTER_DELAY
                untilReached = true;
                ctx.getSelf().tell(UntilReached.TICK);
                return;
            }
            if (applying == 0 && !untilReached && !c.channel().sqlDelaying()) {
                // sql_delay_event: the group waits until MASTER_DELAY seconds after the source ran it. Woken at
                // the end of that second, the next look finds nothing left to wait.
                long until = c.channel().sqlDelayUntil(c.server().now(),
                        c.server().flavor().threadStyle().sqlDelayFromCommitSecondUp());
                if (until >= 0) {
                    c.thread().state(c.server().flavor().threadStyle().sqlDelayState());
                    SimKernel.tellLater(ctx, until - c.server().now(), ctx.getSelf(), new DelayOver());
                    return;
                }
                if (c.channel().nextToApply() != null) {
                    applying = c.channel().eventsToNextCommit();
                    // Never cancelled (a stopped thread's Applied goes nowhere), so no keyed timer is needed.
                    SimKernel.tellLater(ctx, c.channel().executedAmong(applying) * c.applyPerEvent(), ctx.getSelf(),
                            new Applied());
                } else {
                    c.channel().sqlWaitsForEvents(); // next_event: everything read; the relay-space handshake
                }
            }
            if (c.channel().relaySpace().takeSignal()) {
                c.ioThread().tell(new IoThread.RelaySpaceSignal()); // log_space_cond: a purge, or the handshake
            }
        }

        private Behavior<Command> exit() {
            c.channel().sqlRetrying(null, false);
            c.channel().sqlStopped();
            c.channel().sqlDelayOver();
            c.server().waits().replicationMoved(0); // a waiter of MASTER_POS_WAIT gets NULL
            // what it applied: gtid_slave_pos, even on a channel that started from gtid_current_pos, whose local
            // transactions its start line named (measured on MariaDB 10.11.18)
            boolean byGtid = gtidForm(gtidPosition(), "sql-exiting-gtid");
            log(byGtid ? "sql-exiting-gtid" : "sql-exiting",
                    "file_or_first", file(), "pos", c.channel().execSourceLogPos(), "host",
                    c.channel().sourceHost(), "port", c.channel().sourcePort(),
                    "gtid", byGtid ? c.server().gtids().variable("gtid_slave_pos") : "");
            c.server().threads().close(c.thread().id());
            c.trace().record(c.node(), "sql_thread", "sql.stop");
            return Behaviors.stopped();
        }

        /** The run's events from its {@code from}-th on are applied; a commit handed to the server stops here. */
        private Behavior<Command> applied(int from) {
            int groups = 0;
            for (int i = from; i < applying; i++) {
                BinlogEvent e = c.channel().nextToApply();
                if (e == null) {
                    break; // the relay log was reset meanwhile
                }
                if (c.channel().skipCounter() > 0 && e.trx() != 0) {
                    if (skip(e)) {
                        groups++;
                    }
                    continue;
                }
                switch (e.type()) {
                    case GTID -> {
                        rowsSeen = false;
                        annotateSeen = false;
                        rowsEvents = 0;
                    }
                    case TABLE_MAP -> rowsSeen = true;
                    case ANNOTATE_ROWS -> annotateSeen = true;
                    case WRITE_ROWS, UPDATE_ROWS, DELETE_ROWS -> rowsEnd(e.endPos());
                    default -> { }
                }
                Transaction trx = e.transaction();
                if (e.endsTransaction() && waitsForRow(e, trx, i)) {
                    if (groups > 0) {
                        c.server().waits().replicationMoved(groups);
                    }
                    return Behaviors.same();
                }
                if (e.endsTransaction() && trx.query() == null) {
                    List<ApplyError> conflicts = ApplyError.of(c.server().flavor(), c.store(), trx, rowsSeen,
                            this::applyRules, rowsEnds, rowsEvents, e.file());
                    ApplyError stop = goPast(trx, conflicts);
                    if (stop != null) {
                        return failed(e, stop.code(), stop.reported(), stop.message());
                    }
                    trx = ApplyError.remaining(trx, conflicts); // less what an error it went past left out
                    trx = StatementReplay.onReplica(c.server(), trx);
                } else if (e.endsTransaction() && trx.query().effect() instanceof io.semisyncsim.table.Ddl
                        && c.server().replicaDdlStrict() && !c.server().gtids().executedAlready(trx)) {
                    ApplyError stop = DdlConflict.of(c.server().flavor(), c.store().catalog(), trx.query());
                    if (stop != null) {
                        return failed(e, stop.code(), stop.reported(), stop.message());
                    }
                }
                if (e.endsTransaction() && c.server().commitsAppliedThroughGroupCommit(trx, rowsSeen, logging)) {
                    try {
                        c.server().beforeReplicatedCommit(trx, true);
                    } catch (io.semisyncsim.error.SqlError err) {
                        return failed(e, err.code(), err.getMessage(), err.getMessage());
                    }
                    if (groups > 0) {
                        c.server().waits().replicationMoved(groups);
                    }
                    committing = i;
                    if (!attemptCounted) {
                        c.channel().groupCounted(trx);
                    }
                    c.channel().sqlCommitting(c.thread()::state);
                    c.toNode().accept(new CommitRequest(trx,
                            new GroupCommit.Replicated(rowsSeen, annotateSeen, logging), c.thread().id(), ctx.getSelf()));
                    return Behaviors.same(); // the executed position moves once the server has committed it
                }
                if (e.endsTransaction()) {
                    try {
                        // Applied (or skipped: MySQL's GTID already executed), logged with log_slave_updates.
                        if (c.server().applyReplicated(trx, rowsSeen, annotateSeen, logging)) {
                            c.trace().record(c.node(), "sql_thread", "sql.applied", "trx", e.trx(), "pos", e.endPos());
                        } else {
                            c.trace().record(c.node(), "sql_thread", "sql.skipped", "trx", e.trx(), "gtid",
                                    String.valueOf(trx.gtid()));
                        }
                    } catch (io.semisyncsim.error.SqlError err) {
                        return failed(e, err.code(), err.getMessage(), err.getMessage());
                    }
                }
                if (c.channel().applied(e)) {
                    groups++;
                }
                if (e.endsTransaction()) {
                    transactionDone();
                }
            }
            if (groups > 0) {
                c.server().waits().replicationMoved(groups); // data_cond: MASTER_POS_WAIT's waiters look again
            }
            applying = 0;
            applyNext();
            return Behaviors.same();
        }

        /** The server committed the transaction handed to it: the position moves, and the run goes on. */
        private Behavior<Command> committed() {
            BinlogEvent e = c.channel().nextToApply();
            if (e != null) { // else the relay log was reset meanwhile
                c.trace().record(c.node(), "sql_thread", "sql.applied", "trx", e.trx(), "pos", e.endPos());
                if (c.channel().applied(e)) {
                    c.server().waits().replicationMoved(1);
                }
            }
            int next = committing + 1;
            committing = -1;
            transactionDone();
            c.channel().sqlCommitting(null);
            if (stopAfterCommit) {
                return exit(); // stopped between transactions: no "was killed" line (measured on MariaDB 10.11.18)
            }
            state();
            return applied(next);
        }

        /**
         * The SQL thread stops on an error, the transaction not applied, and reads its group again from the
         * start when started again (Last_SQL_Errno; slave.cc's lines). {@code reported}: Last_SQL_Error, as the
         * failing event reports it; {@code message}: the error itself, which the warning line quotes.
         */
        private Behavior<Command> failed(BinlogEvent e, int code, String reported, String message) {
            return failed(e, code, reported, message, 1);
        }

        /** As {@link #failed(BinlogEvent, int, String, String)}, the warning line written {@code warnings} times. */
        private Behavior<Command> failed(BinlogEvent e, int code, String reported, String message, int warnings) {
            c.channel().sqlError(code, reported, c.server().now());
            if (!attemptCounted) {
                c.channel().groupFailed(e.transaction());
            }
            c.channel().rewindGroup();
            String gtid = gtidPosition();
            String code6 = String.format("%06d", code); // MySQL 8's "Error_code: MY-001062"
            log("sql-error", "message", reported, "gtid", String.valueOf(e.transaction().gtid()), "code", code,
                    "code6", code6);
            for (int w = 0; w < warnings; w++) {
                log("sql-error-warning", "message", message, "code", code, "code6", code6);
            }
            // "; GTID position '...'" only on a channel that positions by GTID (slave.cc handle_slave_sql)
            log("sql-aborted", "file", file(), "pos", c.channel().execSourceLogPos(),
                    "gtid", gtid == null ? "" : "; GTID position '" + gtid + "'");
            c.trace().record(c.node(), "sql_thread", "sql.error", "code", (long) code, "trx", e.trx());
            return exit();
        }

        /** The transaction ended applied: its next one starts with no tries (rli->trans_retries = 0) and uncounted. */
        private void transactionDone() {
            c.thread().timeFrom(c.server().now()); // its Time: seconds since it last applied (measured on 10.11.19)
            retries.applied();
            attemptCounted = false;
        }

        /**
         * What ended the wait reports, by the waiting change's event ({@code e}, the transaction's end, not
         * applied yet): the lock wait timeout's 1205, or a KILL's error.
         */
        private ApplyError lockWaitError(BinlogEvent e, boolean killed) {
            var flavor = c.server().flavor();
            return killed ? ApplyError.lockWaitKilled(flavor, e.transaction(), waitingChange, rowsSeen, rowsEnds,
                    rowsEvents, e.file())
                    : ApplyError.lockWaitTimeout(flavor, e.transaction(), waitingChange, rowsSeen, rowsEnds, rowsEvents,
                    e.file());
        }

        /** How often the timeout's warning is listed: a statement's 1205 twice in MariaDB, as a client's; a rows event's once. */
        private int lockTimeoutWarnings(BinlogEvent e) {
            return ApplyError.changeInRows(e.transaction(), waitingChange, rowsSeen) ? 1
                    : c.server().flavor().sql().lockWaitTimeoutListed();
        }

        /** The wait for a row is over without the row (a timeout, a stop, a KILL): it no longer counts as one. */
        private void waitEnded() {
            c.server().recordLocks().applierWaitEnded(c.thread().id());
            waitingAt = -1;
        }

        /**
         * Whether {@code trx}, ending with {@code e} at the run's index {@code at}, waits for a row a local
         * transaction holds; if it does, the thread shows the rows event's stage (a statement's own state and
         * text under MIXED) and waits until the row is free or innodb_lock_wait_timeout passes.
         */
        private boolean waitsForRow(BinlogEvent e, Transaction trx, int at) {
            if (trx.changes().isEmpty() || !c.server().recordLocks().anyHeld()
                    || c.server().gtids().executedAlready(trx)) {
                return false; // nothing asked on the commit path while no local transaction holds a row
            }
            long wait = ++token;
            int change = c.server().recordLocks().applierWaits(c.thread().id(), trx.changes(),
                    () -> ctx.getSelf().tell(new RowFree(wait)));
            if (change < 0) {
                return false;
            }
            waitingAt = at;
            waitingChange = change;
            boolean rows = ApplyError.changeInRows(trx, change, rowsSeen);
            Transaction.RowChange waiting = trx.changes().get(change);
            String state = rows ? c.server().flavor().replicaRetries().rowsWaitState(waiting.kind())
                    : io.semisyncsim.server.RecordLocks.waitState(waiting.kind() == io.semisyncsim.binlog.EventType.WRITE_ROWS);
            c.thread().set(c.thread().command(), state, rows ? null : ApplyError.statementOf(trx, change),
                    c.server().now());
            c.thread().timeFrom(c.server().now()); // the event it waits in began now
            c.channel().sqlRetrying(state, true);
            if (!attemptCounted) {
                c.channel().groupCounted(trx); // the try began with its Gtid event
                attemptCounted = true;
            }
            c.trace().record(c.node(), "sql_thread", "sql.lock-wait", "trx", e.trx(), "change", (long) change);
            SimKernel.tellLater(ctx, c.server().recordLocks().timeoutMicros(session), ctx.getSelf(),
                    new LockWaitTimeout(wait));
            return true;
        }

        /** A message while the thread waits for a row or sleeps before a try: its own, a stop, or later. */
        private Behavior<Command> whileRetrying(Command m) {
            if (m instanceof RowFree f && f.token() == token && waitingAt >= 0) {
                int at = waitingAt;
                waitingAt = -1;
                goesOn();
                if (stopAfterWait) {
                    c.channel().rewindGroup(); // the row came, and the thread, told to stop, rolls back and leaves
                    return exit();
                }
                return applied(at); // the same event, which may meet another held row
            } else if (m instanceof LockWaitTimeout t && t.token() == token && waitingAt >= 0) {
                return stopAfterWait ? stoppedWhileRetrying() : lockWaitTimedOut();
            } else if (m instanceof RetrySleepOver r && r.token() == token && sleeping) {
                return tryAgain();
            } else if (m instanceof Stop stop && waitingAt >= 0 && !stop.killed()) {
                // STOP SLAVE wakes the thread without killing it (terminate_slave_thread: awake(NOT_KILLED)), which
                // does not end InnoDB's wait: the thread leaves when the wait does (measured on MariaDB 10.11.19:
                // STOP SLAVE took 679 ms of a 1 s innodb_lock_wait_timeout, and the try's 1205 was reported)
                stopAfterWait = true;
            } else if (m instanceof Stop && waitingAt >= 0) {
                return killedWhileWaiting();
            } else if (m instanceof Stop) {
                return stoppedWhileRetrying();
            }
            return Behaviors.same(); // RelayAdvanced, DelayOver, a stale timer: looked at once the thread goes on
        }

        /**
         * innodb_lock_wait_timeout passed: with tries left the try is reported, the group rolled back, and run again
         * after a sleep of min(tries, 5) s; once replica_transaction_retries tries were made the thread gives up,
         * and with replica_transaction_retries 0 it stops at the error as at any other (slave.cc
         * exec_relay_log_event, measured on MariaDB 10.11.19).
         */
        private Behavior<Command> lockWaitTimedOut() {
            waitEnded();
            BinlogEvent e = c.channel().nextToApply();
            ApplyError timeout = lockWaitError(e, false);
            long allowed = c.server().replicaTransactionRetries();
            TransactionRetries.Next next = retries.failed(allowed);
            if (next == TransactionRetries.Next.STOP) {
                goesOn();
                return failed(e, 1205, timeout.reported(), timeout.message(), lockTimeoutWarnings(e));
            }
            logTry(e, timeout);
            if (next == TransactionRetries.Next.GIVE_UP) {
                log("sql-gave-up", "count", allowed);
                goesOn();
                return failed(e, 1205, c.server().flavor().replicaRetries().gaveUp(timeout.message(), allowed),
                        timeout.message(), lockTimeoutWarnings(e));
            }
            c.channel().rewindGroup();
            retrying = e.transaction();
            c.trace().record(c.node(), "sql_thread", "sql.retry-sleep", "tries", retries.tries());
            if (retries.sleepMicros() == 0) {
                return tryAgain(); // slave_sleep(0)
            }
            sleeping = true;
            String state = c.server().flavor().replicaRetries().retrySleepState();
            if (state != null) {
                c.thread().set(c.thread().command(), state, null, c.server().now());
                c.channel().sqlRetrying(state, false);
            }
            SimKernel.tellLater(ctx, retries.sleepMicros(), ctx.getSelf(), new RetrySleepOver(++token));
            return Behaviors.same();
        }

        /** The failed try's report, as each try's is written (MariaDB: an error; MySQL: a warning). */
        private void logTry(BinlogEvent e, ApplyError timeout) {
            log("sql-retry", "message", timeout.reported(), "gtid", String.valueOf(e.transaction().gtid()),
                    "code", 1205, "code6", String.format("%06d", 1205));
        }

        /** The next try: counted in Slave_retried_transactions and, at its Gtid event, in the groups. */
        private Behavior<Command> tryAgain() {
            sleeping = false;
            retries.retried();
            c.channel().transactionRetried();
            goesOn();
            c.channel().groupCounted(retrying);
            attemptCounted = true;
            applying = 0;
            applyNext();
            return Behaviors.same();
        }

        /**
         * The thread leaves while it waits for a row once the wait timed out after STOP SLAVE, or while it sleeps
         * before a try: a wait ends with its lock wait error, reported as a try's is, and the retry that follows
         * counts, its sleep cut short; the thread then leaves without the "was killed" line and with no error
         * (measured on MariaDB 10.11.19 for STOP SLAVE during a wait).
         */
        private Behavior<Command> stoppedWhileRetrying() {
            if (waitingAt >= 0) {
                waitEnded();
                BinlogEvent e = c.channel().nextToApply();
                logTry(e, lockWaitError(e, false));
                c.channel().rewindGroup();
                if (retries.failed(c.server().replicaTransactionRetries()) == TransactionRetries.Next.RETRY) {
                    c.channel().transactionRetried(); // the retry runs, its sleep cut short by the stop
                }
            } else {
                sleeping = false;
                c.channel().transactionRetried();
            }
            goesOn();
            return exit();
        }

        /**
         * KILL of the SQL thread while it waits for a row: the wait ends at once with the flavour's killed error,
         * reported by the event as any error and kept as Last_SQL_Error, and the thread leaves with no retry, no
         * warning and no "aborted" line (measured on MariaDB 10.11.19: 1927, Slave_retried_transactions 0).
         */
        private Behavior<Command> killedWhileWaiting() {
            waitEnded();
            BinlogEvent e = c.channel().nextToApply();
            ApplyError killed = lockWaitError(e, true);
            c.channel().sqlError(killed.code(), killed.reported(), c.server().now());
            log("sql-error", "message", killed.reported(), "gtid", String.valueOf(e.transaction().gtid()),
                    "code", killed.code(), "code6", String.format("%06d", killed.code()));
            c.trace().record(c.node(), "sql_thread", "sql.error", "code", (long) killed.code(), "trx", e.trx());
            c.channel().rewindGroup();
            goesOn();
            return exit();
        }

        /** The thread no longer waits nor sleeps: its usual state, no statement shown. */
        private void goesOn() {
            c.channel().sqlRetrying(null, false);
            c.thread().set(c.thread().command(), c.thread().state(), null, c.server().now());
            state();
        }

        /**
         * sql_slave_skip_counter: the event is not applied, and counts as one unless it is inside a group
         * with one count left, which waits for the group's end, so a skip always ends with a whole group
         * (log_event.cc Log_event::do_shall_skip and continue_group, in MySQL and MariaDB alike; measured on
         * 10.11.18: 1 and 2 each skip one INSERT's group). Events outside groups (rotations, a file's header)
         * are applied and not counted. Returns whether the group position moved.
         */
        private boolean skip(BinlogEvent e) {
            boolean moved = c.channel().skipped(e, e.endsTransaction() || c.channel().skipCounter() > 1);
            if (e.endsTransaction()) {
                c.server().gtids().skipped(e.transaction());
            }
            if (c.channel().skipCounter() == 0) {
                log(gtidForm(gtidPosition(), "sql-skip-executed-gtid") ? "sql-skip-executed-gtid" : "sql-skip-executed",
                        "gtid", skipFromGtid, "new_gtid", c.server().gtids().variable("gtid_slave_pos"), "count", skipAsked, "relay_file", skipFromRelayFile,
                        "relay_pos", skipFromRelayPos, "file", skipFromFile, "pos", skipFromPos,
                        "new_relay_file", ReplicaChannel.relayFileName(c.node(), c.channel().groupRelayFileNumber()),
                        "new_relay_pos", c.channel().relayLogPos(), "new_file", c.channel().relaySourceLogFile(),
                        "new_pos", c.channel().execSourceLogPos());
                c.trace().record(c.node(), "sql_thread", "sql.skipped_events", "count", skipAsked,
                        "pos", c.channel().execSourceLogPos());
            }
            return moved;
        }

        /**
         * Logs the conflicts applying {@code trx} meets that the thread goes past, and returns the one it stops
         * at, or null. A transaction whose GTID was executed already is skipped whole, so it meets none.
         */
        private ApplyError goPast(Transaction trx, List<ApplyError> conflicts) {
            if (conflicts.isEmpty() || c.server().gtids().executedAlready(trx)) {
                return null;
            }
            for (ApplyError conflict : conflicts) {
                if (conflict.fatal()) {
                    log("sql-handler-fatal", "message", conflict.message());
                }
                if (conflict.stops()) {
                    return conflict;
                }
                if (conflict.reports()) {
                    log("sql-error-idempotent", "message", conflict.reported(), "gtid", String.valueOf(trx.gtid()),
                            "code", conflict.code(), "code6", String.format("%06d", conflict.code()));
                }
                if (conflict.skipped()) {
                    c.server().errorSkipped();
                }
            }
            return null;
        }

        /** How this replica meets a conflict: asked only when one arises. */
        private ApplyError.Rules applyRules() {
            return new ApplyError.Rules(c.server().replicaExecIdempotent(), c.server().skipErrors());
        }

        private void rowsEnd(long end) {
            if (rowsEvents == rowsEnds.length) {
                rowsEnds = java.util.Arrays.copyOf(rowsEnds, 2 * rowsEvents);
            }
            rowsEnds[rowsEvents++] = end;
        }
    }
}
