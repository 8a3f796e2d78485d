package io.semisyncsim.replication;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.TimerScheduler;
import io.semisyncsim.binlog.BinlogEvent;
import io.semisyncsim.binlog.EventType;
import io.semisyncsim.channel.GtidRequest;
import io.semisyncsim.channel.RelaySpace;
import io.semisyncsim.channel.ReplicaChannel;
import io.semisyncsim.flavor.Terms;
import io.semisyncsim.kernel.SimKernel;
import io.semisyncsim.kernel.VirtualDurations;
import io.semisyncsim.net.NetworkActor;
import io.semisyncsim.net.Packet;
import io.semisyncsim.server.Mysqld;
import io.semisyncsim.server.Threads;
import io.semisyncsim.server.plugin.RelayIoObserver;
import io.semisyncsim.trace.Trace;
import java.util.ArrayDeque;
import java.util.BitSet;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The replica's I/O thread (rpl_replica.cc handle_slave_io): connects to the source, introduces itself,
 * requests a binlog dump from where it stopped reading, writes each event to the relay log (and flushes
 * it), and reconnects when the connection ends: at once after an EOF packet (the source's dump thread
 * was killed, as at its shutdown) or a broken or silent connection ({@code slave_net_timeout}); a failed
 * connect is retried every {@code MASTER_CONNECT_RETRY}. It runs as its own server thread, whose id its
 * error-log lines carry. States ({@link ReplicaChannel.IoRunning}):
 * <pre>
 *   start -> CONNECTING --connected, greeted, dump requested--> YES
 *   YES --EOF packet / connection lost / net timeout--> CONNECTING (reconnects at once; after a second
 *        failed read with no event read since, first waits MASTER_CONNECT_RETRY: try_to_reconnect's retry_count)
 *   CONNECTING --connect refused or timed out--> CONNECTING (retries after MASTER_CONNECT_RETRY)
 *   any --STOP SLAVE--> stopping (MariaDB: KILLs its dump thread on the source) --> NO
 *   any --fatal dump error (1236)--> NO
 *   YES --relay log over relay_log_space_limit--> waiting for space (reads nothing) --freed, or one more event--> YES
 * </pre>
 */
public final class IoThread {
    private IoThread() {
    }

    public sealed interface Command {
    }

    public record Stop() implements Command {
    }

    private record FromNetwork(Packet packet) implements Command {
    }

    private record ConnectTimeout(long attempt) implements Command {
    }

    private record NetTimeout(long connection) implements Command {
    }

    private record Retry() implements Command {
    }

    /** The connect_retry sleep before a reconnect after a repeated failed read is over. */
    private record ReconnectWaitOver() implements Command {
    }

    private record RelayWritten() implements Command {
    }

    private record KillTimeout() implements Command {
    }

    /** The SQL thread freed relay log space or let one more event through (log_space_cond's broadcast). */
    public record RelaySpaceSignal() implements Command {
    }

    /** What the thread needs from its server; {@code thread} is its own row in the server's threads. */
    public record Context(String node, long serverId, String uuid, ReplicaChannel channel, Terms terms, long netTimeout,
                          long relayWritePerEvent, long syncRelayLog, LongSupplier relayFsync,
                          ActorRef<NetworkActor.Command> network,
                          ActorRef<SqlThread.Command> sqlThread, Trace trace, LongSupplier clock,
                          long sourceServerId, Supplier<RelayIoObserver> observer, Threads.Thread thread,
                          Mysqld server) {
    }

    public static Behavior<Command> create(Context c) {
        return Behaviors.setup(ctx -> Behaviors.withTimers(timers -> new IoThread.Running(c, ctx, timers).start()));
    }

    private static final class Running {
        private final Context c;
        private final ActorContext<Command> ctx;
        private final TimerScheduler<Command> timers;
        private final ActorRef<Packet> inbox;
        private final ArrayDeque<BinlogEvent> toWrite = new ArrayDeque<>();
        /** The received events that ask for an ACK, in order (each ended the write it came in). */
        private final ArrayDeque<BinlogEvent> ackAsked = new ArrayDeque<>();
        private long attempt;
        private long connection = -1;
        private long retries;
        private boolean writing;
        /**
         * The stream's end (an error packet, the connection's loss) met while the events before it were still
         * being written to the relay log: handled once they are, as the server's I/O thread reads in order.
         */
        private Runnable afterQueued;
        /** A connect attempt that timed out, which a heal may still complete: it is closed at once then. */
        private long abandonedAttempt = -1;
        /** A connect attempt the source's OS took (its mysqld frozen): a timeout is then a missing greeting. */
        private long establishedAttempt = -1;
        private long sinceSync;
        /** The run of {@link #toWrite} being written, and which of its events end with an fsync. */
        private int runLength;
        private final BitSet runSyncs = new BitSet();
        /** When the connection last delivered anything: the net timeout counts from here. */
        private long lastReceived;
        /** Whether this thread ever got a dump going (then a new connection is a reconnect). */
        private boolean everConnected;
        /** Whether a connection to the source ever reached it, logged in or not: the client handle then knows its host. */
        private boolean everReached;
        /** The KILL connection of a handle that never logged in: it logs in with no user, and is refused. */
        private boolean killAnonymous;
        /** Set-up statements to run on this connection before the dump, and whether the dump is semisync. */
        private int setupQueries;
        private boolean semisyncDump;
        /** What the dump asks for by GTID (null: by position), computed when the source greeted us. */
        private GtidRequest dumpGtids;
        /** Inside try_to_reconnect's safe_reconnect loop: attempts and connect_retry sleeps until connected. */
        private boolean reconnecting;
        /**
         * try_to_reconnect's retry_count: failed reads since an event was last read (handle_slave_io resets it
         * at every event, a heartbeat included). From the second on, the thread sleeps connect_retry first.
         */
        private int failedReads;
        /** In that sleep ("Waiting to reconnect after a failed ... event read"). */
        private boolean waitingToReconnect;
        /** The last connect error logged (MariaDB logs each distinct error once). */
        private int lastLoggedErrno;
        /** The dump thread's id on the source, from the handshake (MariaDB's KILL on stop needs it). */
        private long dumpThreadId;
        /** The connection of the KILL a stopping MariaDB replica sends, and its attempt. */
        private long killAttempt = -1;
        private long killConnection = -1;
        /** Inside a transaction of this server's own that came back (replicate_same_server_id OFF): not written. */
        private boolean ownTransaction;
        /**
         * In wait_for_relay_log_space: the relay log is over relay_log_space_limit. The thread reads nothing
         * from its connection meanwhile, so what arrives waits in {@link #unread}, as in its socket.
         */
        private boolean waitingForSpace;
        private final ArrayDeque<Packet> unread = new ArrayDeque<>();
        /** A wait for space just ended: the next event is queued without another look (MySQL 8). */
        private boolean spaceWaitEnded;

        Running(Context c, ActorContext<Command> ctx, TimerScheduler<Command> timers) {
            this.c = c;
            this.ctx = ctx;
            this.timers = timers;
            this.inbox = ctx.messageAdapter(Packet.class, FromNetwork::new);
        }

        private String source() {
            return c.terms().source();
        }

        private RelayIoObserver observer() {
            return c.observer().get(); // looked up at every hook: an uninstalled plugin is not asked
        }

        private void log(String id, Object... args) {
            c.server().runAs(c.thread().id(), () -> c.server().errorLog().log(id, args));
        }

        Behavior<Command> start() {
            c.channel().clearIoError();
            c.channel().ioStarting("Connecting to " + source());
            state("Connecting to " + source());
            trace("io.start");
            threadStart();
            connect();
            // A dispatch method rather than Akka's ReceiveBuilder, which allocates on every message (the I/O
            // thread handles two per received write: docs/PERFORMANCE.md).
            return Behaviors.receiveMessage(this::onCommand);
        }

        /** thread_start: plugins observe the thread from its start (and MariaDB's again at each reconnect). */
        private void threadStart() {
            RelayIoObserver o = observer();
            if (o != null) {
                var from = c.channel().dumpStart();
                c.server().runAs(c.thread().id(), () -> o.threadStart(c.channel().sourceUser(),
                        c.channel().sourceHost(), c.channel().sourcePort(), from == null ? "" : from.file(),
                        from == null ? 4 : from.pos()));
            }
        }

        private void state(String state) {
            c.thread().state(state);
        }

        private Behavior<Command> onCommand(Command m) {
            if (m instanceof FromNetwork f) {
                return network(f.packet());
            } else if (m instanceof RelayWritten) {
                return relayWritten();
            } else if (m instanceof Stop) {
                return stop();
            } else if (m instanceof ConnectTimeout t) {
                if (t.attempt() == attempt && connection < 0) {
                    abandonedAttempt = attempt; // the client closed that socket: a late handshake finds nobody
                    if (establishedAttempt == attempt) {
                        greetingTimedOut();
                    } else {
                        connectFailed(110, "Connection timed out");
                    }
                }
            } else if (m instanceof NetTimeout t) {
                netTimeout(t);
            } else if (m instanceof Retry) {
                connect();
            } else if (m instanceof ReconnectWaitOver) {
                if (waitingToReconnect) {
                    waitingToReconnect = false;
                    reconnectNow();
                }
            } else if (m instanceof KillTimeout) {
                if (killConnection < 0) {
                    // mysql_real_connect did not finish within the timeout: a connect that failed, as the
                    // server words it (semisync_slave.cc kill_connection; measured on MariaDB 10.11.19)
                    log("kill-connect-failed");
                    return killDone(true);
                }
                return killDone(false);
            } else if (m instanceof RelaySpaceSignal) {
                spaceSignalled();
            } else {
                return Behaviors.unhandled();
            }
            return Behaviors.same();
        }

        private void netTimeout(NetTimeout m) {
            if (m.connection() != connection || waitingForSpace) {
                return; // no read, no read timeout: it counts again from the read after the wait
            }
            long silent = c.clock().getAsLong() - lastReceived;
            if (silent < c.netTimeout()) {
                timers.startSingleTimer("net", new NetTimeout(connection),
                        VirtualDurations.toDuration(c.netTimeout() - silent));
                return;
            }
            trace("io.net_timeout");
            reconnect();
        }

        private void connect() {
            attempt++;
            c.network().tell(new NetworkActor.Connect(attempt, c.node(), c.channel().sourceHost(), inbox));
            // A connect that gets no answer (a partition) gives up after slave_net_timeout, as the client's
            // connect timeout does.
            timers.startSingleTimer("connect", new ConnectTimeout(attempt), VirtualDurations.toDuration(c.netTimeout()));
        }

        private Behavior<Command> network(Packet p) {
            if (killAttempt >= 0) {
                return killing(p);
            }
            if (waitingForSpace) {
                unread.addLast(p);
                return Behaviors.same();
            }
            if (p instanceof Packet.Connected con && (con.attempt() != attempt || attempt == abandonedAttempt)) {
                c.network().tell(new NetworkActor.Close(con.connection(), c.node())); // given up on: closed
            } else if (p instanceof Packet.Connected con) {
                timers.cancel("connect");
                everReached = true;
                connection = con.connection();
                trace("io.connected", "connection", connection);
                timers.cancel("net"); // a fresh connection starts its own count
                armNetTimeout();
                send(new Protocol.Hello(c.serverId(), c.node(), c.uuid(), c.channel().sourceUser(),
                        c.channel().sourcePassword()));
            } else if (p instanceof Packet.Established e && e.attempt() == attempt) {
                establishedAttempt = attempt; // connected, waiting for the greeting
            } else if (p instanceof Packet.ConnectFailed f && f.attempt() == attempt) {
                timers.cancel("connect");
                if (f.errno() == Packet.ConnectFailed.UNKNOWN_HOST) {
                    unknownHost();
                } else {
                    connectFailed(f.errno(), "Connection refused");
                }
            } else if (p instanceof Packet.PeerClosed closed && closed.connection() == connection) {
                whenQueued(this::connectionLost);
            } else if (p instanceof Packet.Data d && d.connection() == connection) {
                armNetTimeout();
                data(d.payload());
            }
            return Behaviors.same();
        }

        /** The source greeted us: ask about semisync (the plugin's before_request_transmit), then the dump. */
        private void greeted(Protocol.Greeting g) {
            dumpThreadId = g.threadId();
            c.channel().sourceKnown(g.serverId(), g.uuid());
            if (everConnected) {
                // try_to_reconnect asks connect_to_master to suppress its messages, which it stops doing after
                // a failed attempt: "replication resumed" only when the first reconnect did not succeed.
                if (retries > 0) {
                    var at = c.channel().dumpStart();
                    log("io-reconnected", "user", c.channel().sourceUser(), "host", c.channel().sourceHost(),
                            "port", c.channel().sourcePort(), "file", at == null ? "" : at.file(),
                            "pos", at == null ? 4 : at.pos());
                }
                RelayIoObserver o = observer();
                if (c.server().flavor().semisyncRules().replicaKillsDumpOnStop() && o != null
                        && (o.wantsSemisync() || semisyncDump)) {
                    // MariaDB's slave_reconnect runs slave_start again, so the plugin logs anew, when semisync
                    // is enabled or was for the last connection: an asynchronous replica logs nothing (measured)
                    threadStart();
                }
            }
            // What a GTID dump will ask for, known now for the connect line; asked for after the set-up.
            GtidRequest gtids = c.server().gtids().request(c.channel());
            dumpGtids = gtids;
            // handle_slave_io logs the connection before it requests the dump, whose before_request_transmit
            // hook runs the semisync probe: "connected" comes before the plugin's "does not" lines.
            if (!everConnected) {
                var at = c.channel().dumpStart();
                log(gtidForm(gtids, "io-connected-gtid") ? "io-connected-gtid" : "io-connected", "user",
                        c.channel().sourceUser(), "host", c.channel().sourceHost(),
                        "port", c.channel().sourcePort(), "uuid", g.uuid(), "server_id", g.serverId(),
                        "file_or_first", at == null ? "FIRST" : at.file(), "pos", at == null ? 4 : at.pos(),
                        "gtid", gtids == null ? "" : gtids.toString());
            }
            if (g.serverId() == c.serverId()) {
                equalServerIds();
                return;
            }
            RelayIoObserver o = observer();
            semisyncDump = o != null && o.wantsSemisync() && c.server().callAs(c.thread().id(),
                    () -> o.requestTransmit(g.semisyncVariable(), g.semisyncEnabled()));
            // The login's last round trip (the greeting came unasked after the TCP handshake: that was the
            // Hello/Greeting exchange; the client's auth response and the server's OK are exchange 0), then
            // get_master_version_and_clock and its kin, the semisync probe and SET, COM_REGISTER_SLAVE:
            // one round trip each before the dump is asked for.
            var style = c.server().flavor().threadStyle();
            setupQueries = (gtids != null ? style.ioSetupQueriesGtid() : style.ioSetupQueries()) + (semisyncDump ? 2 : 0) + 1;
            send(new Protocol.SetupQuery(0));
            // connected: the thread's command is the replica I/O thread's from now on, also while it reconnects
            // (MariaDB's Slave_IO; "Connect" before, as PROCESSLIST shows it; measured on 10.11.19)
            c.thread().command(style.ioCommand());
            everConnected = true;
            reconnecting = false;
            retries = 0;
            lastLoggedErrno = 0;
            c.channel().clearIoError(); // a successful connect clears the last error (connect_to_master)
        }

        /**
         * COM_BINLOG_DUMP from where the channel stopped reading, or, when it positions by GTID, with what
         * this server has (MySQL: COM_BINLOG_DUMP_GTID names no file; MariaDB still sends its coordinates).
         */
        private void requestDump(boolean semisync) {
            long heartbeat = c.channel().heartbeatPeriodMicros();
            GtidRequest gtids = dumpGtids;
            c.channel().gtidRequested(gtids == null ? null : gtids.toString(), gtids == null ? null : gtids.position());
            var from = gtids != null && gtids.set() != null ? null : c.channel().dumpStart();
            // Annotate_rows only for a replica that logs what it applies (replicate_annotate_row_events is ON)
            send(new Protocol.DumpRequest(c.serverId(), c.node(), c.uuid(), from, heartbeat, semisync, gtids,
                    c.server().logsReplicatedUpdates()));
            reading(waitingForEvents());
        }

        /** Connected to the source, in {@code state}: Slave_IO_State and the process list both show it. */
        private void reading(String state) {
            c.channel().ioConnected(state, c.sourceServerId());
            state(state);
        }

        /** The Slave_IO_State of a thread that reads its connection: the source's stream. */
        private String waitingForEvents() {
            return "Waiting for " + source() + " to send event";
        }

        /** Whether to write a line's GTID form ({@code gtidKey}): the dump was asked by GTID, and the flavour has one. */
        private boolean gtidForm(Object gtids, String gtidKey) {
            return gtids != null && c.server().flavor().logMessage(gtidKey) != null;
        }

        /** Whether a transaction's GTID says it came from this server (its server_id, its server_uuid). */
        private boolean own(io.semisyncsim.gtid.Gtid g) {
            return g instanceof io.semisyncsim.gtid.Gtid.Domain d ? d.server() == c.serverId()
                    : g instanceof io.semisyncsim.gtid.Gtid.Uuid u && u.sid().equals(c.uuid());
        }

        private void send(Packet.Payload payload) {
            c.network().tell(new NetworkActor.Send(connection, c.node(), payload));
        }

        /** The source answered set-up statement {@code n}: the next, COM_REGISTER_SLAVE last, then the dump. */
        private void setupReplied(Protocol.SetupReply r) {
            if (r.n() == 0) { // logged in: the questions begin
                String checking = "Checking " + source() + " version";
                c.channel().ioPreparing(checking);
                state(checking);
            }
            if (r.n() < setupQueries) {
                if (r.n() + 1 == setupQueries) {
                    String registering = "Registering " + c.terms().replica() + " on " + source();
                    c.channel().ioPreparing(registering);
                    state(registering);
                }
                send(new Protocol.SetupQuery(r.n() + 1));
            } else {
                requestDump(semisyncDump);
            }
        }

        private void data(Packet.Payload payload) {
            if (payload instanceof Protocol.SetupReply r) {
                setupReplied(r);
            } else if (payload instanceof Protocol.Greeting g) {
                greeted(g);
            } else if (payload instanceof Protocol.Events write) {
                failedReads = 0; // an event read: retry_count starts again
                toWrite.addAll(write.events());
                if (write.lastAsksAck()) {
                    ackAsked.addLast(write.last());
                }
                writeNext();
            } else if (payload instanceof Protocol.EndOfStream) {
                // The source killed our dump thread (its shutdown, a KILL): an EOF packet, then reconnect.
                log("io-end-packet", "uuid", c.uuid());
                reconnect();
            } else if (payload instanceof Protocol.AccessDenied denied) {
                // The login failed: connect_to_master's loop, as for a source it cannot reach.
                close();
                connectError(denied.code(), denied.message(), denied.code());
            } else if (payload instanceof Protocol.DumpError err) {
                // handle_slave_io: 1236 (ER_MASTER_FATAL_ERROR_READING_BINLOG) ends the thread; another error,
                // as 4052 for a dump killed by a newer one of this server_id, is a failed read to reconnect after.
                whenQueued(() -> {
                    if (err.code() == 1236) {
                        fatal(err);
                    } else {
                        log("io-fatal-read", "message", err.message(), "code", err.code());
                        reconnect();
                    }
                });
            } else if (payload instanceof Protocol.Heartbeat) {
                failedReads = 0; // read_event returns a heartbeat as an event
                c.channel().heartbeatReceived(); // counted, and the connection is alive (armNetTimeout above)
            }
        }

        /**
         * {@code end} now, or once the events received before it are in the relay log ({@link #afterQueued}). The
         * first end wins: the close that follows a source's error packet is not a second, lost connection.
         */
        private void whenQueued(Runnable end) {
            if (writing || !toWrite.isEmpty()) {
                if (afterQueued == null) {
                    afterQueued = end;
                }
            } else {
                end.run();
            }
        }

        /**
         * The connection broke (the source crashed, a reset) rather than ending with an EOF packet: read once
         * every event that came before it is in the relay log, so the reconnect names where they end.
         */
        private void connectionLost() {
            trace("io.connection_lost", "connection", connection);
            log("io-read-error");
            reconnect();
        }

        /** The source ended the dump with an error (1236): fatal for this thread, which stops. */
        private void fatal(Protocol.DumpError err) {
            String text = "Got fatal error " + err.code() + " from " + source()
                    + " when reading data from binary log: '" + err.message() + "'";
            log("io-fatal-read", "message", err.message(), "code", err.code());
            log("io-fatal", "message", err.message(), "code", err.code());
            c.channel().ioError(c.server().flavor().replicaFatalErrno(), text, c.clock().getAsLong());
            trace("io.fatal", "error", text);
            ctx.getSelf().tell(new Stop());
        }

        /**
         * The source's server_id is this replica's own: its events would all be skipped as this server's
         * (replicate_same_server_id is OFF), so the thread stops with a fatal error, after the "connected"
         * line (slave.cc get_master_version_and_clock, which handle_slave_io calls after logging it).
         */
        private void equalServerIds() {
            var error = c.server().flavor().error("1593-equal-server-ids");
            log("io-equal-server-ids");
            c.channel().ioError(error.code(), error.getMessage(), c.clock().getAsLong());
            trace("io.fatal", "error", error.getMessage());
            ctx.getSelf().tell(new Stop());
        }

        /**
         * Writes the next run of received events to the relay log: up to the first that asks for an ACK,
         * or all that arrived; one event at a time where relay_log_space_limit holds, since the I/O thread
         * may have to wait before or after any of them. queue_event flushes every event (each costs a
         * write) and fsyncs every sync_relay_log events; the run is one timer, so an ACK leaves when its
         * event is written.
         */
        private void writeNext() {
            if (writing || waitingForSpace || toWrite.isEmpty()) {
                return;
            }
            boolean limited = c.channel().relaySpace().limits();
            if (limited && !spaceWaitEnded) {
                BinlogEvent next = toWrite.peekFirst();
                long size = queuedSize(next);
                if (c.channel().relaySpace().waitsBeforeQueueing(next, size)) {
                    boolean rotated = c.channel().relaySpace().beginWaitBeforeQueueing(size);
                    waitForSpace();
                    if (rotated) {
                        c.sqlThread().tell(new SqlThread.RelayAdvanced()); // the applier reads the Rotate
                    }
                    return;
                }
            }
            spaceWaitEnded = false;
            writing = true;
            long cost = 0;
            runLength = 0;
            runSyncs.clear();
            BinlogEvent endOfRun = ackAsked.peekFirst(); // null: everything received
            for (BinlogEvent e : toWrite) {
                cost += c.relayWritePerEvent();
                if (c.syncRelayLog() > 0 && ++sinceSync >= c.syncRelayLog()) {
                    sinceSync = 0;
                    cost += c.relayFsync().getAsLong();
                    runSyncs.set(runLength);
                }
                runLength++;
                if (e == endOfRun || limited) {
                    break;
                }
            }
            // Never cancelled: a write in progress completes, so a plain scheduled message will do.
            SimKernel.tellLater(ctx, cost, ctx.getSelf(), new RelayWritten());
        }

        private Behavior<Command> relayWritten() {
            writing = false;
            for (int i = 0; i < runLength && !waitingForSpace; i++) {
                BinlogEvent e = toWrite.pollFirst();
                if (e.type() == EventType.GTID) {
                    ownTransaction = own(e.gtid());
                }
                if (ownTransaction) {
                    c.channel().ignored(e); // queue_event: not written, the read position moves on
                    ownTransaction = !e.endsTransaction();
                } else {
                    c.channel().queued(e, e.timestamp());
                }
                if (runSyncs.get(i)) {
                    c.channel().relaySynced();
                }
                // after_queue_event: written and flushed (not necessarily fsynced) to the relay log, then the ACK.
                if (e == ackAsked.peekFirst()) {
                    ackAsked.pollFirst();
                    RelayIoObserver o = observer();
                    if (o != null && o.isSemisync() && connection >= 0) {
                        send(new Protocol.Ack(e.end()));
                        o.ackSent();
                        trace("ack.sent", "to", c.channel().sourceHost(), "pos", e.end());
                    }
                }
                // MariaDB's handle_slave_io: after the event and its ACK, wait while the relay log is over its limit.
                if (c.channel().relaySpace().waitsAfterQueueing()) {
                    waitForSpace();
                }
            }
            c.sqlThread().tell(new SqlThread.RelayAdvanced());
            writeNext();
            if (afterQueued != null && !writing && toWrite.isEmpty()) {
                Runnable end = afterQueued;
                afterQueued = null;
                end.run();
            }
            return Behaviors.same();
        }

        /**
         * What MySQL 8's receiver measures an event by before it queues it: a GTID event by its transaction's
         * length (Gtid_log_event::transaction_length), here the transaction's events received so far.
         */
        private long queuedSize(BinlogEvent first) {
            if (first.type() != EventType.GTID) {
                return first.size();
            }
            long size = 0;
            for (BinlogEvent e : toWrite) {
                if (e.trx() == first.trx()) {
                    size += e.size();
                    if (e.endsTransaction()) {
                        break;
                    }
                }
            }
            return size;
        }

        /** wait_for_relay_log_space: until the SQL thread purges, or lets one more event through. */
        private void waitForSpace() {
            waitingForSpace = true;
            reading(c.server().flavor().threadStyle().ioSpaceWaitState());
            trace("io.space_wait", "relay_log_space", c.channel().relayLogSpace());
        }

        /** Woken by the SQL thread: on, if the wait is over (rotating the relay log first if it asked). */
        private void spaceSignalled() {
            RelaySpace.Wait wait = waitingForSpace ? c.channel().relaySpace().woken() : null;
            if (wait == null || wait == RelaySpace.Wait.GOES_ON) {
                return;
            }
            waitingForSpace = false;
            spaceWaitEnded = true;
            reading(waitingForEvents());
            trace("io.space_freed", "relay_log_space", c.channel().relayLogSpace());
            if (wait == RelaySpace.Wait.OVER_ROTATED) {
                c.sqlThread().tell(new SqlThread.RelayAdvanced()); // the SQL thread reads the Rotate
            }
            if (connection >= 0) {
                armNetTimeout(); // the read after the wait times out on its own
            }
            while (!waitingForSpace && !unread.isEmpty()) {
                network(unread.pollFirst());
            }
            writeNext();
        }

        /**
         * The source's OS took the connection but no greeting came within the connect timeout (a frozen
         * mysqld): CR_SERVER_LOST_EXTENDED, 2013 "at 'waiting for initial communication packet'" (client.cc
         * csm_begin_connect's vio_io_wait; measured on MariaDB 10.11.19 with a SIGSTOPped master).
         */
        private void greetingTimedOut() {
            String message = c.server().flavor().replicaLostGreeting("errno", 110, "errno_text", "Connection timed out");
            connectError(2013, message, 2013);
        }

        /** The source cannot be reached: CR_CONN_HOST_ERROR (2003) with the socket's errno. */
        private void connectFailed(int errno, String errnoText) {
            var ch = c.channel();
            String message = c.server().flavor().replicaCannotConnect("host", ch.sourceHost(), "port", ch.sourcePort(),
                    "errno", errno, "errno_text", errnoText);
            connectError(2003, message, errno);
        }

        /** MASTER_HOST names no host: CR_UNKNOWN_HOST (2005) with getaddrinfo's code (measured on MariaDB 10.11.18). */
        private void unknownHost() {
            String message = c.server().flavor().replicaUnknownHost("host", c.channel().sourceHost(),
                    "errno", Packet.ConnectFailed.UNKNOWN_HOST);
            connectError(2005, message, 2005);
        }

        /**
         * A connect that failed with {@code code} and the client library's {@code message} (the source's own
         * for a refused login): Last_IO_Error, the error log, and a retry after MASTER_CONNECT_RETRY.
         * {@code cause}: what MariaDB logs once per distinct value (the socket's errno, or the code).
         */
        private void connectError(int code, String message, int cause) {
            retries++;
            String connecting = everConnected ? "reconnecting" : "connecting";
            var ch = c.channel();
            Object[] args = {"connecting", connecting, "user", ch.sourceUser(), "host", ch.sourceHost(), "port",
                    ch.sourcePort(), "retry", ch.connectRetrySeconds(), "attempt", retries, "message", message,
                    "code", code, "code6", String.format(java.util.Locale.ROOT, "%06d", code)};
            c.channel().ioError(code, c.server().flavor().replicaConnectError(args), c.clock().getAsLong());
            // MariaDB logs a connect error once per distinct errno; MySQL at every attempt.
            if (cause != lastLoggedErrno || !c.server().flavor().semisyncRules().replicaKillsDumpOnStop()) {
                log("io-connect-error", args);
                lastLoggedErrno = cause;
            }
            // connect_to_master's loop keeps the state try_to_reconnect set before it, through its sleeps.
            String state = reconnecting ? "Reconnecting after a failed " + source() + " event read"
                    : "Connecting to " + source();
            c.channel().ioReconnecting(state);
            state(state);
            trace("io.connect_failed", "errno", (long) cause, "retries", retries);
            timers.startSingleTimer("retry", new Retry(),
                    VirtualDurations.toDuration(c.channel().connectRetrySeconds() * 1_000_000L));
        }

        /**
         * try_to_reconnect after a failed read: at once the first time; after a second with no event read since,
         * the thread first sleeps connect_retry (measured on MariaDB 10.11.18 behind a dump that never answered).
         */
        private void reconnect() {
            close();
            if (failedReads++ > 0) {
                String waiting = "Waiting to reconnect after a failed " + source() + " event read";
                c.channel().ioReconnecting(waiting);
                state(waiting);
                waitingToReconnect = true;
                trace("io.reconnect_wait", "failed_reads", (long) failedReads);
                timers.startSingleTimer("retry", new ReconnectWaitOver(),
                        VirtualDurations.toDuration(c.channel().connectRetrySeconds() * 1_000_000L));
                return;
            }
            reconnectNow();
        }

        private void reconnectNow() {
            var at = c.channel().dumpStart();
            boolean byGtid = gtidForm(c.channel().gtidRequested(), "io-reconnecting-gtid");
            log(byGtid ? "io-reconnecting-gtid" : "io-reconnecting", "file", at == null ? "" : at.file(), "pos",
                    at == null ? 4 : at.pos(), "gtid", c.channel().gtidIoPos());
            String state = "Reconnecting after a failed " + source() + " event read";
            c.channel().ioReconnecting(state);
            state(state);
            reconnecting = true;
            connect();
        }

        /**
         * slave_net_timeout counts from the last thing received. One timer per connection checks it when
         * it fires and re-arms for the remainder, instead of a timer restarted on every packet.
         */
        private void armNetTimeout() {
            lastReceived = c.clock().getAsLong();
            if (!timers.isTimerActive("net")) {
                timers.startSingleTimer("net", new NetTimeout(connection), VirtualDurations.toDuration(c.netTimeout()));
            }
        }

        private void close() {
            if (connection >= 0) {
                c.network().tell(new NetworkActor.Close(connection, c.node()));
                connection = -1;
            }
            timers.cancel("net");
        }

        /**
         * STOP SLAVE: the socket is shut (the source reads an end), the exit is logged, and a MariaDB
         * replica with semisync enabled opens a connection of its own to KILL its dump thread on the
         * source (Repl_semi_sync_slave::kill_connection), waiting rpl_semi_sync_slave_kill_conn_timeout.
         * It does so whenever its client handle exists (mi->mysql, kept across reconnects), also while it
         * reconnects to a source that is down: then the connect fails and says so.
         */
        private Behavior<Command> stop() {
            boolean hadConnection = dumpThreadId > 0;
            close();
            timers.cancel("connect");
            timers.cancel("retry");
            if (waitingToReconnect) {
                log("io-killed-waiting-reconnect"); // try_to_reconnect: SLAVE_RECON_MSG_KILLED_WAITING
            } else if (reconnecting && connection < 0) {
                log("io-killed-reconnecting"); // try_to_reconnect: SLAVE_RECON_MSG_KILLED_AFTER
            } else if (!everConnected && dumpThreadId == 0) {
                log("io-killed-connecting"); // handle_slave_io: safe_connect gave up, killed (measured on MariaDB)
            }
            reconnecting = false;
            waitingToReconnect = false;
            var at = c.channel().dumpStart();
            String requested = c.channel().gtidRequested();
            log(gtidForm(requested, "io-exiting-gtid") ? "io-exiting-gtid" : "io-exiting",
                    "file_or_first", at == null ? "FIRST" : at.file(), "pos",
                    at == null ? 4 : at.pos(), "host", c.channel().sourceHost(), "port", c.channel().sourcePort(),
                    "gtid", c.channel().gtidIoPos());
            RelayIoObserver o = observer();
            long killTimeout = o == null ? -1 : o.killDumpOnStop();
            if (killTimeout >= 0 && (hadConnection || !everConnected && everReached)) {
                // a handle whose login was refused knows its source's host but no user: its KILL connection
                // logs in as '' with no password and is refused in turn (measured on MariaDB 10.11.19: the
                // source logs "Access denied for user ''@... (using password: NO)")
                killAnonymous = !hadConnection;
                killAttempt = ++attempt;
                c.network().tell(new NetworkActor.Connect(killAttempt, c.node(), c.channel().sourceHost(), inbox));
                timers.startSingleTimer("kill", new KillTimeout(), VirtualDurations.toDuration(killTimeout));
                return Behaviors.same();
            }
            if (killTimeout >= 0 && !everConnected) {
                // kill_connection with a handle that never connected: mysql_real_connect has no master to
                // reach and fails at once (measured on MariaDB 10.11.19: the line, STOP SLAVE in 3 ms)
                log("kill-connect-failed");
            }
            return exit();
        }

        /** The KILL connection of a stopping MariaDB replica. */
        private Behavior<Command> killing(Packet p) {
            if (p instanceof Packet.Connected con && con.attempt() == killAttempt && killAnonymous) {
                killConnection = con.connection();
                c.network().tell(new NetworkActor.Send(killConnection, c.node(),
                        new Protocol.Hello(c.serverId(), c.node(), c.uuid(), "", null)));
            } else if (p instanceof Packet.Data d && d.connection() == killConnection
                    && d.payload() instanceof Protocol.AccessDenied) {
                log("kill-connect-failed"); // mysql_real_connect failed: "cannot connect to master to kill ..."
                return killDone(true);
            } else if (p instanceof Packet.Connected con && con.attempt() == killAttempt) {
                killConnection = con.connection();
                // mysql_real_connect: the greeting a round trip after the TCP handshake, then the auth and its
                // OK (exchanges -2 and -1 stand for them), then the KILL.
                c.network().tell(new NetworkActor.Send(killConnection, c.node(), new Protocol.SetupQuery(-2)));
            } else if (p instanceof Packet.Data d && d.connection() == killConnection
                    && d.payload() instanceof Protocol.SetupReply r) {
                c.network().tell(new NetworkActor.Send(killConnection, c.node(), r.n() < -1
                        ? new Protocol.SetupQuery(r.n() + 1) : new Protocol.Kill(dumpThreadId)));
            } else if (p instanceof Packet.ConnectFailed f && f.attempt() == killAttempt) {
                log("kill-connect-failed"); // mysql_real_connect failed: "cannot connect to master to kill ..."
                return killDone(true);
            } else if (p instanceof Packet.Data d && d.connection() == killConnection
                    && d.payload() instanceof Protocol.Killed k) {
                return killDone(k.ok()); // KILL of a thread the source no longer has fails (1094)
            }
            return Behaviors.same();
        }

        private Behavior<Command> killDone(boolean ok) {
            timers.cancel("kill");
            if (!ok) {
                log("kill-dump-failed");
            }
            if (killConnection >= 0) {
                c.network().tell(new NetworkActor.Close(killConnection, c.node()));
            }
            return exit();
        }

        private Behavior<Command> exit() {
            c.channel().ioStopped();
            RelayIoObserver o = observer();
            if (o != null) {
                o.threadStop();
            }
            c.server().threads().close(c.thread().id());
            trace("io.stop");
            return Behaviors.stopped();
        }

        private void trace(String kind, Object... fields) {
            c.trace().record(c.node(), "io_thread", kind, fields);
        }
    }
}
