package io.semisyncsim.real;

import io.semisyncsim.error.SqlError;
import io.semisyncsim.cluster.SemisyncHandover;
import io.semisyncsim.flavor.Flavor;
import io.semisyncsim.scenario.lang.Target;
import io.semisyncsim.scenario.lang.ValuePath;
import io.semisyncsim.server.StatementResult;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

/**
 * A scenario's target on real servers, on wall time: statements over JDBC on per-step client
 * connections, commits and workloads as real INSERTs, faults through the relays and by signals to the
 * processes, paths read by querying. Client threads (a blocked statement, a workload) report back
 * through a queue that the playing thread drains, so steps and listeners stay single-threaded.
 */
public final class RealTarget implements Target {
    private final RealCluster cluster;
    private final long start = System.nanoTime();
    private final long pollMicros;
    private final Map<Long, Client> clients = new TreeMap<>();
    private final Map<String, Connection> observers = new TreeMap<>();
    private final Map<String, Client> committers = new TreeMap<>();
    /** Nodes between their SIGSTOP and their SIGCONT (the CONT comes from a background thread). */
    private final java.util.Set<String> frozen = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final ConcurrentLinkedQueue<Runnable> callbacks = new ConcurrentLinkedQueue<>();
    private final ExecutorService background = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "semisync-sim real client");
        t.setDaemon(true);
        return t;
    });
    private long nextHandle = 1;

    /**
     * A client connection and the one thread that speaks on it (a client waits for each answer); the
     * statement it sent and has not reaped; and whether its server crashed since (it reconnects on its
     * next statement, as the mysql client does).
     */
    private static final class Client {
        final String node;
        final String user;
        Connection connection;
        final ExecutorService thread;
        Future<Reaped> sent;
        boolean lost;
        /** Why the last login failed, as the server answered it (an unknown user's 1045); null otherwise. */
        SqlError loginError;

        Client(String node, String user, Connection connection, ExecutorService thread) {
            this.node = node;
            this.user = user;
            this.connection = connection;
            this.thread = thread;
        }

        String node() {
            return node;
        }

        Connection connection() {
            return connection;
        }

        ExecutorService thread() {
            return thread;
        }
    }

    public RealTarget(RealCluster cluster) {
        this.cluster = cluster;
        this.pollMicros = cluster.settings().pollInterval().toNanos() / 1000;
    }

    /** Where the servers' data directories, option files and error logs are. */
    public java.nio.file.Path scratch() {
        return cluster.scratch();
    }

    /**
     * What each port on 127.0.0.1 stands for, as {@code node:3306} in the simulator's terms: every
     * server's own port and every relay's (named for the server at its far end).
     */
    public Map<Integer, String> portNames() {
        return cluster.portNames();
    }

    /**
     * A client's statement over its way to the server: loopback's own round trip, plus the scenario's
     * network.client_latency each way (the client thread waits it before it sends and after its answer,
     * which is what a slower way looks like from either end).
     */
    private StatementResult run(Connection jdbc, String sql) {
        pause(cluster.clientLatency());
        StatementResult r = Jdbc.run(jdbc, sql, product());
        pause(cluster.clientLatency());
        return r;
    }

    private static void pause(long micros) {
        if (micros > 0) {
            try {
                Thread.sleep(micros / 1000, (int) (micros % 1000) * 1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private String product() {
        return cluster.flavor().product();
    }

    @Override
    public long now() {
        return (System.nanoTime() - start) / 1000;
    }

    @Override
    public List<String> nodes() {
        return cluster.nodes();
    }

    // --- clients

    @Override
    public long connect(String node, String user) {
        long handle = nextHandle++;
        clients.put(handle, open(node, user));
        return handle;
    }

    /** A client connection, made at its first statement as the mysql client's session would be. */
    private Client open(String node, String user) {
        return new Client(node, user, null, Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "semisync-sim real " + node + " " + user);
            t.setDaemon(true);
            return t;
        }));
    }

    /**
     * A JDBC connection to the node as the user; null when it could not be made, {@code c.loginError}
     * then saying why as the server said it (1045 for an unknown user) or as the client would (2003).
     */
    private Connection login(Client c) {
        try {
            c.loginError = null;
            if (c.user.equals("root") || c.user.equals("app")) {
                return cluster.server(c.node).connect(c.user, "test");
            }
            // A user the scenario created starts in test too, as the simulated clients do, when it may: a
            // connect refused test would leave an "Access denied" line in the error log, USE does not.
            Connection conn = cluster.server(c.node).connect(c.user, null);
            try (Statement use = conn.createStatement()) {
                use.execute("USE test");
            } catch (SQLException e) {
                if (e.getErrorCode() != 1044) {
                    conn.close();
                    throw e;
                }
            }
            return conn;
        } catch (SQLException e) {
            c.loginError = e.getErrorCode() > 0 && e.getErrorCode() < 2000 ? Jdbc.error(e, product()) : null;
            return null;
        }
    }

    /** A connection whose server crashed, or that never got one, connects again before its next statement. */
    private void reconnect(Client c) {
        if (c.lost || c.connection == null) {
            close(c.connection);
            c.connection = login(c);
            c.lost = false;
        }
    }

    private static void close(Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // a connection the server already dropped
            }
        }
    }

    @Override
    public void disconnect(long connection) {
        Client c = clients.remove(connection);
        if (c != null) {
            close(c);
        }
    }

    private void close(Client c) {
        c.thread().shutdownNow();
        close(c.connection());
    }

    @Override
    public StatementResult execute(long connection, String sql, long deadline) {
        Client c = clients.get(connection);
        reconnect(c);
        if (c.connection() == null) {
            return c.loginError != null ? new StatementResult.Failed(c.loginError) : cannotConnect();
        }
        Connection jdbc = c.connection();
        ChangeSourceHost.Rewritten pointed = pointed(c, sql);
        StatementResult r = lostIf2013(c, await(c.thread().submit(() -> run(jdbc, pointed.sql())), deadline));
        if (pointed.source() != null && !(r instanceof StatementResult.Failed)) {
            cluster.pointedAt(c.node, pointed.source());
        }
        return r;
    }

    /** A CHANGE MASTER TO a node by its name, pointed at the relay in front of that node ({@link ChangeSourceHost}). */
    private ChangeSourceHost.Rewritten pointed(Client c, String sql) {
        return ChangeSourceHost.rewrite(sql, cluster.nodes(), node -> cluster.relay(c.node, node).port());
    }

    /** A statement that lost its connection (2013) leaves the client to connect again on its next one. */
    private static StatementResult lostIf2013(Client c, StatementResult r) {
        if (r instanceof StatementResult.Failed f && f.error().code() == 2013) {
            c.lost = true;
        }
        return r;
    }

    private StatementResult cannotConnect() {
        return new StatementResult.Failed(new SqlError(2003, "HY000", "Can't connect to "
                + (product().equals("MariaDB") ? "server" : "MySQL server") + " on '127.0.0.1' (111)"));
    }

    @Override
    public Long threadId(long connection) {
        Client c = clients.get(connection);
        if (c == null || c.connection() == null || c.lost) {
            return null;
        }
        try { // the id the server's handshake gave the connection: no statement needed
            return c.connection().unwrap(org.mariadb.jdbc.Connection.class).getThreadId();
        } catch (SQLException e) {
            return null;
        }
    }

    @Override
    public void send(long connection, String sql) {
        Client c = clients.get(connection);
        reconnect(c);
        Connection jdbc = c.connection();
        String pointedSql = pointed(c, sql).sql(); // its source is not followed: see execute
        c.sent = jdbc == null ? java.util.concurrent.CompletableFuture.completedFuture(new Reaped(c.loginError != null
                ? new StatementResult.Failed(c.loginError) : cannotConnect(), now()))
                : c.thread().submit(() -> {
                    StatementResult r = run(jdbc, pointedSql);
                    return new Reaped(r, now()); // timed on the client's thread, as it had the answer
                });
    }

    @Override
    public Reaped reap(long connection, long deadline) {
        Client c = clients.get(connection);
        Future<Reaped> sent = c.sent;
        c.sent = null;
        Reaped r = sent == null ? null : await(sent, deadline);
        if (r != null) {
            lostIf2013(c, r.result());
        }
        return r;
    }

    /** Waits for a client thread's answer until {@code deadline}, draining reports meanwhile; null if none came. */
    private <T> T await(Future<T> answer, long deadline) {
        while (true) {
            drain();
            try {
                return answer.get(Math.max(1, Math.min(20_000, deadline - now())), TimeUnit.MICROSECONDS);
            } catch (TimeoutException e) {
                if (now() >= deadline) {
                    return null;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            } catch (java.util.concurrent.ExecutionException e) {
                throw new IllegalStateException(e.getCause());
            }
        }
    }

    /**
     * One INSERT on the node's committing connection; whether a replica acknowledged it is read from the
     * source's yes_tx counter around it (nothing else commits meanwhile on a commit step).
     */
    @Override
    public Commit insert(String node, String table, long key, long deadline) {
        Client c = committers.computeIfAbsent(node, n -> open(n, "root"));
        reconnect(c);
        if (c.connection() == null) {
            committers.remove(node);
            return new Commit(false, false, 0);
        }
        long yesBefore = yesTx(node);
        long[] latency = new long[1]; // timed on the client's thread, around the INSERT alone
        StatementResult r = await(c.thread().submit(() -> {
            long sent = now();
            StatementResult answer = run(c.connection(),
                    "INSERT INTO test.`" + table + "` VALUES (" + key + ", 'row-" + key + "')");
            latency[0] = now() - sent;
            return answer;
        }), deadline);
        if (r == null) {
            return null;
        }
        if (r instanceof StatementResult.Failed f) {
            if (f.error().code() < 2000 || f.error().code() >= 3000) { // the server refused it (a duplicate key)
                return new Commit(false, false, f.error(), latency[0]);
            }
            committers.remove(node);
            close(c);
            return new Commit(false, false, latency[0]);
        }
        return new Commit(true, yesTx(node) > yesBefore, latency[0]);
    }

    private long yesTx(String node) {
        for (String name : List.of("Rpl_semi_sync_source_yes_tx", "Rpl_semi_sync_master_yes_tx")) {
            String v = status(node, name);
            if (v != null) {
                return Long.parseLong(v);
            }
        }
        return 0;
    }

    @Override
    public WorkloadRun workload(String node, WorkloadSpec spec, CommitSink sink) {
        AtomicLong issued = new AtomicLong();
        AtomicLong answered = new AtomicLong();
        AtomicLong running = new AtomicLong(spec.clients());
        long begin = now();
        long intervalMicros = spec.ratePerSecond() > 0 ? (long) (spec.clients() * 1e6 / spec.ratePerSecond()) : 0;
        for (int i = 0; i < spec.clients(); i++) {
            long offset = intervalMicros * i / Math.max(1, spec.clients());
            background.submit(() -> {
                try (Connection c = cluster.server(node).connect("root", "test")) {
                    long next = begin + offset;
                    while (true) {
                        if (spec.duration() > 0 && now() - begin >= spec.duration()) {
                            break;
                        }
                        long n = issued.incrementAndGet();
                        if (spec.transactions() > 0 && n > spec.transactions()) {
                            issued.decrementAndGet();
                            break;
                        }
                        long key = spec.keyBase() + n;
                        long t0 = now();
                        StatementResult r = run(c, "INSERT INTO test.`" + spec.table() + "` VALUES (" + key
                                + ", 'row-" + key + "')");
                        long latency = now() - t0;
                        answered.incrementAndGet();
                        if (!(r instanceof StatementResult.Failed)) {
                            callbacks.add(() -> sink.committed(key, latency, null));
                        }
                        if (intervalMicros > 0) {
                            next += intervalMicros;
                            long wait = next - now();
                            if (wait > 0) {
                                TimeUnit.MICROSECONDS.sleep(wait);
                            }
                        }
                    }
                } catch (SQLException | InterruptedException e) {
                    // the node went away: this client stops, as an application's would
                } finally {
                    running.decrementAndGet();
                }
                return null;
            });
        }
        return new WorkloadRun() {
            @Override
            public long issued() {
                return issued.get();
            }

            @Override
            public long answered() {
                return answered.get();
            }

            @Override
            public boolean finished() {
                return running.get() == 0 && answered.get() == issued.get();
            }
        };
    }

    private void drain() {
        for (Runnable r; (r = callbacks.poll()) != null; ) {
            r.run();
        }
    }

    // --- time

    @Override
    public void runFor(long micros) {
        long until = now() + micros;
        for (long left; (left = until - now()) > 0; ) {
            drain();
            sleepMicros(Math.min(left, 20_000));
        }
        drain();
    }

    @Override
    public boolean runUntil(BooleanSupplier condition, long deadline) {
        while (true) {
            drain();
            if (condition.getAsBoolean()) {
                return true;
            }
            if (now() >= deadline) {
                return false;
            }
            sleepMicros(Math.min(pollMicros, deadline - now()));
        }
    }

    @Override
    public void settle() {
        drain();
    }

    private static void sleepMicros(long micros) {
        if (micros <= 0) {
            return;
        }
        try {
            TimeUnit.MICROSECONDS.sleep(micros);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // --- faults

    @Override
    public void partition(String a, String b, boolean bothWays, boolean drop) {
        Links.Cut cut = drop ? Links.Cut.DROP : Links.Cut.HOLD;
        cluster.links().cut(a, b, cut);
        if (bothWays) {
            cluster.links().cut(b, a, cut);
        }
    }

    @Override
    public void heal() {
        cluster.links().healAll();
    }

    @Override
    public void heal(String a, String b, boolean bothWays) {
        cluster.links().heal(a, b);
        if (bothWays) {
            cluster.links().heal(b, a);
        }
    }

    /** A thread of the target's own cuts and heals the link on wall time while the next steps run. */
    @Override
    public void flap(String a, String b, boolean bothWays, boolean drop, long every, long down, int times) {
        partition(a, b, bothWays, drop);
        background.submit(() -> {
            long start = now();
            for (int i = 0; i < times; i++) {
                if (i > 0) {
                    sleepMicros(start + i * every - now());
                    partition(a, b, bothWays, drop);
                }
                sleepMicros(start + i * every + down - now());
                heal(a, b, bothWays);
            }
            return null;
        });
    }

    @Override
    public void reset(String a, String b) {
        cluster.relaysBetween(a, b).forEach(Relay::reset);
    }

    @Override
    public void latency(String a, String b, long latencyMicros, long jitterMicros) {
        cluster.links().setLatency(a, b, latencyMicros, jitterMicros);
        cluster.links().setLatency(b, a, latencyMicros, jitterMicros);
    }

    @Override
    public void crash(String node) {
        cluster.serverDown(node); // first: a replica's reconnect after the kill is refused, as by the dead server
        cluster.server(node).kill();
        forgetConnections(node);
        for (Client c : clients.values()) {
            if (c.node.equals(node)) {
                c.lost = true; // its socket died with the server: the next statement connects again
            }
        }
    }

    @Override
    public void stop(String node) {
        cluster.serverDown(node); // a server shutting down stops listening first (break_connect_loop)
        cluster.server(node).stop(java.time.Duration.ofSeconds(600));
        forgetConnections(node);
        for (Client c : clients.values()) {
            if (c.node.equals(node)) {
                c.lost = true; // the server closed it on its way out
            }
        }
    }

    @Override
    public void powerOff(String node) {
        throw new IllegalStateException("power-off cannot be played on real servers"); // refused before the run
    }

    private void forgetConnections(String node) {
        Connection o = observers.remove(node);
        if (o != null) {
            try {
                o.close();
            } catch (SQLException ignored) {
                // dead already
            }
        }
        Client c = committers.remove(node);
        if (c != null) {
            close(c);
        }
    }

    @Override
    public String restart(String node) {
        try {
            cluster.server(node).start(cluster.settings().startupTimeout());
            cluster.serverUp(node);
            return "RUNNING";
        } catch (RealServerException e) {
            return "FAILED_TO_START";
        }
    }

    @Override
    public void pause(String node, long micros) {
        ServerProcess p = cluster.server(node);
        frozen.add(node);
        p.signal("STOP");
        background.submit(() -> {
            sleepMicros(micros);
            p.signal("CONT");
            frozen.remove(node);
        });
    }

    @Override
    public boolean frozen(String node) {
        return frozen.contains(node);
    }

    @Override
    public void slowDisk(String node, long fsyncMicros) {
        throw new IllegalStateException("slow-disk cannot be played on real servers"); // refused before the run
    }

    // --- failover

    /**
     * As an operator does it: wait until the replica has applied what it received, STOP SLAVE and RESET
     * SLAVE ALL on it, then CHANGE MASTER TO it (at its binary log's end) on every other replica.
     */
    @Override
    public void promote(String replica, long applyBudget, boolean semisync) {
        long deadline = now() + Math.min(applyBudget, 60_000_000L);
        runUntil(() -> applied(replica), deadline);
        Flavor flavor = cluster.flavor();
        RealSettings s = cluster.settings();
        run(replica, s.statement(flavor, "stop-replica"), s.statement(flavor, "reset-replica-all"));
        cluster.forgetSource(replica);
        if (semisync) {
            run(replica, SemisyncHandover.onPromoted(replica, name -> hasVariable(replica, name)).toArray(new String[0]));
        }
        List<String> end = row(replica, s.statement(flavor, "binary-log-status"));
        for (String other : cluster.nodes()) {
            if (!other.equals(replica) && cluster.sourceOf(other) != null && end.size() >= 2) {
                boolean byGtid = positionsByGtid(other); // kept as the replica was pointed before
                run(other, s.statement(flavor, "stop-replica"));
                if (semisync) {
                    run(other, SemisyncHandover.onFollower(other, name -> hasVariable(other, name)).toArray(new String[0]));
                }
                if (byGtid) {
                    cluster.pointAtByGtid(other, replica, "gtid-position");
                } else {
                    cluster.pointAt(other, replica, end.get(0), Long.parseLong(end.get(1)), true);
                }
            }
        }
    }

    private boolean hasVariable(String node, String name) {
        return single(node, "SHOW GLOBAL VARIABLES WHERE Variable_name = ?", name, 1) != null;
    }

    /** Whether a replica positions by GTID now: Auto_Position 1 (MySQL), Using_Gtid not No (MariaDB). */
    private boolean positionsByGtid(String replica) {
        Map<String, String> st = cluster.replicaStatus(replica);
        return "1".equals(st.get("Auto_Position")) || st.containsKey("Using_Gtid") && !"No".equals(st.get("Using_Gtid"));
    }

    /** An old source becomes a replica of {@code source}: by GTID when it has GTIDs, else from the source's end. */
    @Override
    public void rejoin(String node, String source) {
        Flavor flavor = cluster.flavor();
        RealSettings s = cluster.settings();
        boolean byGtid = flavor.gtidKind().equals("mariadb")
                || !"OFF".equals(single(node, "SHOW GLOBAL VARIABLES WHERE Variable_name = ?", "gtid_mode", 2));
        if (cluster.sourceOf(node) != null) {
            run(node, s.statement(flavor, "stop-replica"));
        }
        if (byGtid) {
            cluster.pointAtByGtid(node, source, "rejoin-position");
        } else {
            List<String> end = row(source, s.statement(flavor, "binary-log-status"));
            cluster.pointAt(node, source, end.get(0), Long.parseLong(end.get(1)), true);
        }
    }

    private boolean applied(String replica) {
        Map<String, String> st = cluster.replicaStatus(replica);
        String read = first(st, "Read_Master_Log_Pos", "Read_Source_Log_Pos");
        String exec = first(st, "Exec_Master_Log_Pos", "Exec_Source_Log_Pos");
        return st.isEmpty() || read != null && read.equals(exec);
    }

    private static String first(Map<String, String> m, String... keys) {
        for (String k : keys) {
            if (m.containsKey(k)) {
                return m.get(k);
            }
        }
        return null;
    }

    @Override
    public String sourceOf(String node) {
        return cluster.sourceOf(node);
    }

    /** The table's keys on a node; null when the node is down (its data cannot be read). */
    @Override
    public SortedSet<Long> committedKeys(String node, String table) {
        Connection c = observer(node);
        if (c == null) {
            return null;
        }
        SortedSet<Long> keys = new TreeSet<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT id FROM test.`" + table + "`")) {
            while (rs.next()) {
                keys.add(rs.getLong(1));
            }
        } catch (SQLException e) {
            return null;
        }
        return keys;
    }

    // --- reading

    @Override
    public String read(ValuePath path) {
        return switch (path.kind()) {
            case STATUS -> status(path.node(), path.name());
            case VARIABLES -> single(path.node(), "SHOW GLOBAL VARIABLES WHERE Variable_name = ?", path.name(), 2);
            case PLUGINS -> single(path.node(), "SELECT PLUGIN_STATUS FROM information_schema.PLUGINS WHERE PLUGIN_NAME = ?",
                    path.name(), 1);
            case REPLICA_STATUS -> replicaStatus(path.node(), path.name());
            case LOG -> cluster.server(path.node()).running() || !cluster.server(path.node()).errorLogLines().isEmpty()
                    ? String.join("\n", cluster.server(path.node()).errorLogLines()) : null;
            case ROWS -> rows(path.node());
            case GTID -> gtid(path.node(), path.name());
            case COMMITS, LOST -> throw new IllegalArgumentException(path + " is kept by the play, not the cluster");
        };
    }

    private String variable(String node, String name) {
        return single(node, "SHOW GLOBAL VARIABLES WHERE Variable_name = ?", name, 2);
    }

    /**
     * {@code NODE.gtid.*} read from what the server shows: gtid_executed / gtid_purged (MySQL);
     * gtid_current_pos and the oldest binary log's Gtid_list (MariaDB); errant from both servers' texts
     * ({@link io.semisyncsim.gtid.Errant}, as the simulator computes it).
     */
    private String gtid(String node, String name) {
        boolean mariadb = cluster.flavor().gtidKind().equals("mariadb");
        switch (name) {
            case "executed" -> {
                return variable(node, mariadb ? "gtid_current_pos" : "gtid_executed");
            }
            case "purged" -> {
                return mariadb ? oldestGtidList(node) : variable(node, "gtid_purged");
            }
            default -> {
                String source = cluster.sourceOf(node);
                if (source == null || observer(source) == null || observer(node) == null) {
                    return null;
                }
                if (!mariadb) {
                    return io.semisyncsim.gtid.Errant.mysql(variable(node, "gtid_executed"),
                            variable(source, "gtid_executed"));
                }
                return String.join(",", io.semisyncsim.gtid.Errant.mariadb(variable(node, "gtid_binlog_state"),
                        variable(node, "gtid_slave_pos"), variable(source, "gtid_binlog_state"),
                        variable(source, "gtid_slave_pos")));
            }
        }
    }

    /** The Gtid_list event of the oldest binary log file (SHOW BINLOG EVENTS shows it as {@code [0-1-2]}). */
    private String oldestGtidList(String node) {
        Connection c = observer(node);
        if (c == null) {
            return null;
        }
        try (Statement st = c.createStatement(); ResultSet logs = st.executeQuery("SHOW BINARY LOGS")) {
            if (!logs.next()) {
                return "";
            }
            String first = logs.getString(1);
            try (Statement ev = c.createStatement();
                 ResultSet rs = ev.executeQuery("SHOW BINLOG EVENTS IN '" + first + "' LIMIT 1, 1")) {
                String info = rs.next() ? rs.getString("Info") : "[]";
                return info.replace("[", "").replace("]", "");
            }
        } catch (SQLException e) {
            dropObserver(node);
            return null;
        }
    }

    @Override
    public java.util.SortedMap<String, String> statusVariables(String node, String prefix) {
        return pairs(node, "SHOW GLOBAL STATUS LIKE ?", likePrefix(prefix));
    }

    @Override
    public java.util.SortedMap<String, String> systemVariables(String node, String prefix) {
        return pairs(node, "SHOW GLOBAL VARIABLES LIKE ?", likePrefix(prefix));
    }

    private static String likePrefix(String prefix) {
        return prefix.replace("\\", "\\\\").replace("_", "\\_").replace("%", "\\%") + "%";
    }

    @Override
    public String binaryLogPosition(String node) {
        Connection c = observer(node);
        if (c == null) {
            return null;
        }
        if (cluster.settings().binlogEndFromFiles(cluster.flavor())) {
            // MariaDB's SHOW MASTER STATUS waits for LOCK_log, which a group commit leader holds for as long as
            // an earlier commit waits for an ACK (GroupCommit.LogLock): the observer would wait with it.
            return cluster.server(node).binlogEndOnDisk();
        }
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(cluster.settings()
                .statement(cluster.flavor(), "binary-log-status"))) {
            return rs.next() ? rs.getString(1) + ":" + rs.getString(2) : null;
        } catch (SQLException e) {
            dropObserver(node);
            return null;
        }
    }

    @Override
    public Map<String, String> replicaStatus(String node) {
        List<String> names = new ArrayList<>();
        Map<String, String> out = new LinkedHashMap<>();
        Connection c = observer(node);
        if (c == null) {
            return out;
        }
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(cluster.settings()
                .statement(cluster.flavor(), "replica-status"))) {
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                names.add(rs.getMetaData().getColumnLabel(i));
            }
            if (rs.next()) {
                for (int i = 0; i < names.size(); i++) {
                    out.put(names.get(i), rs.getString(i + 1) == null ? "NULL" : rs.getString(i + 1));
                }
            }
        } catch (SQLException e) {
            dropObserver(node);
        }
        inNodeTerms(out);
        return out;
    }

    /**
     * The source as the scenario names it: the replica connects to a relay on 127.0.0.1, whose port says
     * which node is behind it (Master_Host 127.0.0.1, Master_Port 40123 → replica1, 3306).
     */
    private void inNodeTerms(Map<String, String> row) {
        for (String[] names : new String[][] {{"Master_Host", "Master_Port"}, {"Source_Host", "Source_Port"}}) {
            String port = row.get(names[1]);
            if ("127.0.0.1".equals(row.get(names[0])) && port != null && port.matches("\\d+")) {
                String node = cluster.portNames().get(Integer.parseInt(port));
                if (node != null) {
                    row.put(names[0], node.substring(0, node.indexOf(':')));
                    row.put(names[1], "3306");
                }
            }
        }
    }

    @Override
    public List<String> errorLog(String node) {
        return cluster.server(node).errorLogLines();
    }

    private String replicaStatus(String node, String field) {
        Map<String, String> row = replicaStatus(node);
        for (String name : List.of(field, field.replace("Slave", "Replica").replace("Master", "Source"),
                field.replace("Replica", "Slave").replace("Source", "Master"))) {
            for (Map.Entry<String, String> e : row.entrySet()) {
                if (e.getKey().equalsIgnoreCase(name)) {
                    return e.getValue();
                }
            }
        }
        return null;
    }

    private String status(String node, String name) {
        return single(node, "SHOW GLOBAL STATUS WHERE Variable_name = ?", name, 2);
    }

    private String rows(String node) {
        Connection c = observer(node);
        if (c == null) {
            return null;
        }
        long total = 0;
        // The rows of every table of every database the scenario can have made, as the simulator counts them.
        try (Statement st = c.createStatement(); ResultSet tables = st.executeQuery(
                "SELECT TABLE_SCHEMA, TABLE_NAME FROM information_schema.TABLES WHERE TABLE_TYPE = 'BASE TABLE'"
                        + " AND TABLE_SCHEMA NOT IN ('mysql', 'information_schema', 'performance_schema', 'sys')"
                        + " ORDER BY TABLE_SCHEMA, TABLE_NAME")) {
            List<String> names = new ArrayList<>();
            while (tables.next()) {
                names.add("`" + tables.getString(1) + "`.`" + tables.getString(2) + "`");
            }
            for (String t : names) {
                try (Statement count = c.createStatement();
                     ResultSet rs = count.executeQuery("SELECT COUNT(*) FROM " + t)) {
                    rs.next();
                    total += rs.getLong(1);
                }
            }
        } catch (SQLException e) {
            dropObserver(node);
            return null;
        }
        return Long.toString(total);
    }

    private String single(String node, String sql, String arg, int column) {
        Connection c = observer(node);
        if (c == null) {
            return null;
        }
        try (PreparedStatement st = c.prepareStatement(sql)) {
            st.setString(1, arg);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? rs.getString(column) : null;
            }
        } catch (SQLException e) {
            dropObserver(node);
            return null;
        }
    }

    private java.util.SortedMap<String, String> pairs(String node, String sql, String like) {
        java.util.SortedMap<String, String> out = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        Connection c = observer(node);
        if (c == null) {
            return out;
        }
        try (PreparedStatement st = c.prepareStatement(sql)) {
            st.setString(1, like);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), rs.getString(2));
                }
            }
        } catch (SQLException e) {
            dropObserver(node);
        }
        return out;
    }

    /** The harness's own root connection to a node, for reading; null when the node is down. */
    private Connection observer(String node) {
        Connection c = observers.get(node);
        if (c != null) {
            return c;
        }
        if (!cluster.server(node).running()) {
            return null;
        }
        try {
            c = cluster.server(node).connect("root", null);
            observers.put(node, c);
            return c;
        } catch (SQLException e) {
            return null;
        }
    }

    private void dropObserver(String node) {
        Connection c = observers.remove(node);
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // already gone
            }
        }
    }

    /** Runs harness statements on a node as root; a failure is the harness's, not the scenario's. */
    private void run(String node, String... statements) {
        try (Connection c = cluster.server(node).connect("root", null); Statement st = c.createStatement()) {
            for (String sql : statements) {
                st.execute(sql);
            }
        } catch (SQLException e) {
            throw new RealServerException(RealServerException.FAILED, node + ": " + String.join("; ", statements)
                    + " failed: " + e.getMessage());
        }
    }

    private List<String> row(String node, String sql) {
        List<String> out = new ArrayList<>();
        try (Connection c = cluster.server(node).connect("root", null); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery(sql)) {
            if (rs.next()) {
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                    out.add(rs.getString(i));
                }
            }
        } catch (SQLException e) {
            throw new RealServerException(RealServerException.FAILED, node + ": " + sql + " failed: " + e.getMessage());
        }
        return out;
    }

    @Override
    public void close() {
        clients.values().forEach(this::close);
        committers.values().forEach(this::close);
        observers.keySet().stream().toList().forEach(this::dropObserver);
        background.shutdownNow();
        cluster.close();
    }
}
