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
            var session = new io.semisyncsim.server.Session();
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
                    c.channel().groupCounted(trx);
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
            c.channel().sqlError(code, reported, c.server().now());
            c.channel().groupFailed(e.transaction());
            c.channel().rewindGroup();
            String gtid = gtidPosition();
            String code6 = String.format("%06d", code); // MySQL 8's "Error_code: MY-001062"
            log("sql-error", "message", reported, "gtid", String.valueOf(e.transaction().gtid()), "code", code,
                    "code6", code6);
            log("sql-error-warning", "message", message, "code", code, "code6", code6);
            // "; GTID position '...'" only on a channel that positions by GTID (slave.cc handle_slave_sql)
            log("sql-aborted", "file", file(), "pos", c.channel().execSourceLogPos(),
                    "gtid", gtid == null ? "" : "; GTID position '" + gtid + "'");
            c.trace().record(c.node(), "sql_thread", "sql.error", "code", (long) code, "trx", e.trx());
            return exit();
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
