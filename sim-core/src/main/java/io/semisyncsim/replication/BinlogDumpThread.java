package io.semisyncsim.replication;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.PostStop;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.TimerScheduler;
import io.semisyncsim.binlog.BinaryLog;
import io.semisyncsim.binlog.BinlogEvent;
import io.semisyncsim.binlog.BinlogPosition;
import io.semisyncsim.channel.GtidDump;
import io.semisyncsim.server.plugin.BinlogTransmitObserver;
import io.semisyncsim.kernel.VirtualDurations;
import io.semisyncsim.net.NetworkActor;
import io.semisyncsim.net.Packet;
import io.semisyncsim.trace.Trace;

/**
 * The source's binlog dump thread for one replica connection: streams readable events from the
 * requested position, sends a heartbeat after a quiet heartbeat period, and ends when a write finds
 * the connection gone (it does not read the socket, so a closed peer is noticed only then).
 */
public final class BinlogDumpThread {
    private BinlogDumpThread() {
    }

    public sealed interface Command {
    }

    /** binlog_end_pos moved: there may be more to send. */
    public record BinlogAdvanced() implements Command {
    }

    /**
     * KILL (a KILL statement, a zombie kill, the server's shutdown): the thread ends; with
     * {@code endOfStream} it first sends the EOF packet a killed Binlog_sender ends with, with {@code error}
     * the error its kill reason sends (MariaDB's KILL_SLAVE_SAME_ID: 4052; THD::send_kill_message).
     */
    public record Kill(boolean endOfStream, Protocol.DumpError error) implements Command {
        public Kill(boolean endOfStream) {
            this(endOfStream, null);
        }
    }

    private record HeartbeatDue() implements Command {
    }

    private record FromNetwork(Packet packet) implements Command {
    }

    /**
     * A write to the replica found the connection reset. {@code askedForAck}: the flush of an event that asked
     * for an ACK, the semisync plugin's before it would wait for the reply (semisync_master.cc
     * Repl_semi_sync_master::flush_net, 5.7/8.0 ReplSemiSyncMaster::readSlaveReply); else any other write, an
     * event's or a heartbeat's (net_flush, ER_NET_ERROR_ON_WRITE). The thread waits to be stopped: its server
     * writes what the real dump thread writes as it ends.
     */
    public record NetFlushFailed(long connection, boolean askedForAck) implements Report {
    }

    /**
     * RESET MASTER deleted the file the thread read, and the index names no next one (find_next_log: "could
     * not find next log"): a fatal read error, which its server words with the coordinates Binlog_sender and
     * mysql_binlog_send add ({@code first}: where the dump started; {@code lastEvent}: where the last event read
     * starts, {@code lastByte}: where it ends). What was read before went out.
     */
    public record LostItsLog(long connection, BinlogPosition first, BinlogPosition lastEvent, long lastByte)
            implements Report {
    }

    /** What a dump thread tells its server about its own end. */
    public sealed interface Report permits NetFlushFailed, LostItsLog {
        long connection();
    }

    /**
     * Everything a dump thread needs from its server; {@code semisync} is the plugin's transmit observer
     * when this dump is semisync, else null; {@code reports} hears how it ends: a failed flush, or a file
     * RESET MASTER took away.
     */
    public record Context(String node, long connection, Protocol.DumpRequest request, BinaryLog binlog,
                          ActorRef<NetworkActor.Command> network, Trace trace,
                          java.util.function.Supplier<java.util.List<BinlogTransmitObserver>> semisync,
                          java.util.function.LongSupplier clock, ActorRef<Report> reports,
                          GtidDump gtids, String refusal) {
        /** A dump by GTID, or by a position the source serves. */
        public Context(String node, long connection, Protocol.DumpRequest request, BinaryLog binlog,
                       ActorRef<NetworkActor.Command> network, Trace trace,
                       java.util.function.Supplier<java.util.List<BinlogTransmitObserver>> semisync,
                       java.util.function.LongSupplier clock, ActorRef<Report> reports, GtidDump gtids) {
            this(node, connection, request, binlog, network, trace, semisync, clock, reports, gtids, null);
        }

        /** A dump by file and position. */
        public Context(String node, long connection, Protocol.DumpRequest request, BinaryLog binlog,
                       ActorRef<NetworkActor.Command> network, Trace trace,
                       java.util.function.Supplier<java.util.List<BinlogTransmitObserver>> semisync,
                       java.util.function.LongSupplier clock, ActorRef<Report> reports) {
            this(node, connection, request, binlog, network, trace, semisync, clock, reports, null, null);
        }
    }

    public static Behavior<Command> create(Context c) {
        return Behaviors.setup(ctx -> Behaviors.withTimers(timers -> {
            ActorRef<Packet> inbox = ctx.messageAdapter(Packet.class, FromNetwork::new);
            c.network().tell(new NetworkActor.Bind(c.connection(), c.node(), inbox));
            String actor = "dump:" + c.request().replica();
            if (c.gtids() != null) {
                // By GTID: the source's checks may refuse it; else it reads from its file's start.
                if (c.gtids().error() != null) {
                    return refuse(c, actor, c.gtids().error());
                }
                BinaryLog.Reader reader = c.binlog().openReader(c.gtids().start());
                c.trace().record(c.node(), actor, "dump.start", "replica_server_id", c.request().serverId(),
                        "from", c.request().gtids().toString(), "connection", c.connection());
                return new Running(c, timers, actor, reader).behavior();
            }
            if (c.refusal() != null) {
                // Not in the index, or past its end (BinaryLog#startRefusal): refused in the flavour's words.
                // Where no event starts, the stream's start went out before the read found no header.
                if (c.binlog().startRefusal(c.request().from()) == BinaryLog.StartRefusal.MID_EVENT) {
                    BinlogPosition at = c.request().from();
                    var sizes = c.binlog().sizes();
                    c.network().tell(new NetworkActor.Send(c.connection(), c.node(), new Protocol.Events(java.util.List.of(
                            new BinlogEvent(io.semisyncsim.binlog.EventType.FAKE_ROTATE, at.file(), at.pos(),
                                    sizes.rotate(at.file()), 0, -1, null),
                            new BinlogEvent(io.semisyncsim.binlog.EventType.ARTIFICIAL_FORMAT_DESCRIPTION, at.file(), 0,
                                    sizes.formatDescription(), 0, -1, null)), false)));
                }
                return refuse(c, actor, c.refusal());
            }
            BinlogPosition from = c.request().from();
            BinaryLog.Reader reader = c.binlog().openReader(from);
            c.trace().record(c.node(), actor, "dump.start", "replica_server_id", c.request().serverId(),
                    "from", String.valueOf(c.request().from()), "connection", c.connection());
            return new Running(c, timers, actor, reader).behavior();
        }));
    }

    /**
     * A dump thread that failed at its first read and waits to finalize (MariaDB's semisync dump: the
     * server's DumpThreads): it sends nothing, not even its error, and ends when the replica closes the
     * connection or a KILL closes it.
     */
    public static Behavior<Command> finalizing(ActorRef<NetworkActor.Command> network, String node, long connection) {
        return Behaviors.setup(ctx -> {
            network.tell(new NetworkActor.Bind(connection, node, ctx.messageAdapter(Packet.class, FromNetwork::new)));
            return Behaviors.receiveMessage(m -> {
                if (m instanceof Kill k) {
                    if (k.error() != null) {
                        network.tell(new NetworkActor.Send(connection, node, k.error()));
                    }
                    network.tell(new NetworkActor.Close(connection, node));
                    return Behaviors.stopped();
                }
                if (m instanceof FromNetwork f && f.packet() instanceof Packet.PeerClosed) {
                    return Behaviors.stopped(); // the ACK receiver polling the socket saw it close
                }
                return Behaviors.same(); // new events, other packets: it reads and sends nothing any more
            });
        });
    }

    /** The dump cannot start: error 1236 to the replica, and the thread ends. */
    private static Behavior<Command> refuse(Context c, String actor, String message) {
        c.trace().record(c.node(), actor, "dump.error", "code", 1236L);
        c.network().tell(new NetworkActor.Send(c.connection(), c.node(), new Protocol.DumpError(1236, message)));
        return Behaviors.stopped();
    }

    private static final class Running {
        private final Context c;
        private final TimerScheduler<Command> timers;
        private final String actor;
        private final BinaryLog.Reader reader;
        /** The peer's FIN arrived: the next write still leaves, and the reset it meets ends the stream. */
        private boolean peerClosed;
        /** The connection was reset: every write fails from now on. */
        private boolean peerGone;
        /** A write failed: the server stops this thread (see {@link NetFlushFailed}). */
        private boolean failed;
        private final NetBuffer netBuffer = new NetBuffer(NetBuffer.NET_BUFFER_LENGTH);
        /** When this dump last wrote to the replica: a heartbeat is due a period after it. */
        private long lastSent;
        /** Where the stream started, and the last event this dump read: a fatal error's coordinates. */
        private BinlogPosition startedAt;
        private BinlogEvent lastRead;

        Running(Context c, TimerScheduler<Command> timers, String actor, BinaryLog.Reader reader) {
            this.c = c;
            this.timers = timers;
            this.actor = actor;
            this.reader = reader;
            this.lastSent = c.clock().getAsLong();
        }

        Behavior<Command> behavior() {
            startStream();
            sendAvailable();
            // Dispatch methods rather than Akka's ReceiveBuilder, which allocates on every message (the
            // dump thread handles a few per commit group: docs/PERFORMANCE.md).
            return Behaviors.receive((ctx, m) -> onCommand(m), (ctx, signal) -> {
                if (signal instanceof PostStop) {
                    reader.close(); // however the thread ends, its binlog file is no longer in use
                }
                return Behaviors.same();
            });
        }

        private Behavior<Command> onCommand(Command m) {
            if (failed && !(m instanceof Kill)) {
                return Behaviors.same(); // it only waits for its server to stop it
            }
            if (m instanceof BinlogAdvanced) {
                return sendAvailable();
            } else if (m instanceof FromNetwork f) {
                // The dump thread only writes; since 5.7 the ACK receiver thread reads the ACKs (mysqld
                // binds itself as this connection's reader). A replica that closed its end (its FIN, or its
                // process died) is noticed when a write meets the reset its TCP answers with; a reset
                // connection at the next write.
                if (f.packet() instanceof Packet.PeerClosed closed) {
                    peerClosed = true;
                    peerGone |= closed.reset();
                }
                return Behaviors.same();
            } else if (m instanceof Kill k) {
                if (k.endOfStream() && !peerClosed) {
                    c.network().tell(new NetworkActor.Send(c.connection(), c.node(), new Protocol.EndOfStream()));
                } else if (k.error() != null && !peerClosed) {
                    c.network().tell(new NetworkActor.Send(c.connection(), c.node(), k.error()));
                }
                c.network().tell(new NetworkActor.Close(c.connection(), c.node()));
                return stop();
            } else if (m instanceof HeartbeatDue) {
                return heartbeat();
            }
            return Behaviors.unhandled();
        }

        /** The source file the stream is in: an event of another file is named by a fake Rotate first. */
        private String sentFile;

        /**
         * Sends every readable event (Binlog_sender::send_events). Each goes into the connection's NET
         * buffer (my_net_write); the buffer reaches the socket, as one write, when it fills, after an
         * event that asks for an ACK (the semisync plugin's net_flush) and before waiting for new events.
         */
        private Behavior<Command> sendAvailable() {
            if (c.gtids() != null) {
                return sendAvailableByGtid();
            }
            for (BinlogEvent e; (e = reader.peek()) != null; reader.advance()) {
                nameNextFile(e);
                lastRead = e;
                Behavior<Command> failed = send(e);
                if (failed != null) {
                    return failed;
                }
            }
            if (reader.lostItsFile()) {
                return lostItsLog();
            }
            return flushAndWait();
        }

        /**
         * RESET MASTER took the file away and the index names no next one: what was read goes out, and the
         * server ends the thread as its flavour does (it sends 1236, or a MariaDB semisync dump waits).
         */
        private Behavior<Command> lostItsLog() {
            if (!flush()) {
                return netFlushFailed(false);
            }
            failed = true;
            BinlogPosition last = lastRead == null ? startedAt : lastRead.start();
            c.trace().record(c.node(), actor, "dump.lost-its-log", "connection", c.connection());
            c.reports().tell(new LostItsLog(c.connection(), startedAt, last,
                    lastRead == null ? startedAt.pos() : lastRead.end().pos()));
            return Behaviors.same();
        }

        /**
         * The sender goes on into the next file: it names it with a fake Rotate first, always, even after the
         * real Rotate that ended the previous file (Binlog_sender::run: "a faked rotate event is always sent
         * before sending event log file ... The slave then gets an extra rotation and records two
         * Rotate_log_events"; MariaDB's mysql_binlog_send likewise). A real MariaDB 10.11's relay log shows
         * both rotations (replication/flush-binary-logs-mariadb).
         */
        private void nameNextFile(BinlogEvent e) {
            if (!e.file().equals(sentFile)) {
                netBuffer.write(new BinlogEvent(io.semisyncsim.binlog.EventType.FAKE_ROTATE, e.file(), 4,
                        c.binlog().sizes().rotate(e.file()), 0, -1, null), false);
                sentFile = e.file();
            }
        }

        /** Everything readable is sent: the buffer goes to the socket, and the thread waits for new events. */
        private Behavior<Command> flushAndWait() {
            if (!flush()) {
                return netFlushFailed(false);
            }
            armHeartbeat(c.request().heartbeatPeriod());
            return Behaviors.same();
        }

        /** By GTID: what the replica has is skipped; a skip mark tells it where a skipped run ended. */
        private Behavior<Command> sendAvailableByGtid() {
            for (BinlogEvent e; (e = reader.peek()) != null; reader.advance()) {
                nameNextFile(e);
                for (BinlogEvent out : c.gtids().process(e)) {
                    Behavior<Command> failed = send(out);
                    if (failed != null) {
                        return failed;
                    }
                }
                if (c.gtids().error() != null) { // what was sent goes first, then the error packet
                    return flush() ? refuse(c, actor, c.gtids().error()) : netFlushFailed(false);
                }
            }
            BinlogEvent mark = c.gtids().atEnd();
            Behavior<Command> failed = mark == null ? null : send(mark);
            return failed != null ? failed : flushAndWait();
        }

        /**
         * One event into the NET buffer; the semisync plugin may flag it to ask for an ACK (then it is
         * flushed at once). Null when sent; else how the thread goes on after a flush found the peer gone.
         */
        private Behavior<Command> send(BinlogEvent e) {
            if (e.type() == io.semisyncsim.binlog.EventType.ANNOTATE_ROWS && !c.request().annotateRows()) {
                return null; // not asked for: left out of the stream (sql_repl.cc send_event_to_slave)
            }
            boolean ack = false;
            var observers = c.semisync() == null || e.type().artificial()
                    ? java.util.List.<BinlogTransmitObserver>of() : c.semisync().get();
            for (int i = 0; i < observers.size(); i++) { // per event: indexed, no iterator
                ack |= observers.get(i).beforeSendEvent(e.type(), e.end());
            }
            if (netBuffer.write(e, ack) && !flush()) {
                return netFlushFailed(ack);
            }
            if (ack) {
                for (int i = 0; i < observers.size(); i++) {
                    observers.get(i).ackRequestSent();
                }
                c.trace().record(c.node(), actor, "ack.request", "to", c.request().replica(), "pos", e.end());
            }
            return null;
        }

        /**
         * A write failed ({@code askedForAck}: the flush of an event that asks for an ACK, flush_net /
         * readSlaveReply): the server logs it as this thread and ends it; until then the thread does nothing more.
         */
        private Behavior<Command> netFlushFailed(boolean askedForAck) {
            failed = true;
            c.trace().record(c.node(), actor, "dump.net-flush-failed", "connection", c.connection());
            c.reports().tell(new NetFlushFailed(c.connection(), askedForAck));
            return Behaviors.same();
        }

        /**
         * What every dump stream starts with (Binlog_sender::init, fake_rotate_event): a Rotate naming the
         * file and position it starts at, and, when it starts past the file's own Format_description, an
         * artificial one (log_pos 0), so the replica knows the format.
         */
        private void startStream() {
            var sizes = c.binlog().sizes();
            var from = c.gtids() != null ? c.gtids().start() : c.request().from() != null ? c.request().from()
                    : new io.semisyncsim.binlog.BinlogPosition(c.binlog().files().get(0), 4);
            sentFile = from.file();
            startedAt = from;
            netBuffer.write(new BinlogEvent(io.semisyncsim.binlog.EventType.FAKE_ROTATE, from.file(), from.pos(),
                    sizes.rotate(from.file()), 0, -1, null), false);
            if (from.pos() > 4) {
                netBuffer.write(new BinlogEvent(io.semisyncsim.binlog.EventType.ARTIFICIAL_FORMAT_DESCRIPTION,
                        from.file(), 0, sizes.formatDescription(), 0, -1, null), false);
            }
        }

        /** Writes the NET buffer to the socket; false when the write finds the peer gone. */
        private boolean flush() {
            if (netBuffer.isEmpty()) {
                return true;
            }
            if (peerGone) {
                return false;
            }
            c.network().tell(new NetworkActor.Send(c.connection(), c.node(), netBuffer.drain()));
            lastSent = c.clock().getAsLong();
            return true;
        }

        /** A heartbeat is sent when nothing was written for a period; one timer checks when it fires. */
        private Behavior<Command> heartbeat() {
            long quiet = c.clock().getAsLong() - lastSent;
            if (quiet < c.request().heartbeatPeriod()) {
                armHeartbeat(c.request().heartbeatPeriod() - quiet);
                return Behaviors.same();
            }
            if (peerGone) {
                return netFlushFailed(false); // the heartbeat's write meets the reset
            }
            c.network().tell(new NetworkActor.Send(c.connection(), c.node(),
                    new Protocol.Heartbeat(c.binlog().readableEnd())));
            lastSent = c.clock().getAsLong();
            armHeartbeat(c.request().heartbeatPeriod());
            return Behaviors.same();
        }

        private void armHeartbeat(long delay) {
            if (c.request().heartbeatPeriod() > 0 && !timers.isTimerActive("heartbeat")) {
                timers.startSingleTimer("heartbeat", new HeartbeatDue(), VirtualDurations.toDuration(delay));
            }
        }

        private Behavior<Command> stop() {
            c.trace().record(c.node(), actor, "dump.stop", "connection", c.connection());
            return Behaviors.stopped();
        }
    }
}
