package io.semisyncsim.cluster;

import io.semisyncsim.binlog.BinlogPosition;
import io.semisyncsim.channel.GtidDump;
import io.semisyncsim.net.Packet;
import io.semisyncsim.replication.BinlogDumpThread;
import io.semisyncsim.replication.Protocol;
import io.semisyncsim.server.DumpRegistry;
import io.semisyncsim.server.Mysqld;
import io.semisyncsim.server.NodeState;
import io.semisyncsim.server.Threads;
import io.semisyncsim.server.plugin.BinlogTransmitObserver;
import io.semisyncsim.trace.Trace;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;

/**
 * The source's side of a replication connection, as a plain class: the replica's handshake, COM_BINLOG_DUMP
 * (the zombie kill, then the dump thread's start and transmit_start), the ACK receiver's reads of the
 * semisync dumps' sockets, and a dump thread's end (transmit_stop, remove_slave). The dumps themselves are
 * the server's {@link DumpRegistry} (the invariants read it too); this class keeps each one's thread,
 * {@code D} (an actor for the node's actor, a name in tests), and asks for sockets and threads through
 * {@link Effects}. A replica's connection goes:
 * <pre>
 *   handshake (Hello: a thread of its own, "Connect") --COM_BINLOG_DUMP--> dump (a Binlog Dump thread)
 *   handshake --its peer closes----------------------> ended (the thread closes)
 *   dump --its thread ends (KILL, a zombie's kill, its peer gone, the shutdown)--> ended (transmit_stop)
 *   dump --MariaDB, semisync, no event at its start--> finalizing (transmit_stop, sends nothing)
 *   finalizing --its peer closes, KILL, the shutdown--> ended
 *   any --the process ends------------------------> gone, with nothing run
 * </pre>
 */
final class DumpThreads<D> {

    /** What the source side asks of the actor that drives it. */
    interface Effects<D> {
        /** {@code payload} to the replica on {@code connection}. */
        void send(long connection, Packet.Payload payload);

        /**
         * This server reads what comes on the dump's connection from now on: a semisync dump's ACKs (the ACK
         * receiver polls its socket: ack_receiver.cc add_slave), and any dump's reset, which its end reports.
         */
        void watchDumpSocket(long connection);

        /**
         * A dump thread starts on {@code connection}; {@link #ended} is told when it stops. {@code refusal}: the
         * 1236 message it refuses a dump by position with at once, or null.
         */
        D startDump(long connection, Protocol.DumpRequest request, boolean semisync, GtidDump gtids, String refusal);

        /**
         * A dump thread that failed at its first read and waits to finalize (MariaDB's semisync dump): it
         * sends nothing, not even its error, and ends when stopped or killed.
         */
        D startFinalizing(long connection);

        /** The dump thread is killed: it ends; with {@code eof} its stream ends with an EOF packet. */
        void kill(D dump, boolean eof);

        /**
         * The dump thread sends {@code error} and ends: killed for a newer dump of its server_id (4052), or a
         * fatal read error (1236).
         */
        void endWithError(D dump, Protocol.DumpError error);

        /** The process is gone: the thread stops at once, with nothing run. */
        void stop(D dump);
    }

    private final Mysqld server;
    private final Trace trace;
    /** Whether a clean shutdown is under way: transmit_stop tells the plugin (mysqld.cc abort_loop). */
    private final BooleanSupplier shuttingDown;
    private final Effects<D> effects;
    private final DumpRegistry dumps;
    private final TreeMap<Long, D> running = new TreeMap<>();
    /** Threads of connections that have not asked for a dump yet (a replica's handshake), by connection. */
    private final Map<Long, Threads.Thread> handshakes = new TreeMap<>();
    /** Dumps whose connection was reset. */
    private final TreeSet<Long> netError = new TreeSet<>();
    /** Connections whose dump thread was killed and has not ended yet. */
    private final TreeSet<Long> killed = new TreeSet<>();
    /** Dumps whose transmit_stop already ran while their thread goes on (a MariaDB dump waiting to finalize). */
    private final TreeSet<Long> stopped = new TreeSet<>();
        /** ACKs that came while no ACK receiver ran, by connection, oldest first. */
    private final TreeMap<Long, ArrayDeque<Protocol.Ack>> unread = new TreeMap<>();

    DumpThreads(Mysqld server, Trace trace, BooleanSupplier shuttingDown, Effects<D> effects) {
        this.server = server;
        this.trace = trace;
        this.shuttingDown = shuttingDown;
        this.effects = effects;
        this.dumps = server.dumps();
    }

    /** The dump threads that run, in connection order: each is told when the binlog grows. */
    Collection<D> running() {
        return running.values();
    }

    /**
     * A replica's handshake: the connection gets a thread (the dump thread it will become), and the
     * replica learns its id, the server's ids and whether semisync's variable exists and is ON.
     */
    void hello(long connection, String from, Protocol.Hello hello) {
        if (!server.store().users().authenticates(hello.user(), from, hello.password())) {
            refuseLogin(connection, from, hello);
            return;
        }
        Threads.Thread t = server.threads().open(Threads.Kind.CLIENT, hello.user(), from + ":" + (40000 + connection),
                "Connect", server.now());
        handshakes.put(connection, t);
        var vars = server.variables();
        String enabledVar = vars.find("rpl_semi_sync_source_enabled") != null ? "rpl_semi_sync_source_enabled"
                : vars.find("rpl_semi_sync_master_enabled") != null ? "rpl_semi_sync_master_enabled" : null;
        effects.send(connection, new Protocol.Greeting(t.id(), server.serverId(), server.uuid(), enabledVar != null,
                enabledVar != null && vars.getBool(enabledVar)));
    }

    /**
     * A replica's login the source refuses (sql_acl.cc acl_authenticate): its connection thread logs it
     * (MariaDB, log_warnings > 1) and the replica gets 1045, which its I/O thread retries.
     */
    private void refuseLogin(long connection, String from, Protocol.Hello hello) {
        Threads.Thread t = server.threads().open(Threads.Kind.CLIENT, "unauthenticated", from + ":" + (40000 + connection),
                "Connect", server.now());
        String usingPassword = hello.password() == null || hello.password().isEmpty() ? "NO" : "YES";
        server.runAs(t.id(), () -> server.errorLog().log("access-denied", "user", hello.user(), "host", from,
                "password", usingPassword));
        server.threads().close(t.id());
        server.connectionStatus().loginRefused();
        trace.record(server.name(), "dump", "login.refused", "user", hello.user(), "connection", connection);
        effects.send(connection, new Protocol.AccessDenied(1045,
                server.flavor().errorText(1045, hello.user(), from, usingPassword)));
    }

    /**
     * A client closed its connection before its login (a replica that gave up waiting for the greeting of
     * this server, frozen meanwhile): the thread the server gave it at accept reads the end and, on
     * MariaDB, says so as it ends (sql_connect.cc: "This connection closed normally without authentication").
     */
    void closedBeforeLogin(long connection, String from) {
        Threads.Thread t = server.threads().open(Threads.Kind.CLIENT, "unauthenticated", from + ":" + (40000 + connection),
                "Connect", server.now());
        server.runAs(t.id(), () -> server.errorLog().log("aborted-unauthenticated", "id", t.id(), "host", from));
        server.threads().close(t.id());
        server.connectionStatus().closedBeforeLogin();
    }

    /** One of the statements a connecting I/O thread runs before its dump (get_master_version_and_clock's): answered. */
    void setupQuery(long connection, Protocol.SetupQuery q) {
        effects.send(connection, new Protocol.SetupReply(q.n()));
    }

    /**
     * The peer closed a connection: a handshake's thread ends with it (a dump thread finds out itself). A
     * reset of a dump's connection is a network error the dump's end reports if it is killed as a zombie
     * (its last write fails; a write after a FIN still goes out).
     */
    void peerClosed(long connection, boolean reset) {
        if (reset && dumps.get(connection) != null) {
            netError.add(connection);
        }
        Threads.Thread t = handshakes.remove(connection);
        if (t != null) {
            server.threads().close(t.id());
        }
    }

    /**
     * COM_BINLOG_DUMP: first the zombie a reconnecting replica left (kill_zombie_dump_threads), then a
     * dump thread on this connection; the semisync plugin decides whether it is semisync.
     */
    void dumpRequest(long connection, String from, Protocol.DumpRequest request) {
        // The replica registered just before (COM_REGISTER_SLAVE, its last set-up query): Slave_connections.
        server.replicaRegistered();
        Threads.Thread t = handshakes.remove(connection);
        if (t == null) {
            t = server.threads().open(Threads.Kind.CLIENT, "repl", from, "Connect", server.now());
        }
        long thread = t.id();
        var style = server.flavor().threadStyle();
        for (DumpRegistry.Dump zombie : dumps.zombiesOf(request.serverId(), request.uuid(), style.zombieByServerId())) {
            if (style.zombieByServerId()) {
                // MariaDB: the zombie is killed and gone before the new dump starts; its registration ends
                // with it. Only a zombie whose connection was reset writes why it ended; one that just
                // waited for events goes silently (both measured on 10.11.19).
                boolean reported = netError.contains(zombie.connection()) && !killed.contains(zombie.connection());
                // KILL_SLAVE_SAME_ID: the error reaches a replica still reading that connection (another
                // replica with this server_id); a replica that reconnected has left it.
                effects.endWithError(running.get(zombie.connection()),
                        new Protocol.DumpError(4052, server.flavor().errorText(4052)));
                killed.add(zombie.connection()); // KILL_SLAVE_SAME_ID
                end(zombie.connection(), null);
                if (reported) {
                    server.runAs(zombie.thread(), () -> server.errorLog().log("aborted-zombie", "id",
                            zombie.thread(), "user", "repl", "host", zombie.host()));
                }
            } else {
                // MySQL: KILL_QUERY, asynchronous: the zombie ends when it next looks, after this dump starts.
                server.runAs(thread, () -> server.errorLog().log("zombie-dump", "uuid", request.uuid(),
                        "thread", zombie.thread()));
                killed.add(zombie.connection());
                effects.kill(running.get(zombie.connection()), false);
            }
        }
        t.become(Threads.Kind.BINLOG_DUMP, style.dumpCommand(), style.dumpIdleState(), server.now());
        // A dump by GTID: the source's GTID rules decide where it starts, what it skips, or refuse it.
        GtidDump gtids = request.gtids() == null ? null : server.gtids().dump(request.gtids(), server.binlog());
        BinlogPosition from2 = gtids != null && gtids.error() == null ? gtids.transmitFrom()
                : request.from() != null ? request.from() : new BinlogPosition(server.binlog().files().get(0), 4);
        if (gtids == null || gtids.error() == null || server.flavor().gtidDumpLoggedBeforeChecks()) {
            server.runAs(thread, () -> server.errorLog().log("dump-start", "thread", thread, "server_id",
                    request.serverId(), "requested_file", request.from() == null ? "" : request.from().file(), "pos",
                    request.from() == null ? 4 : request.from().pos(), "using_gtid", gtids == null ? 0 : 1,
                    "gtid", gtids == null ? "" : request.gtids().toString()));
        }
        // A dump by position the source refuses: before it starts (no transmit_start, no semisync lines), or,
        // where no event starts, at its first read, once the plugins were told (a semisync start and stop).
        var why = gtids == null ? server.binlog().startRefusal(request.from()) : null;
        String refusal = why == null ? null : server.flavor().dumpRefusal(why, request.from());
        boolean refusedBeforeStart = why != null && why != io.semisyncsim.binlog.BinaryLog.StartRefusal.MID_EVENT;
        List<BinlogTransmitObserver> observers = gtids != null && gtids.error() != null || refusedBeforeStart
                ? List.of() : server.plugins(BinlogTransmitObserver.class);
        boolean semisync = false;
        for (BinlogTransmitObserver o : observers) {
            semisync |= server.callAs(thread, () -> o.transmitStart(request.serverId(), from2, request.semisync(),
                    server.now()));
        }
        if (semisync && why == io.semisyncsim.binlog.BinaryLog.StartRefusal.MID_EVENT
                && server.flavor().semisyncRules().failedDumpWaitsForClose()) {
            waitToFinalize(connection, t, request.serverId(), request.uuid(), from);
            return;
        }
        dumps.add(new DumpRegistry.Dump(connection, thread, request.serverId(), request.uuid(), semisync, from));
        // The ACK receiver thread polls every semisync dump's socket (ack_receiver.cc); a reset reaches an
        // asynchronous dump's end too (its last write fails), which a zombie's kill then reports.
        effects.watchDumpSocket(connection);
        running.put(connection, effects.startDump(connection, request, semisync, gtids, refusal));
    }

    /**
     * A semisync dump's first read found no event where it starts: its semisync part stops at once (the
     * "Stop semi-sync binlog_dump" line, one client fewer), and the thread then waits, in "Waiting to
     * finalize termination", with nothing sent, until the replica closes the connection (its next
     * slave_net_timeout) or a KILL ends it. Measured on MariaDB 10.11.18; where the server waits was not found.
     */
    private void waitToFinalize(long connection, Threads.Thread t, long serverId, String uuid, String host) {
        transmitStop(t.id(), serverId, true);
        trace.record(server.name(), "dump", "dump.finalizing", "connection", connection);
        t.state("Waiting to finalize termination");
        // registered as no semisync client any more (remove_slave ran), and transmit_stop is not run again
        dumps.add(new DumpRegistry.Dump(connection, t.id(), serverId, uuid, false, host));
        stopped.add(connection);
        running.put(connection, effects.startFinalizing(connection));
    }

    /** The ACK receiver read an ACK on a semisync dump's connection: handleAck with that dump's server_id. */
    void ackRead(long connection, Protocol.Ack ack) {
        DumpRegistry.Dump d = dumps.get(connection);
        if (d == null || !d.semisync()) {
            return; // the dump ended: remove_slave took its socket out of the poll set
        }
        if (server.ackReceiverStopped()) {
            // Semisync is disabled: its ACK receiver thread stopped and nobody reads the socket; the ACK
            // waits there until the thread starts again (ack_receiver.cc stop/start; MariaDB counts it in
            // get_ack then, measured on 10.11.19).
            unread.computeIfAbsent(connection, k -> new ArrayDeque<>()).addLast(ack);
            return;
        }
        read(d, ack);
    }

    /** Whether ACKs wait in sockets no ACK receiver read. */
    boolean hasUnread() {
        return !unread.isEmpty();
    }

    /** The ACK receiver started again: it reads what waited in the sockets it polls, connection by connection. */
    void ackReceiverStarted() {
        while (!server.ackReceiverStopped() && !unread.isEmpty()) {
            var first = unread.pollFirstEntry();
            DumpRegistry.Dump d = dumps.get(first.getKey());
            for (Protocol.Ack ack : first.getValue()) {
                if (d != null && d.semisync()) {
                    read(d, ack);
                }
            }
        }
    }

    private void read(DumpRegistry.Dump d, Protocol.Ack ack) {
        trace.record(server.name(), "ack_receiver", "ack", "replica_server_id", d.serverId(), "pos", ack.pos());
        for (BinlogTransmitObserver o : server.plugins(BinlogTransmitObserver.class)) {
            server.runAs(server.ackReceiverThread(), () -> o.ackReceived(d.serverId(), ack.pos(), server.now()));
        }
    }

    /** The dump thread on {@code connection} is killed (the shutdown's phase: {@code eof}, its stream ends). */
    void kill(long connection, boolean eof) {
        killed.add(connection);
        effects.kill(running.get(connection), eof);
    }

    /** A KILL of a dump thread by its thread id: it ends (the socket closes, no EOF packet). */
    void killThread(long thread) {
        DumpRegistry.Dump d = dumps.byThread(thread);
        if (d != null) {
            killed.add(d.connection());
            effects.kill(running.get(d.connection()), false);
        }
    }

    /** What a dump thread reported of its end. */
    void report(BinlogDumpThread.Report report) {
        if (report instanceof BinlogDumpThread.NetFlushFailed f) {
            netFlushFailed(f.connection(), f.askedForAck());
        } else if (report instanceof BinlogDumpThread.LostItsLog l) {
            lostItsLog(l);
        }
    }

    /**
     * RESET MASTER took the file a dump read, and no next one is in the index: a fatal read error, 1236 "could
     * not find next log" with the coordinates mysql_binlog_send adds. A MariaDB semisync dump stops its semisync
     * part at once and then waits to finalize, sending nothing, as a dump that failed at its first read does;
     * any other sends it and ends (measured on MariaDB 10.11.19: replication/reset-master-under-a-dump-mariadb).
     */
    private void lostItsLog(BinlogDumpThread.LostItsLog l) {
        DumpRegistry.Dump d = dumps.get(l.connection());
        D dump = running.get(l.connection());
        if (d == null || dump == null || stopped.contains(l.connection())) {
            return;
        }
        if (d.semisync() && server.flavor().semisyncRules().failedDumpWaitsForClose()) {
            waitToFinalize(l.connection(), server.threads().find(d.thread()), d.serverId(), d.uuid(), d.host());
            effects.stop(dump); // its successor, the finalizing thread, holds the connection now
            return;
        }
        String message = server.flavor().dumpFatal("next-log-missing", l.first(), l.lastEvent(), l.lastByte());
        effects.endWithError(dump, new Protocol.DumpError(1236, message));
    }

    /**
     * A dump's write failed. A semisync dump's flush for an ACK: the plugin logs it as the dump thread, whose
     * stream then ends with the error the server's end_connection reports (sql_repl.cc send_event_to_slave:
     * "Failed to run hook 'after_send_event'"; 5.7/8.0 Binlog_sender::after_send_hook: "Found net error").
     * Any other write: the stream ends on the write error (ER_NET_ERROR_ON_WRITE).
     */
    void netFlushFailed(long connection, boolean askedForAck) {
        DumpRegistry.Dump d = dumps.get(connection);
        D dump = running.get(connection);
        if (d == null || dump == null) {
            return; // already ended (killed meanwhile)
        }
        if (askedForAck) {
            for (BinlogTransmitObserver o : server.plugins(BinlogTransmitObserver.class)) {
                server.runAs(d.thread(), o::netFlushFailed);
            }
        }
        end(connection, askedForAck ? WriteError.ACK_FLUSH : WriteError.WRITE);
        effects.stop(dump);
    }

    /** A thread stopped: if it was one of ours, its dump ends. Whether it was. */
    boolean ended(Object dump) {
        for (Map.Entry<Long, D> e : running.entrySet()) {
            if (e.getValue().equals(dump)) {
                end(e.getKey(), null);
                return true;
            }
        }
        return false;
    }

    /**
     * A dump thread ended: transmit_stop, and a semisync dump's registration ends (remove_slave);
     * {@code error}: the failed write its connection ended on, which its end logs; null when it did not.
     */
    private void end(long connection, WriteError error) {
        running.remove(connection);
        boolean wasKilled = killed.remove(connection);
        netError.remove(connection);
        unread.remove(connection); // the socket closed with what nobody read
        DumpRegistry.Dump d = dumps.remove(connection);
        if (d == null) {
            return;
        }
        // rpl_binlog_sender.cc: transmit_stop runs once for every dump; the plugin tells the kinds apart.
        boolean alreadyStopped = stopped.remove(connection);
        if (server.state() == NodeState.RUNNING) {
            if (!alreadyStopped) {
                transmitStop(d.thread(), d.serverId(), d.semisync());
            }
            // sql_connect.cc end_connection: a connection that ended killed (a KILL, a zombie's KILL_SLAVE_SAME_ID)
            // or on a network error is an aborted client (measured on MariaDB 10.11.19); only the error is logged
            if (wasKilled || error != null) {
                server.connectionStatus().connectionAborted();
            }
            if (error == WriteError.ACK_FLUSH) {
                server.runAs(d.thread(), () -> server.errorLog().log("aborted-net-flush", "id", d.thread(),
                        "user", "repl", "host", d.host()));
            } else if (error == WriteError.WRITE) {
                server.runAs(d.thread(), () -> server.errorLog().log("aborted-net-write", "id", d.thread(),
                        "user", "repl", "host", d.host()));
            }
        }
        server.threads().close(d.thread());
    }

    /** transmit_stop, as the dump thread: the plugin's stop line, and a semisync dump's remove_slave. */
    private void transmitStop(long thread, long serverId, boolean semisync) {
        for (BinlogTransmitObserver o : server.plugins(BinlogTransmitObserver.class)) {
            server.runAs(thread, () -> o.transmitStop(serverId, semisync, shuttingDown.getAsBoolean(), server.now()));
        }
    }

    /** A dump's write that failed: the flush of an event that asked for an ACK, or any other. */
    private enum WriteError { ACK_FLUSH, WRITE }

    /** The process is gone: every dump thread stops at once, and no registration or handshake is left. */
    void processEnded() {
        for (D dump : running.values()) {
            effects.stop(dump);
        }
        running.clear();
        dumps.all().forEach(d -> dumps.remove(d.connection()));
        handshakes.clear();
        unread.clear();
        killed.clear();
        netError.clear();
        stopped.clear();
    }
}
