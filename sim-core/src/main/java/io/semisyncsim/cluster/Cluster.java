package io.semisyncsim.cluster;

import akka.actor.typed.ActorRef;
import io.semisyncsim.flavor.Flavor;
import io.semisyncsim.kernel.SimKernel;
import io.semisyncsim.server.Account;
import io.semisyncsim.server.Mysqld;
import io.semisyncsim.server.StatementResult;
import io.semisyncsim.server.plugin.PluginFactories;
import io.semisyncsim.trace.TraceSink;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A simulated MySQL cluster on one kernel: a {@link Mysqld} and its actor per node, and client
 * sessions. Every method is called from the driver thread; reads happen at quiescent instants.
 */
public final class Cluster implements AutoCloseable {
    private final SimKernel kernel;
    private final Flavor flavor;
    private final Map<String, Mysqld> nodes = new LinkedHashMap<>();
    private final Map<String, ActorRef<MysqldActor.Command>> actors = new LinkedHashMap<>();
    private final Map<Long, StatementResult> results = new TreeMap<>();
    private final ActorRef<ClientSession.Command> client;
    private long nextStatementId;

    private Cluster(SimKernel kernel, Flavor flavor, List<NodeSpec> specs, PluginFactories factories) {
        this.kernel = kernel;
        this.flavor = flavor;
        for (NodeSpec spec : specs) {
            Mysqld server = new Mysqld(spec.name(), spec.serverId(), flavor, spec.optionFile(), factories, kernel::now);
            server.errorLog().onLine(line -> kernel.trace().record(spec.name(), "error-log", "log", "line", line));
            nodes.put(spec.name(), server);
            actors.put(spec.name(), kernel.spawn(MysqldActor.create(server, kernel.trace()), "mysqld-" + spec.name()));
        }
        this.client = kernel.spawn(ClientSession.create(results), "client");
        for (ActorRef<MysqldActor.Command> actor : actors.values()) {
            actor.tell(new MysqldActor.Start());
        }
        kernel.runUntilQuiescent();
    }

    /** Starts every node of the topology at virtual time zero; the caller's thread drives the kernel. */
    public static Cluster start(Flavor flavor, List<NodeSpec> nodes, PluginFactories factories, long seed,
                                TraceSink... sinks) {
        SimKernel kernel = SimKernel.start(seed);
        for (TraceSink sink : sinks) {
            kernel.trace().addSink(sink);
        }
        return new Cluster(kernel, flavor, nodes, factories);
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

    /** Sends one statement from a client session and runs until its result is back. */
    public StatementResult execute(String node, Account account, String sql) {
        long id = nextStatementId++;
        client.tell(new ClientSession.Send(id, actors.get(node), account, sql));
        kernel.runUntilQuiescent();
        StatementResult result = results.remove(id);
        if (result == null) {
            throw new IllegalStateException("statement " + id + " on " + node + " got no result");
        }
        return result;
    }

    public void crash(String node) {
        actors.get(node).tell(new MysqldActor.Crash());
        kernel.runUntilQuiescent();
    }

    public void start(String node) {
        actors.get(node).tell(new MysqldActor.Start());
        kernel.runUntilQuiescent();
    }

    @Override
    public void close() {
        kernel.close();
    }
}
