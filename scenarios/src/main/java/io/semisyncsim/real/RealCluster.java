package io.semisyncsim.real;

import io.semisyncsim.flavor.Flavor;
import io.semisyncsim.scenario.lang.Scenario;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A scenario's topology on real servers: one process per node, each with its own scratch data
 * directory, socket and free port on 127.0.0.1, initialised with the server's own tool; the scenario's
 * {@code config:} as each node's option file; the {@code app} and {@code repl} users; the implicit
 * tables; and every replica replicating from the source through a {@link Relay}, positionally from the
 * source's first binary log, as the simulator's time zero has it. Every process is stopped by its PID
 * when the cluster closes, fails or the JVM is interrupted; the scratch directory goes too unless kept.
 */
public final class RealCluster implements AutoCloseable {
    private final Scenario scenario;
    private final Flavor flavor;
    private final ServerBinary binary;
    private final RealSettings settings;
    private final Path scratch;
    private final boolean keep;
    private final Links links;
    private final Map<String, ServerProcess> servers = new LinkedHashMap<>();
    /** Relays by "client->server". */
    private final Map<String, Relay> relays = new TreeMap<>();
    /** Which node each replica replicates from now. */
    private final Map<String, String> sourceOf = new TreeMap<>();
    private final Thread shutdownHook = new Thread(this::close, "semisync-sim real: stop servers");
    private boolean closed;

    private RealCluster(Scenario scenario, Flavor flavor, ServerBinary binary, RealSettings settings, boolean keep)
            throws IOException {
        this.scenario = scenario;
        this.flavor = flavor;
        this.binary = binary;
        this.settings = settings;
        this.keep = keep;
        Path root = settings.scratchRoot();
        this.scratch = root == null ? Files.createTempDirectory("semisync-real-")
                : Files.createTempDirectory(root, "semisync-real-");
        Scenario.Network net = scenario.network();
        this.links = new Links(net.latency(), net.jitter());
        for (Scenario.Link l : net.links().values()) {
            long latency = l.latency() == null ? net.latency() : l.latency();
            long jitter = l.jitter() == null ? Math.min(net.jitter(), latency) : l.jitter();
            links.setLatency(l.from(), l.to(), latency, jitter);
            if (l.bothWays()) {
                links.setLatency(l.to(), l.from(), latency, jitter);
            }
        }
        Runtime.getRuntime().addShutdownHook(shutdownHook); // SIGINT, SIGTERM: no server is left behind
    }

    /**
     * Starts the cluster: initialise, start, set up users and tables, and start replication. A server
     * that fails is {@link RealServerException#FAILED} with its error-log tail; nothing is left running.
     */
    public static RealCluster start(Scenario scenario, Flavor flavor, ServerBinary binary, RealSettings settings,
                                    boolean keep) {
        RealCluster c;
        try {
            c = new RealCluster(scenario, flavor, binary, settings, keep);
        } catch (IOException e) {
            throw new RealServerException(RealServerException.FAILED, "cannot make a scratch directory: " + e.getMessage());
        }
        try {
            c.setUp();
            return c;
        } catch (RuntimeException e) {
            c.close();
            throw e;
        }
    }

    private void setUp() {
        long serverId = 1;
        for (String node : scenario.topology().nodes()) {
            Path dir = scratch.resolve(node);
            try {
                Files.createDirectories(dir);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            ServerProcess p = new ServerProcess(node, binary, dir, freePort());
            p.writeOptionFile(serverId++, flavor.eventSizes().basename(), scenario.config().getOrDefault(node, Map.of()));
            servers.put(node, p);
        }
        parallel(ServerProcess::initialise);
        parallel(p -> p.start(settings.startupTimeout()));
        Set<String> tables = ImplicitTables.of(scenario, flavor);
        for (ServerProcess p : servers.values()) {
            prepare(p, tables);
        }
        String source = scenario.topology().source();
        for (String replica : scenario.topology().replicas()) {
            if (scenario.topology().byGtid()) {
                point(replica, source, settings.statement(flavor, "gtid-position"),
                        scenario.topology().replicationRunning());
            } else {
                pointAt(replica, source, flavor.eventSizes().basename() + ".000001", 4,
                        scenario.topology().replicationRunning());
            }
        }
        if (scenario.topology().replicationRunning()) {
            for (String replica : scenario.topology().replicas()) {
                awaitReplicating(replica);
            }
        }
    }

    /**
     * Users and implicit tables, unlogged, so the binary log holds nothing but its header, as the
     * simulator's nodes start (no RESET MASTER: with semisync enabled it would write log lines of its own).
     */
    private void prepare(ServerProcess p, Set<String> tables) {
        List<String> statements = new ArrayList<>(List.of("SET SESSION sql_log_bin = 0",
                "CREATE DATABASE IF NOT EXISTS test"));
        for (String t : tables) {
            statements.add("CREATE TABLE IF NOT EXISTS test.`" + t
                    + "` (id BIGINT NOT NULL PRIMARY KEY, v VARCHAR(255)) ENGINE=InnoDB");
        }
        statements.add("CREATE USER IF NOT EXISTS 'app'@'localhost'");
        statements.add("GRANT SELECT, INSERT, UPDATE, DELETE ON test.* TO 'app'@'localhost'");
        statements.add(settings.statement(flavor, "create-repl-user"));
        statements.add("GRANT REPLICATION SLAVE ON *.* TO 'repl'@'%'");
        try (Connection c = p.connect("root", null); Statement st = c.createStatement()) {
            for (String sql : statements) {
                st.execute(sql);
            }
            // The harness's first statement in a JVM costs 30-200 ms of class loading and compiling,
            // which would show as the scenario's first commit's latency: one unlogged write and its
            // undo through the same path, before the clock starts.
            for (String t : tables) {
                Jdbc.run(c, "INSERT INTO test.`" + t + "` VALUES (-1, 'warm-up')", flavor.product());
                Jdbc.run(c, "DELETE FROM test.`" + t + "` WHERE id = -1", flavor.product());
            }
        } catch (SQLException e) {
            throw new RealServerException(RealServerException.FAILED, p.node() + ": setting up the node failed: "
                    + e.getMessage() + "\n" + ServerProcess.tail(p.errorLog(), 15));
        }
    }

    /**
     * CHANGE MASTER TO the source, through the relay of that link, from (file, pos), or with no position
     * (the source's first file) when {@code file} is null; START SLAVE if asked.
     */
    void pointAt(String replica, String source, String file, long pos, boolean start) {
        point(replica, source, file == null ? "" : settings.statement(flavor, "position", Map.of("file", file, "pos", pos)),
                start);
    }

    /**
     * CHANGE MASTER TO the source by GTID (the flavour's {@code gtid-position} or {@code rejoin-position}),
     * through the relay of that link, then START SLAVE.
     */
    void pointAtByGtid(String replica, String source, String how) {
        point(replica, source, settings.statement(flavor, how), true);
    }

    /** CHANGE MASTER TO the source with {@code position} (the statement's tail), START SLAVE if asked. */
    private void point(String replica, String source, String position, boolean start) {
        Relay relay = relay(replica, source);
        List<String> statements = new ArrayList<>();
        statements.add(settings.statement(flavor, "change-source", Map.of("host", "127.0.0.1", "port",
                relay.port(), "position", position)));
        if (start) {
            statements.add(settings.statement(flavor, "start-replica"));
        }
        try (Connection c = servers.get(replica).connect("root", null); Statement st = c.createStatement()) {
            for (String sql : statements) {
                st.execute(sql);
            }
        } catch (SQLException e) {
            throw new RealServerException(RealServerException.FAILED, replica + ": replication set-up failed: "
                    + e.getMessage());
        }
        sourceOf.put(replica, source);
    }

    /**
     * Waits (10 s at most) until a replica's I/O thread has connected and it has applied all its source wrote,
     * or has stopped with an error (equal server ids...), as the simulator's set-up does.
     */
    private void awaitReplicating(String replica) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            Map<String, String> status = replicaStatus(replica);
            last = status.toString();
            boolean running = "Yes".equals(status.get("Slave_IO_Running")) || "Yes".equals(status.get("Replica_IO_Running"));
            List<String> end = binaryLogPosition(sourceOf.get(replica));
            String file = status.getOrDefault("Relay_Master_Log_File", status.get("Relay_Source_Log_File"));
            String pos = status.getOrDefault("Exec_Master_Log_Pos", status.get("Exec_Source_Log_Pos"));
            if (running && end.size() == 2 && end.get(0).equals(file) && end.get(1).equals(pos)) {
                return; // connected and caught up, as the simulator's set-up waits for
            }
            String ioState = status.getOrDefault("Slave_IO_Running", status.get("Replica_IO_Running"));
            if ("No".equals(ioState) && !"0".equals(status.getOrDefault("Last_IO_Errno", "0"))) {
                return; // stopped by an error: the scenario is about that
            }
            ServerProcess.pause(20);
        }
        throw new RealServerException(RealServerException.FAILED, replica + ": replication did not start within 10 s: "
                + last + "\n" + ServerProcess.tail(servers.get(replica).errorLog(), 15));
    }

    /** SHOW MASTER STATUS's file and position, or an empty list when the node cannot be asked. */
    private List<String> binaryLogPosition(String node) {
        try (Connection c = servers.get(node).connect("root", null); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery(settings.statement(flavor, "binary-log-status"))) {
            return rs.next() ? List.of(rs.getString(1), rs.getString(2)) : List.of();
        } catch (SQLException e) {
            return List.of();
        }
    }

    /** SHOW SLAVE STATUS as column -> value; empty when the node is not a replica or is down. */
    Map<String, String> replicaStatus(String node) {
        Map<String, String> out = new LinkedHashMap<>();
        try (Connection c = servers.get(node).connect("root", null); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery(settings.statement(flavor, "replica-status"))) {
            if (rs.next()) {
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                    out.put(rs.getMetaData().getColumnLabel(i), rs.getString(i));
                }
            }
        } catch (SQLException e) {
            return out;
        }
        return out;
    }

    /** {@code node}'s server went down: the relays in front of it stop listening, so connects are refused. */
    void serverDown(String node) {
        relays.forEach((key, r) -> {
            if (key.endsWith("->" + node)) {
                r.serverDown();
            }
        });
    }

    /** {@code node}'s server is back: its relays listen again on their ports. */
    void serverUp(String node) {
        relays.forEach((key, r) -> {
            if (key.endsWith("->" + node)) {
                try {
                    r.serverUp();
                } catch (IOException e) {
                    throw new RealServerException(RealServerException.FAILED, "cannot listen again on the relay"
                            + " port " + r.port() + " in front of " + node + ": " + e.getMessage());
                }
            }
        });
    }

    /** The relay of connections from {@code client} to {@code server}, made on first use. */
    Relay relay(String client, String server) {
        return relays.computeIfAbsent(client + "->" + server, k -> {
            try {
                return new Relay(client, server, servers.get(server).port(), links);
            } catch (IOException e) {
                throw new RealServerException(RealServerException.FAILED, "cannot open a relay on 127.0.0.1: "
                        + e.getMessage());
            }
        });
    }

    List<Relay> relaysBetween(String a, String b) {
        return relays.values().stream().filter(r -> r.joins(a, b)).toList();
    }

    /** Each server's port and each relay's, as the simulator names that endpoint ({@code source:3306}). */
    Map<Integer, String> portNames() {
        Map<Integer, String> out = new TreeMap<>();
        servers.forEach((node, p) -> out.put(p.port(), node + ":3306"));
        relays.forEach((key, r) -> out.put(r.port(), key.substring(key.indexOf("->") + 2) + ":3306"));
        return out;
    }

    Links links() {
        return links;
    }

    ServerProcess server(String node) {
        return servers.get(node);
    }

    public List<String> nodes() {
        return List.copyOf(servers.keySet());
    }

    public Flavor flavor() {
        return flavor;
    }

    /** The scenario's client latency, one way, in µs (network.client_latency). */
    long clientLatency() {
        return scenario.network().clientLatency();
    }

    RealSettings settings() {
        return settings;
    }

    String sourceOf(String replica) {
        return sourceOf.get(replica);
    }

    /** A scenario's own CHANGE MASTER TO pointed {@code replica} at {@code source}. */
    void pointedAt(String replica, String source) {
        sourceOf.put(replica, source);
    }

    void forgetSource(String replica) {
        sourceOf.remove(replica);
    }

    /** Where the scratch directories are (for --keep). */
    public Path scratch() {
        return scratch;
    }

    /** The PIDs of the server processes running now. */
    public List<Long> pids() {
        List<Long> out = new ArrayList<>();
        for (ServerProcess p : servers.values()) {
            if (p.running()) {
                out.add(p.pid());
            }
        }
        return out;
    }

    /** Stops every server by its PID (TERM, then KILL), closes the relays, removes the scratch directory. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (Relay r : relays.values()) {
            r.close();
        }
        List<ServerProcess> all = new ArrayList<>(servers.values());
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, all.size()));
        try {
            for (ServerProcess p : all) {
                pool.submit(() -> p.stop(Duration.ofSeconds(30)));
            }
        } finally {
            pool.shutdown();
            try {
                pool.awaitTermination(2, java.util.concurrent.TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            all.forEach(ServerProcess::kill); // anything that outlived its shutdown
        }
        if (!keep) {
            deleteTree(scratch);
        }
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // called from the hook itself
        }
    }

    private void parallel(java.util.function.Consumer<ServerProcess> action) {
        ExecutorService pool = Executors.newFixedThreadPool(servers.size());
        try {
            List<Future<?>> done = new ArrayList<>();
            for (ServerProcess p : servers.values()) {
                done.add(pool.submit(() -> action.accept(p)));
            }
            for (Future<?> f : done) {
                try {
                    f.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    if (e.getCause() instanceof RuntimeException r) {
                        throw r;
                    }
                    throw new IllegalStateException(e.getCause());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RealServerException(RealServerException.FAILED, "interrupted");
        } finally {
            pool.shutdownNow();
        }
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new RealServerException(RealServerException.FAILED, "no free port on 127.0.0.1: " + e.getMessage());
        }
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                    Files.delete(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            System.err.println("semisync-sim: could not remove " + root + ": " + e.getMessage());
        }
    }
}
