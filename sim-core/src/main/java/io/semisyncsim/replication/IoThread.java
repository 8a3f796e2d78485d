package io.semisyncsim.replication;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.TimerScheduler;
import io.semisyncsim.binlog.BinlogEvent;
import io.semisyncsim.flavor.Terms;
import io.semisyncsim.kernel.VirtualDurations;
import io.semisyncsim.net.NetworkActor;
import io.semisyncsim.net.Packet;
import io.semisyncsim.trace.Trace;
import java.util.ArrayDeque;
import java.util.BitSet;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import io.semisyncsim.server.plugin.RelayIoObserver;

/**
 * The replica's I/O thread: connects to the source, requests a binlog dump from where it stopped
 * reading, writes each event to the relay log (and flushes it), and reconnects when the connection is
 * lost or silent for {@code slave_net_timeout}; a failed connect is retried every
 * {@code MASTER_CONNECT_RETRY}. Its states are {@link ReplicaChannel.IoRunning}.
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

    private record RelayWritten() implements Command {
    }

    /** What the thread needs from its server. */
    public record Context(String node, long serverId, ReplicaChannel channel, Terms terms, long netTimeout,
                          long relayWritePerEvent, long syncRelayLog, LongSupplier relayFsync,
                          ActorRef<NetworkActor.Command> network,
                          ActorRef<SqlThread.Command> sqlThread, Trace trace, LongSupplier clock,
                          long sourceServerId, Supplier<RelayIoObserver> observer) {
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
        private RelayIoObserver observer;
        private long attempt;
        private long connection = -1;
        private long retries;
        private boolean writing;
        private long sinceSync;
        /** The run of {@link #toWrite} being written, and which of its events end with an fsync. */
        private int runLength;
        private final BitSet runSyncs = new BitSet();
        /** When the connection last delivered anything: the net timeout counts from here. */
        private long lastReceived;

        Running(Context c, ActorContext<Command> ctx, TimerScheduler<Command> timers) {
            this.c = c;
            this.ctx = ctx;
            this.timers = timers;
            this.inbox = ctx.messageAdapter(Packet.class, FromNetwork::new);
        }

        private String source() {
            return c.terms().source();
        }

        Behavior<Command> start() {
            c.channel().clearIoError();
            c.channel().ioStarting("Connecting to " + source());
            trace("io.start");
            observer = c.observer().get(); // plugins observe the thread from its start (thread_start hook)
            if (observer != null) {
                var from = c.channel().dumpStart();
                observer.threadStart(c.channel().sourceUser(), c.channel().sourceHost(), c.channel().sourcePort(),
                        from == null ? "" : from.file(), from == null ? 4 : from.pos());
            }
            connect();
            // A dispatch method rather than Akka's ReceiveBuilder, which allocates on every message (the I/O
            // thread handles two per received write: docs/PERFORMANCE.md).
            return Behaviors.receiveMessage(this::onCommand);
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
                    connectFailed(110);
                }
            } else if (m instanceof NetTimeout t) {
                netTimeout(t);
            } else if (m instanceof Retry) {
                connect();
            } else {
                return Behaviors.unhandled();
            }
            return Behaviors.same();
        }

        private void netTimeout(NetTimeout m) {
            if (m.connection() != connection) {
                return;
            }
            long silent = c.clock().getAsLong() - lastReceived;
            if (silent < c.netTimeout()) {
                timers.startSingleTimer("net", new NetTimeout(connection),
                        VirtualDurations.toDuration(c.netTimeout() - silent));
                return;
            }
            trace("io.net_timeout");
            reconnect(); // slave_net_timeout: no event nor heartbeat for that long
        }

        private void connect() {
            attempt++;
            c.network().tell(new NetworkActor.Connect(attempt, c.node(), c.channel().sourceHost(), inbox));
            // A connect that gets no answer (a partition) gives up after slave_net_timeout, as the client's
            // connect timeout does.
            timers.startSingleTimer("connect", new ConnectTimeout(attempt), VirtualDurations.toDuration(c.netTimeout()));
        }

        private Behavior<Command> network(Packet p) {
            if (p instanceof Packet.Connected con && con.attempt() == attempt) {
                timers.cancel("connect");
                connection = con.connection();
                retries = 0;
                trace("io.connected", "connection", connection);
                timers.cancel("net"); // a fresh connection starts its own count
                armNetTimeout();
                if (observer != null && observer.wantsSemisync()) {
                    send(new Protocol.SemisyncProbe()); // before_request_transmit asks the source first
                } else {
                    requestDump(false);
                }
            } else if (p instanceof Packet.ConnectFailed f && f.attempt() == attempt) {
                timers.cancel("connect");
                connectFailed(f.errno());
            } else if (p instanceof Packet.PeerClosed closed && closed.connection() == connection) {
                trace("io.connection_lost", "connection", connection);
                reconnect();
            } else if (p instanceof Packet.Data d && d.connection() == connection) {
                armNetTimeout();
                data(d.payload());
            }
            return Behaviors.same();
        }

        private void requestDump(boolean semisync) {
            long heartbeat = c.channel().heartbeatPeriodMicros() != null ? c.channel().heartbeatPeriodMicros()
                    : c.netTimeout() / 2;
            send(new Protocol.DumpRequest(c.serverId(), c.node(), c.channel().dumpStart(), heartbeat, semisync));
            c.channel().ioConnected("Waiting for " + source() + " to send event", c.sourceServerId());
        }

        private void send(Packet.Payload payload) {
            c.network().tell(new NetworkActor.Send(connection, c.node(), payload));
        }

        private void data(Packet.Payload payload) {
            if (payload instanceof Protocol.SemisyncProbeReply reply) {
                requestDump(observer != null && observer.requestTransmit(reply.variableExists()));
            } else if (payload instanceof Protocol.Events write) {
                toWrite.addAll(write.events());
                if (write.lastAsksAck()) {
                    ackAsked.addLast(write.last());
                }
                writeNext();
            } else if (payload instanceof Protocol.DumpError err) {
                String text = "Got fatal error " + err.code() + " from " + source()
                        + " when reading data from binary log: '" + err.message() + "'";
                c.channel().ioError(13114, text, c.clock().getAsLong());
                trace("io.fatal", "error", text);
                ctx.getSelf().tell(new Stop());
            }
            // Heartbeats only keep the connection alive (armNetTimeout above).
        }

        /**
         * Writes the next run of received events to the relay log: up to the first that asks for an ACK,
         * or all that arrived. queue_event flushes every event (each costs a write) and fsyncs every
         * sync_relay_log events; the run is one timer, so an ACK leaves when its event is written.
         */
        private void writeNext() {
            if (writing || toWrite.isEmpty()) {
                return;
            }
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
                if (e == endOfRun) {
                    break;
                }
            }
            // Never cancelled: a write in progress completes, so a plain scheduled message will do.
            ctx.scheduleOnce(VirtualDurations.toDuration(cost), ctx.getSelf(), new RelayWritten());
        }

        private Behavior<Command> relayWritten() {
            writing = false;
            for (int i = 0; i < runLength; i++) {
                BinlogEvent e = toWrite.pollFirst();
                c.channel().queued(e, e.timestamp());
                if (runSyncs.get(i)) {
                    c.channel().relaySynced();
                }
                // after_queue_event: written and flushed (not necessarily fsynced) to the relay log, then the ACK.
                if (e == ackAsked.peekFirst()) {
                    ackAsked.pollFirst();
                    if (observer != null && observer.isSemisync() && connection >= 0) {
                        send(new Protocol.Ack(e.end()));
                        trace("ack.sent", "to", c.channel().sourceHost(), "pos", e.end());
                    }
                }
            }
            c.sqlThread().tell(new SqlThread.RelayAdvanced());
            writeNext();
            return Behaviors.same();
        }

        private void connectFailed(int errno) {
            retries++;
            String host = c.channel().sourceHost() + ":" + c.channel().sourcePort();
            String text = "error connecting to " + source() + " '" + c.channel().sourceUser() + "@" + host
                    + "' - retry-time: " + c.channel().connectRetrySeconds() + " retries: " + retries
                    + " message: Can't connect to MySQL server on '" + host + "' (" + errno + ")";
            c.channel().ioError(2003, text, c.clock().getAsLong());
            c.channel().ioReconnecting("Connecting to " + source());
            trace("io.connect_failed", "errno", (long) errno, "retries", retries);
            timers.startSingleTimer("retry", new Retry(),
                    VirtualDurations.toDuration(c.channel().connectRetrySeconds() * 1_000_000L));
        }

        private void reconnect() {
            close();
            c.channel().ioReconnecting("Reconnecting after a failed " + source() + " event read");
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

        private Behavior<Command> stop() {
            close();
            c.channel().ioStopped();
            if (observer != null) {
                observer.threadStop();
            }
            trace("io.stop");
            return Behaviors.stopped();
        }

        private void trace(String kind, Object... fields) {
            c.trace().record(c.node(), "io_thread", kind, fields);
        }
    }
}
