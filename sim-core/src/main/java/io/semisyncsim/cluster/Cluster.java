package io.semisyncsim.cluster;

import akka.actor.typed.ActorRef;
import io.semisyncsim.binlog.BinlogPosition;
import io.semisyncsim.binlog.EventType;
import io.semisyncsim.binlog.Timing;
import io.semisyncsim.binlog.Transaction;
import io.semisyncsim.channel.ReplicaChannel;
import io.semisyncsim.flavor.Flavor;
import io.semisyncsim.kernel.SimKernel;
import io.semisyncsim.kernel.SimRandom;
import io.semisyncsim.kernel.VirtualDurations;
import io.semisyncsim.net.LinkSpec;
import io.semisyncsim.net.NetworkActor;
import io.semisyncsim.net.NetworkModel;
import io.semisyncsim.server.Account;
import io.semisyncsim.server.Mysqld;
import io.semisyncsim.server.NodeState;
import io.semisyncsim.server.StatementResult;
import io.semisyncsim.server.plugin.PluginFactories;
import io.semisyncsim.trace.TraceSink;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A simulated MySQL cluster on one kernel: a {@link Mysqld} and its actor per node, the network, and
 * client sessions. At time zero every replica replicates from the source asynchronously (as after
 * CHANGE MASTER TO and START SLAVE), unless told to start idle. Every method is called from the
 * driver thread; reads happen at quiescent instants.
 */
public final class Cluster implements AutoCloseable {

    /**
     * How a cluster is laid out and wired before time zero. {@code byGtid}: the replicas are set up to
     * position by GTID (the flavour's {@code gtid-position}) instead of file and position.
     * {@code clientLatency}: one way, in µs, from a client to its server and back again (every statement,
     * commit and workload session pays it twice). {@code relayLogsRead}: whether anything may read the
     * events of relay files the SQL thread has applied (SHOW RELAYLOG EVENTS); a run whose statements never
     * do leaves them out, which changes nothing else it shows and saves a copy of every event per replica.
     */
    public record Spec(Flavor flavor, List<NodeSpec> nodes, PluginFactories factories, long seed,
                       LinkSpec defaultLink, Map<String, LinkSpec> links, boolean replicationRunning, boolean byGtid,
                       long clientLatency, boolean relayLogsRead) {
        /** Relay logs kept whole: someone may read them (SHOW RELAYLOG EVENTS). */
        public Spec(Flavor flavor, List<NodeSpec> nodes, PluginFactories factories, long seed, LinkSpec defaultLink,
                    Map<String, LinkSpec> links, boolean replicationRunning, boolean byGtid, long clientLatency) {
            this(flavor, nodes, factories, seed, defaultLink, links, replicationRunning, byGtid, clientLatency, true);
        }

        /** Positioned by file and position; clients with no latency of their own. */
        public Spec(Flavor flavor, List<NodeSpec> nodes, PluginFactories factories, long seed, LinkSpec defaultLink,
                    Map<String, LinkSpec> links, boolean replicationRunning) {
            this(flavor, nodes, factories, seed, defaultLink, links, replicationRunning, false, 0);
        }

        /** Clients with no latency of their own: a statement reaches the server the moment it is sent. */
        public Spec(Flavor flavor, List<NodeSpec> nodes, PluginFactories factories, long seed, LinkSpec defaultLink,
                    Map<String, LinkSpec> links, boolean replicationRunning, boolean byGtid) {
            this(flavor, nodes, factories, seed, defaultLink, links, replicationRunning, byGtid, 0);
        }
    }

    private final SimKernel kernel;
    private final Flavor flavor;
    private final Map<String, Mysqld> nodes = new LinkedHashMap<>();
    /** The network's links, read here only for how long news of a node takes to reach its peers. */
    private final NetworkModel model;
    private final Map<String, ActorRef<MysqldActor.Command>> actors = new LinkedHashMap<>();
    private final Map<Long, Object> results = new TreeMap<>();
    /** Nodes paused now (SIGSTOP), until their resume. */
    private final java.util.Set<String> frozen = new java.util.TreeSet<>();
    private final ActorRef<ClientSession.Command> client;
    private final ActorRef<NetworkActor.Command> network;
    private final long clientLatency;
    private java.util.function.BiConsumer<String, String> statementArrives = (node, sql) -> { };
    private long nextRequestId;

    private Cluster(SimKernel kernel, Spec spec) {
        this.kernel = kernel;
        this.flavor = spec.flavor();
        Timing timing = Timing.defaults();
        this.model = new NetworkModel(spec.defaultLink(), kernel.random());
        spec.links().forEach((pair, link) -> {
            String[] ends = pair.split("->", 2);
            model.setLink(ends[0], ends[1], link);
        });
        this.network = kernel.spawn(NetworkActor.create(model, kernel.trace(), kernel::now), "network");
        String sourceName = null;
        for (NodeSpec n : spec.nodes()) {
            String nodeUuid = uuid(kernel.random().stream("server_uuid:" + n.name()));
            Mysqld server = new Mysqld(n.name(), n.serverId(), nodeUuid, flavor, n.optionFile(), spec.factories(),
                    kernel::now);
            server.errorLog().onLine(line -> kernel.trace().record(n.name(), "error-log", "log", "line", line));
            server.channel().keepApplied(spec.relayLogsRead());
            nodes.put(n.name(), server);
            actors.put(n.name(), kernel.spawn(MysqldActor.create(new MysqldActor.Context(server, kernel.trace(),
                    network, timing, name -> nodes.containsKey(name) ? nodes.get(name).serverId() : 0L)),
                    "mysqld-" + n.name()));
            if (n.role() == NodeSpec.Role.SOURCE) {
                sourceName = n.name();
            }
        }
        this.clientLatency = spec.clientLatency();
        this.client = kernel.spawn(ClientSession.create(results, kernel::now, clientLatency,
                (node, sql) -> statementArrives.accept(node, sql)), "client");
        for (ActorRef<MysqldActor.Command> actor : actors.values()) {
            actor.tell(new MysqldActor.Start());
        }
        kernel.runUntilQuiescent();
        for (NodeSpec n : spec.nodes()) {
            if (n.role() == NodeSpec.Role.REPLICA && nodes.get(n.name()).state() != NodeState.RUNNING) {
                continue; // its option file kept it from starting: nothing to set up (the run says why)
            }
            if (n.role() == NodeSpec.Role.REPLICA) {
                // Positional set-up, as the manual's CHANGE MASTER TO ... MASTER_LOG_FILE, MASTER_LOG_POS and
                // the real-server harness do (MariaDB without a position would replicate by GTID); or by GTID.
                BinlogPosition first = new BinlogPosition(spec.flavor().eventSizes().basename() + ".000001", 4);
                List<String> statements = new java.util.ArrayList<>(List.of(spec.byGtid()
                        ? changeSourceByGtid(sourceName, false) : changeSource(sourceName, first)));
                if (spec.replicationRunning()) {
                    statements.add(flavor.operatorStatement("start-replica"));
                }
                operate(n.name(), statements);
            }
        }
        if (spec.replicationRunning()) {
            // A scenario starts on a cluster that is up and replicating, as the real-server harness waits
            // for: every running replica connected and caught up with its source, or stopped by an error (or a
            // second has passed).
            String source = sourceName;
            kernel.runUntil(() -> replicasCaughtUp(source), kernel.now() + SET_UP_LIMIT);
        }
    }

    /**
     * An operator's statement failed (a failover to a node whose server never started, say): the
     * scenario's step fails with the server's error; it is not a fault of the simulator.
     */
    public static final class OperatorFailed extends IllegalStateException {
        public OperatorFailed(String message) {
            super(message);
        }
    }

    /** How long the set-up waits for replicas to connect, in virtual µs. */
    private static final long SET_UP_LIMIT = 1_000_000;

    private boolean replicasCaughtUp(String sourceName) {
        Mysqld source = nodes.get(sourceName);
        if (source == null || source.state() != NodeState.RUNNING) {
            return true;
        }
        BinlogPosition end = source.binlog().writtenEnd();
        for (Mysqld node : nodes.values()) {
            if (node == source || node.state() != NodeState.RUNNING
                    || !node.channel().isConfigured()) {
                continue;
            }
            ReplicaChannel ch = node.channel();
            if (ch.ioRunning() == ReplicaChannel.IoRunning.NO && ch.lastIoErrno() != 0) {
                continue; // its I/O thread stopped with an error (equal server ids...): nothing more to wait for
            }
            if (ch.ioRunning() != ReplicaChannel.IoRunning.YES
                    || !end.file().equals(ch.relaySourceLogFile()) || ch.execSourceLogPos() != end.pos()) {
                return false;
            }
        }
        return true;
    }

    /** A server_uuid drawn from the seed, in MySQL's 8-4-4-4-12 form. */
    private static String uuid(SimRandom r) {
        String hex = java.util.HexFormat.of().toHexDigits(r.nextLong()) + java.util.HexFormat.of().toHexDigits(r.nextLong());
        return hex.substring(0, 8) + "-" + hex.substring(8, 12) + "-" + hex.substring(12, 16) + "-"
                + hex.substring(16, 20) + "-" + hex.substring(20, 32);
    }

    /** Starts the cluster at virtual time zero; the caller's thread drives the kernel. */
    public static Cluster start(Spec spec, TraceSink... sinks) {
        SimKernel kernel = SimKernel.start(spec.seed());
        for (TraceSink sink : sinks) {
            kernel.trace().addSink(sink);
        }
        try {
            return new Cluster(kernel, spec);
        } catch (RuntimeException | Error e) {
            kernel.close(); // a set-up that failed (an operator's statement refused) leaves no actor behind
            throw e;
        }
    }

    public SimKernel kernel() {
        return kernel;
    }

    public Flavor flavor() {
        return flavor;
    }

    public Mysqld node(String name) {
        return nodes.get(name);
    }

    public List<String> nodeNames() {
        return List.copyOf(nodes.keySet());
    }

    /**
     * {@code hook} is told (node, statement) as each client statement reaches its server, before it runs
     * (a client latency after it was sent): the invariants follow FLUSH STATUS and RESET MASTER so.
     */
    public void onStatementArrival(java.util.function.BiConsumer<String, String> hook) {
        this.statementArrives = hook;
    }

    /** A new client connection's id, for {@link #execute(String, long, Account, String, long)}. */
    public long openSession() {
        return nextRequestId++;
    }

    /** Sends one statement on a connection of its own and runs until its result is back. */
    public StatementResult execute(String node, Account account, String sql) {
        return execute(node, openSession(), account, sql, Long.MAX_VALUE);
    }

    /**
     * Sends one statement on connection {@code session} and runs until its result is back (a commit
     * may take virtual time), or until {@code deadline}: then null, as for a client still waiting.
     */
    public StatementResult execute(String node, long session, Account account, String sql, long deadline) {
        long id = nextRequestId++;
        client.tell(new ClientSession.Send(id, session, node, actors.get(node), account, sql));
        kernel.runUntil(() -> results.containsKey(id), deadline);
        Answer a = (Answer) results.remove(id);
        return a == null ? null : a.result();
    }

    /** The client closes connection {@code session} to {@code node} (COM_QUIT). */
    public void closeSession(String node, long session) {
        actors.get(node).tell(new MysqldActor.CloseSession(session));
        kernel.runUntilQuiescent();
    }

    /**
     * Sends one statement on connection {@code session} and returns at once, as MTR's {@code send}: the
     * statement runs (and may wait for an ACK) while the kernel runs; {@link #poll} gives its answer.
     */
    public long send(String node, long session, Account account, String sql) {
        long id = nextRequestId++;
        client.tell(new ClientSession.Send(id, session, node, actors.get(node), account, sql));
        return id;
    }

    /** A sent statement's answer and the virtual time the client had it. */
    public record Answer(StatementResult result, long at) {
    }

    /** The answer to a statement {@link #send} sent, once it came (then forgotten); null until then. */
    public Answer poll(long id) {
        return (Answer) results.remove(id);
    }

    /**
     * One autocommit single-row INSERT into {@code table} on connection {@code session}, run until the
     * client has its answer (or {@code deadline} passes, as when the server hangs). Returns null if no
     * answer came in time.
     */
    public MysqldActor.Committed insert(String node, long session, String table, long key, long deadline) {
        long id = nextRequestId++;
        client.tell(new ClientSession.CommitRows(id, session, actors.get(node),
                List.of(new Transaction.RowChange(EventType.WRITE_ROWS, table, key, "row-" + key))));
        kernel.runUntil(() -> results.containsKey(id), deadline);
        return (MysqldActor.Committed) results.remove(id);
    }

    /** Starts client sessions on {@code node}; they run while the kernel runs. */
    public Workload.Progress workload(String node, Workload.Spec spec, Workload.Sink sink) {
        Workload.Progress progress = new Workload.Progress();
        long sessions = nextRequestId;
        nextRequestId += spec.clients(); // each client is a connection of its own
        kernel.spawn(Workload.create(spec, sessions, actors.get(node), sink, progress, kernel::now, clientLatency),
                "workload-" + nextRequestId++);
        return progress;
    }

    /**
     * Promotes a replica: it first applies what its relay log holds (at most {@code applyBudget} µs),
     * then stops replicating; every other replica is pointed at it as it was pointed before: by GTID when
     * it positions by GTID (MASTER_AUTO_POSITION / MASTER_USE_GTID), so the new source sends it what it
     * lacks; else from the new source's current binlog end, where what it had and the new source lacks is
     * not reconciled. The trace's {@code promoted} event names the old source's transactions, by GTID,
     * that the new source lacks. With {@code semisync} the operator moves semisync with the role
     * ({@link SemisyncHandover}).
     */
    public void promote(String replica, long applyBudget, boolean semisync) {
        Mysqld promoted = nodes.get(replica);
        String old = promoted.channel().sourceHost();
        kernel.runUntil(() -> promoted.channel().relayLogBacklog() == 0, kernel.now() + applyBudget);
        operate(replica, List.of(flavor.operatorStatement("stop-replica"), flavor.operatorStatement("reset-replica-all")));
        if (semisync) { // before the others connect, so that their dumps start semisynchronous
            operate(replica, SemisyncHandover.onPromoted(replica, name -> hasVariable(promoted, name)));
        }
        Mysqld oldSource = old == null ? null : nodes.get(old);
        String lost = oldSource == null ? "" : String.join(",", oldSource.gtids().missingOn(promoted.gtids()));
        kernel.trace().record(replica, "mysqld", "promoted", "old_source", old == null ? "" : old, "gtids_lost", lost);
        BinlogPosition end = promoted.binlog().writtenEnd(); // what SHOW MASTER STATUS shows there
        for (Map.Entry<String, Mysqld> n : nodes.entrySet()) {
            Mysqld other = n.getValue();
            if (!n.getKey().equals(replica) && other.state() == NodeState.RUNNING && other.channel().isConfigured()) {
                String change = positionsByGtid(other) ? changeSourceByGtid(replica, false)
                        : changeSource(replica, end);
                List<String> statements = new java.util.ArrayList<>(List.of(flavor.operatorStatement("stop-replica")));
                if (semisync) {
                    statements.addAll(SemisyncHandover.onFollower(n.getKey(), name -> hasVariable(other, name)));
                }
                statements.add(change);
                statements.add(flavor.operatorStatement("start-replica"));
                operate(n.getKey(), statements);
            }
        }
    }

    private static boolean hasVariable(Mysqld node, String name) {
        return node.variables() != null && node.variables().find(name) != null;
    }

    /** Whether a replica's channel positions by GTID (MySQL's Auto_Position, MariaDB's Using_Gtid). */
    private static boolean positionsByGtid(Mysqld node) {
        ReplicaChannel ch = node.channel();
        return node.flavor().gtidKind().equals("mariadb") ? ch.usingGtid() != ReplicaChannel.UsingGtid.NO
                : ch.autoPosition();
    }

    /**
     * An old source, restarted, becomes a replica of {@code source}, as an operator makes it: by GTID when
     * it has GTIDs (MySQL: gtid_mode not OFF; MariaDB: always; the flavour's {@code rejoin-position}, which
     * for MariaDB asks from gtid_current_pos, its own transactions included), else from the source's
     * binlog end. What it executed that the source has not (its errant transactions) stays; the trace's
     * {@code rejoined} event names them.
     */
    public void rejoin(String node, String source) {
        Mysqld n = nodes.get(node);
        Mysqld s = nodes.get(source);
        boolean byGtid = n.variables() != null && (n.variables().find("gtid_mode") == null
                || !n.variables().get("gtid_mode").equals("OFF"));
        String change = byGtid ? changeSourceByGtid(source, true) : changeSource(source, s.binlog().writtenEnd());
        List<String> statements = new java.util.ArrayList<>();
        if (n.channel().isConfigured()) {
            statements.add(flavor.operatorStatement("stop-replica"));
        }
        statements.add(change);
        statements.add(flavor.operatorStatement("start-replica"));
        operate(node, statements);
        kernel.trace().record(node, "mysqld", "rejoined", "source", source, "errant", n.gtids().errantAgainst(s.gtids()));
    }

    /** CHANGE MASTER TO {@code source} from {@code from}, as the flavour spells it. */
    private String changeSource(String source, BinlogPosition from) {
        String position = flavor.operatorStatement("position", Map.of("file", from.file(), "pos", from.pos()));
        return flavor.operatorStatement("change-source", Map.of("host", source, "port", 3306, "position", position));
    }

    /** CHANGE MASTER TO {@code source} by GTID: the flavour's {@code gtid-position}, or {@code rejoin-position}. */
    private String changeSourceByGtid(String source, boolean rejoin) {
        return flavor.operatorStatement("change-source", Map.of("host", source, "port", 3306, "position",
                flavor.operatorStatement(rejoin ? "rejoin-position" : "gtid-position")));
    }

    /**
     * An operator's statements on {@code node}, as root on a connection of their own that is closed
     * after them; one that fails is a broken set-up, not a scenario's doing.
     */
    private void operate(String node, List<String> statements) {
        long session = openSession();
        for (String sql : statements) {
            StatementResult r = execute(node, session, Account.ROOT, sql, Long.MAX_VALUE);
            if (r instanceof StatementResult.Failed f) {
                throw new OperatorFailed(node + "> " + sql + ": " + f.error());
            }
        }
        closeSession(node, session);
    }

    /**
     * Freezes a node for {@code micros} of virtual time (SIGSTOP, then SIGCONT): its connections stay
     * open, what arrives waits in its buffers, other nodes' timers keep running.
     */
    public void pause(String node, long micros) {
        String path = "/user/mysqld-" + node;
        kernel.pause(path);
        frozen.add(node);
        network.tell(new NetworkActor.Frozen(node, true));
        kernel.trace().record(node, "mysqld", "pause", "for_us", micros);
        kernel.spawn(akka.actor.typed.javadsl.Behaviors.<String>withTimers(timers -> {
            timers.startSingleTimer("resume", VirtualDurations.toDuration(micros));
            return akka.actor.typed.javadsl.Behaviors.receiveMessage(m -> {
                kernel.trace().record(node, "mysqld", "resume");
                kernel.resume(path);
                frozen.remove(node);
                network.tell(new NetworkActor.Frozen(node, false));
                return akka.actor.typed.javadsl.Behaviors.stopped();
            });
        }), "resume-" + node + "-" + nextRequestId++);
    }

    /** Whether the node is paused now: a frozen process answers nothing until it resumes. */
    public boolean frozen(String node) {
        return frozen.contains(node);
    }

    public void slowDisk(String node, long fsyncMicros) {
        actors.get(node).tell(new MysqldActor.SlowDisk(fsyncMicros));
        kernel.runUntilQuiescent();
    }

    /**
     * The mysqld process dies (kill -9): its sockets close, its files keep what it wrote. The step lasts
     * until the peers have heard (see {@link #noticeTime}), as a real kill -9 has been noticed on
     * loopback before an operator can type the next command.
     */
    public void crash(String node) {
        actors.get(node).tell(new MysqldActor.Crash(false));
        kernel.runFor(noticeTime(node));
    }

    /**
     * How long a node's end of its connections takes to reach its peers and their first reaction to
     * come back: the FIN one way, then a reconnect's round trip, over its slowest link.
     */
    private long noticeTime(String node) {
        long slowest = 0;
        for (String other : nodes.keySet()) {
            if (!other.equals(node)) {
                LinkSpec there = model.link(node, other);
                LinkSpec back = model.link(other, node);
                slowest = Math.max(slowest, Math.max(there.latency() + there.jitter(), back.latency() + back.jitter()));
            }
        }
        return 3 * slowest;
    }

    /** The machine loses power: its peers hear nothing, and its files lose what was not fsynced. */
    public void powerOff(String node) {
        actors.get(node).tell(new MysqldActor.Crash(true));
        kernel.runUntilQuiescent();
    }

    public void start(String node) {
        actors.get(node).tell(new MysqldActor.Start());
        kernel.runUntilQuiescent();
    }

    /**
     * A clean shutdown, as SIGTERM asks for one ({@code initiatedBy} "unknown" in MariaDB's log); the
     * process goes after its shutdown sequence, in virtual time.
     */
    public void stop(String node) {
        actors.get(node).tell(new MysqldActor.Shutdown(flavor.shutdownSignalUser()));
        Mysqld server = nodes.get(node);
        kernel.runUntil(() -> server.state() != NodeState.RUNNING, kernel.now() + SHUTDOWN_LIMIT);
        kernel.runFor(noticeTime(node));
    }

    /** How long a clean shutdown may take in virtual µs before the caller goes on (mysqld has no limit). */
    private static final long SHUTDOWN_LIMIT = 600_000_000L;

    public void partition(Set<String> a, Set<String> b, boolean bothWays, NetworkModel.Cut cut) {
        network.tell(new NetworkActor.Partition(a, b, bothWays, cut));
        kernel.runUntilQuiescent();
    }

    public void heal() {
        network.tell(new NetworkActor.Heal());
        kernel.runUntilQuiescent();
    }

    /** Heals the cut from {@code a} to {@code b} (and back, if both ways); other partitions stay. */
    public void heal(String a, String b, boolean bothWays) {
        network.tell(new NetworkActor.HealLink(a, b, bothWays));
        kernel.runUntilQuiescent();
    }

    /**
     * A flapping link: cut now and every {@code every} µs, each cut healed {@code down} µs later,
     * {@code times} times, on virtual time while the caller goes on (as a link that keeps failing).
     */
    public void flap(String a, String b, boolean bothWays, NetworkModel.Cut cut, long every, long down, int times) {
        partition(Set.of(a), Set.of(b), bothWays, cut);
        kernel.spawn(akka.actor.typed.javadsl.Behaviors.<Boolean>withTimers(timers -> {
            timers.startSingleTimer(Boolean.FALSE, VirtualDurations.toDuration(down));
            int[] healed = {0};
            return akka.actor.typed.javadsl.Behaviors.receiveMessage(cutNow -> {
                if (cutNow) {
                    network.tell(new NetworkActor.Partition(Set.of(a), Set.of(b), bothWays, cut));
                    timers.startSingleTimer(Boolean.FALSE, VirtualDurations.toDuration(down));
                    return akka.actor.typed.javadsl.Behaviors.same();
                }
                network.tell(new NetworkActor.HealLink(a, b, bothWays));
                if (++healed[0] == times) {
                    return akka.actor.typed.javadsl.Behaviors.stopped();
                }
                timers.startSingleTimer(Boolean.TRUE, VirtualDurations.toDuration(every - down));
                return akka.actor.typed.javadsl.Behaviors.same();
            });
        }), "flap-" + nextRequestId++);
        kernel.runUntilQuiescent();
    }

    public void reset(String a, String b) {
        network.tell(new NetworkActor.Reset(a, b));
        kernel.runUntilQuiescent();
    }

    public void setLink(String from, String to, LinkSpec spec) {
        network.tell(new NetworkActor.SetLink(from, to, spec));
        kernel.runUntilQuiescent();
    }

    @Override
    public void close() {
        kernel.close();
    }
}
