package io.semisyncsim.scenario;

import io.semisyncsim.cluster.Cluster;
import io.semisyncsim.cluster.MysqldActor;
import io.semisyncsim.cluster.Workload;
import io.semisyncsim.net.LinkSpec;
import io.semisyncsim.net.NetworkModel;
import io.semisyncsim.scenario.lang.Target;
import io.semisyncsim.scenario.lang.ValuePath;
import io.semisyncsim.server.Account;
import io.semisyncsim.server.Mysqld;
import io.semisyncsim.server.ReplicaStatus;
import io.semisyncsim.server.StatementResult;
import io.semisyncsim.server.SystemVariables;
import io.semisyncsim.sysvar.SysVarDef;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;

/** A scenario's target on the simulator: a {@link Cluster} on virtual time, driven by the playing thread. */
public final class SimTarget implements Target {
    private final Cluster cluster;
    /** Open client connections: handle -> (node, account, the cluster's session id). */
    private final Map<Long, Connection> connections = new TreeMap<>();
    /** Statements sent and not yet reaped: handle -> the cluster's request id. */
    private final Map<Long, Long> sent = new TreeMap<>();
    /** Answers that came (or were lost with a crash) before their reap: handle -> answer. */
    private final Map<Long, Reaped> answered = new TreeMap<>();
    private long nextConnection = 1;

    private record Connection(String node, Account account, long session) {
    }

    public SimTarget(Cluster cluster) {
        this.cluster = cluster;
    }

    /**
     * {@code hook} is told (node, statement) as each statement a client sends reaches its server, before
     * it runs (the invariants follow FLUSH STATUS and RESET MASTER).
     */
    public void beforeStatement(java.util.function.BiConsumer<String, String> hook) {
        cluster.onStatementArrival(hook);
    }

    public Cluster cluster() {
        return cluster;
    }

    @Override
    public long now() {
        return cluster.kernel().now();
    }

    @Override
    public List<String> nodes() {
        return cluster.nodeNames();
    }

    @Override
    public long connect(String node, String user) {
        long handle = nextConnection++;
        connections.put(handle, new Connection(node, Account.named(user), cluster.openSession()));
        return handle;
    }

    @Override
    public void disconnect(long connection) {
        Connection c = connections.remove(connection);
        if (c != null) {
            cluster.closeSession(c.node(), c.session());
        }
    }

    @Override
    public StatementResult execute(long connection, String sql, long deadline) {
        Connection c = connections.get(connection);
        return cluster.execute(c.node(), c.session(), c.account(), sql, deadline);
    }

    /** The connection commit steps insert on, one per node, kept as a client keeps its connection. */
    private final Map<String, Long> committers = new TreeMap<>();

    @Override
    public Long threadId(long connection) {
        Connection c = connections.get(connection);
        return c == null ? null : cluster.node(c.node()).sessionThreads().get(c.session());
    }

    @Override
    public void send(long connection, String sql) {
        Connection c = connections.get(connection);
        sent.put(connection, cluster.send(c.node(), c.session(), c.account(), sql));
        cluster.kernel().runUntilQuiescent(); // it reaches the server now, and runs until it waits
    }

    @Override
    public Reaped reap(long connection, long deadline) {
        Long id = sent.remove(connection);
        Reaped early = answered.remove(connection);
        if (early != null || id == null) {
            return early;
        }
        Cluster.Answer[] answer = {null};
        cluster.kernel().runUntil(() -> (answer[0] = cluster.poll(id)) != null, deadline);
        return answer[0] == null ? null : new Reaped(answer[0].result(), answer[0].at());
    }

    /** An INSERT whose key the table already holds is refused by the server with 1062 (ER_DUP_ENTRY). */
    @Override
    public Commit insert(String node, String table, long key, long deadline) {
        long session = committers.computeIfAbsent(node, n -> cluster.openSession());
        long sent = now();
        MysqldActor.Committed c = cluster.insert(node, session, table, key, deadline);
        if (c != null && !c.ok() && (c.error() == null || c.error().code() == 2013)) {
            committers.remove(node); // a lost connection: the next commit connects anew
        }
        return c == null ? null : new Commit(c.ok(), c.semisync(), c.error(), now() - sent);
    }

    @Override
    public WorkloadRun workload(String node, WorkloadSpec spec, CommitSink sink) {
        Workload.Progress progress = cluster.workload(node, new Workload.Spec(spec.clients(), spec.transactions(),
                spec.duration(), spec.ratePerSecond(), spec.table(), spec.keyBase()), new Workload.Sink() {
                    @Override
                    public void committed(long key, long latencyMicros, boolean semisync) {
                        sink.committed(key, latencyMicros, semisync);
                    }

                    @Override
                    public void failed() {
                    }
                });
        return new WorkloadRun() {
            @Override
            public long issued() {
                return progress.issued();
            }

            @Override
            public long answered() {
                return progress.answered();
            }

            @Override
            public boolean finished() {
                return progress.finished();
            }
        };
    }

    @Override
    public void runFor(long micros) {
        cluster.kernel().runFor(micros);
    }

    @Override
    public boolean runUntil(BooleanSupplier condition, long deadline) {
        return cluster.kernel().runUntil(condition, deadline);
    }

    @Override
    public void settle() {
        cluster.kernel().runUntilQuiescent();
    }

    @Override
    public void partition(String a, String b, boolean bothWays, boolean drop) {
        cluster.partition(Set.of(a), Set.of(b), bothWays, drop ? NetworkModel.Cut.DROP : NetworkModel.Cut.HOLD);
    }

    @Override
    public void heal() {
        cluster.heal();
    }

    @Override
    public void heal(String a, String b, boolean bothWays) {
        cluster.heal(a, b, bothWays);
    }

    @Override
    public void flap(String a, String b, boolean bothWays, boolean drop, long every, long down, int times) {
        cluster.flap(a, b, bothWays, drop ? NetworkModel.Cut.DROP : NetworkModel.Cut.HOLD, every, down, times);
    }

    @Override
    public void reset(String a, String b) {
        cluster.reset(a, b);
    }

    @Override
    public void latency(String a, String b, long latencyMicros, long jitterMicros) {
        LinkSpec link = new LinkSpec(latencyMicros, jitterMicros);
        cluster.setLink(a, b, link);
        cluster.setLink(b, a, link);
    }

    /**
     * The process dies: a statement sent to it and still unanswered is lost with it, and its client says
     * so (error 2013, CR_SERVER_LOST, in the client's own words).
     */
    @Override
    public void crash(String node) {
        cluster.crash(node);
        lostWithServer(node);
    }

    @Override
    public void stop(String node) {
        cluster.stop(node);
        lostWithServer(node);
    }

    @Override
    public void powerOff(String node) {
        cluster.powerOff(node);
        lostWithServer(node);
    }

    /** Statements sent to a server that went down get their answer, or the client's 2013. */
    private void lostWithServer(String node) {
        committers.remove(node); // the commit steps' connection went with it
        for (Map.Entry<Long, Long> s : new TreeMap<>(sent).entrySet()) {
            if (!connections.get(s.getKey()).node().equals(node)) {
                continue;
            }
            Cluster.Answer r = cluster.poll(s.getValue());
            sent.remove(s.getKey());
            answered.put(s.getKey(), r != null ? new Reaped(r.result(), r.at())
                    : new Reaped(new StatementResult.Failed(new io.semisyncsim.error.SqlError(2013, "HY000",
                    "Lost connection to " + (cluster.flavor().product().equals("MariaDB") ? "server"
                    : "MySQL server") + " during query")), now()));
        }
    }

    @Override
    public String restart(String node) {
        cluster.start(node);
        return cluster.node(node).state().toString();
    }

    @Override
    public void pause(String node, long micros) {
        cluster.pause(node, micros);
    }

    @Override
    public boolean frozen(String node) {
        return cluster.frozen(node);
    }

    @Override
    public void slowDisk(String node, long fsyncMicros) {
        cluster.slowDisk(node, fsyncMicros);
    }

    @Override
    public void promote(String replica, long applyBudget, boolean semisync) {
        cluster.promote(replica, applyBudget, semisync);
    }

    @Override
    public void rejoin(String node, String source) {
        cluster.rejoin(node, source);
    }

    @Override
    public String sourceOf(String node) {
        return cluster.node(node).channel().sourceHost();
    }

    /**
     * MySQL with GTIDs: the old source's transactions (in its binary log) whose GTID the new source has not
     * executed, counted once each: acknowledged when one of its rows is one a client was told of,
     * visible when the old source executed it (its engine committed it).
     */
    @Override
    public long[] lostByGtid(String oldSource, String newSource, Map<String, SortedSet<Long>> acknowledged) {
        Mysqld old = cluster.node(oldSource);
        Mysqld now = cluster.node(newSource);
        if (old == null || now == null || old.flavor().gtidKind().equals("mariadb")) {
            return null;
        }
        io.semisyncsim.gtid.GtidSet oldExecuted = io.semisyncsim.gtid.GtidSet.parse(old.gtids().executed());
        io.semisyncsim.gtid.GtidSet newExecuted = io.semisyncsim.gtid.GtidSet.parse(now.gtids().executed());
        long[] lost = {0, 0};
        boolean any = false;
        for (io.semisyncsim.binlog.Transaction t : old.binlog().transactions()) {
            if (!(t.gtid() instanceof io.semisyncsim.gtid.Gtid.Uuid g) || !g.sid().equals(old.uuid())) {
                continue; // anonymous, or replicated from elsewhere
            }
            any = true;
            if (newExecuted.contains(g)) {
                continue;
            }
            boolean told = false;
            for (io.semisyncsim.binlog.Transaction.RowChange c : t.changes()) {
                told |= c.changesRow() && acknowledged.getOrDefault(c.table(), new java.util.TreeSet<>()).contains(c.key());
            }
            lost[0] += told ? 1 : 0;
            lost[1] += oldExecuted.contains(g) ? 1 : 0;
        }
        return any ? lost : null;
    }

    @Override
    public List<String> gtidsLacking(String oldSource, String newSource) {
        return cluster.node(oldSource).gtids().missingOn(cluster.node(newSource).gtids());
    }

    @Override
    public SortedSet<Long> committedKeys(String node, String table) {
        return cluster.node(node).store().keys(table);
    }

    @Override
    public String read(ValuePath path) {
        Mysqld node = cluster.node(path.node());
        if (path.kind() != ValuePath.Kind.LOG && node.state() != io.semisyncsim.server.NodeState.RUNNING) {
            return null; // a server that is down cannot be asked; its error log can still be read
        }
        return switch (path.kind()) {
            case STATUS -> node.status().get(path.name());
            case VARIABLES -> {
                SystemVariables vars = node.variables();
                SysVarDef def = vars == null ? null : vars.find(path.name());
                yield def == null ? null : vars.get(def.name());
            }
            case PLUGINS -> node.pluginStatus(path.name());
            case LOG -> String.join("\n", node.errorLog().lines());
            case ROWS -> Long.toString(node.store().rowCount());
            case REPLICA_STATUS -> replicaStatus(node, path.name());
            case GTID -> gtid(node, path.name());
            case COMMITS, LOST -> throw new IllegalArgumentException(path + " is kept by the play, not the cluster");
        };
    }

    /** {@code NODE.gtid.executed|purged|errant}; errant is absent when the node replicates from nobody or its source is down. */
    private String gtid(Mysqld node, String name) {
        return switch (name) {
            case "executed" -> node.gtids().executed();
            case "purged" -> node.gtids().purged();
            default -> {
                String source = node.channel().sourceHost();
                Mysqld s = source == null ? null : cluster.node(source);
                yield s == null || s.state() != io.semisyncsim.server.NodeState.RUNNING ? null
                        : node.gtids().errantAgainst(s.gtids());
            }
        };
    }

    /** A SHOW SLAVE STATUS field by its old or new name; absent when the node is not a replica. */
    private static String replicaStatus(Mysqld node, String field) {
        if (!node.channel().isConfigured()) {
            return null;
        }
        return ReplicaStatus.field(node.channel(), node.name(), node.flavor(), node.now(), field);
    }

    @Override
    public java.util.SortedMap<String, String> statusVariables(String node, String prefix) {
        java.util.SortedMap<String, String> out = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        cluster.node(node).status().forEach((k, v) -> {
            if (k.regionMatches(true, 0, prefix, 0, prefix.length())) {
                out.put(k, v);
            }
        });
        return out;
    }

    @Override
    public java.util.SortedMap<String, String> systemVariables(String node, String prefix) {
        java.util.SortedMap<String, String> out = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        SystemVariables vars = cluster.node(node).variables();
        if (vars != null) {
            for (Map.Entry<String, String> e : vars.all()) {
                if (e.getKey().regionMatches(true, 0, prefix, 0, prefix.length())) {
                    out.put(e.getKey(), e.getValue());
                }
            }
        }
        return out;
    }

    @Override
    public Map<String, String> replicaStatus(String node) {
        Mysqld n = cluster.node(node);
        if (n.variables() == null || !n.channel().isConfigured()) {
            return new java.util.LinkedHashMap<>();
        }
        return ReplicaStatus.byColumn(n.channel(), n.name(), n.flavor(), n.now());
    }

    @Override
    public String binaryLogPosition(String node) {
        Mysqld n = cluster.node(node);
        if (n.variables() == null) {
            return null;
        }
        var end = n.binlog().writtenEnd();
        return end.file() + ":" + end.pos();
    }

    @Override
    public List<String> errorLog(String node) {
        return cluster.node(node).errorLog().lines();
    }

    @Override
    public void close() {
        cluster.close();
    }
}
