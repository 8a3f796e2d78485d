package io.semisyncsim.scenario;

import io.semisyncsim.cluster.Cluster;
import io.semisyncsim.cluster.NodeSpec;
import io.semisyncsim.flavor.Flavor;
import io.semisyncsim.flavor.Flavors;
import io.semisyncsim.net.LinkSpec;
import io.semisyncsim.semisync.SemisyncPlugins;
import io.semisyncsim.server.Account;
import io.semisyncsim.server.Mysqld;
import io.semisyncsim.server.OptionFile;
import io.semisyncsim.server.StatementResult;
import io.semisyncsim.server.SysVarDef;
import io.semisyncsim.server.SystemVariables;
import io.semisyncsim.server.plugin.PluginFactories;
import io.semisyncsim.trace.TraceSink;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Runs a validated scenario on a fresh simulated cluster, step by step, on virtual time. */
public final class ScenarioRunner {
    private final PluginFactories factories;

    public ScenarioRunner() {
        this(SemisyncPlugins.register(new PluginFactories()));
    }

    /** With extra plugin kinds registered, e.g. a lecture's own ACK policy. */
    public ScenarioRunner(PluginFactories factories) {
        this.factories = factories;
    }

    public RunResult run(Scenario scenario, RunListener listener, TraceSink... sinks) {
        Flavor flavor = Flavors.standard().get(scenario.flavor());
        List<NodeSpec> specs = new ArrayList<>();
        long serverId = 1;
        for (String node : scenario.topology().nodes()) {
            NodeSpec.Role role = node.equals(scenario.topology().source()) ? NodeSpec.Role.SOURCE : NodeSpec.Role.REPLICA;
            Map<String, String> options = scenario.config().getOrDefault(node, Map.of());
            specs.add(new NodeSpec(node, role, serverId++, OptionFile.of(options)));
        }
        listener.started(scenario);
        List<Outcome> outcomes = new ArrayList<>();
        try (Cluster cluster = Cluster.start(clusterSpec(scenario, flavor, specs), sinks)) {
            for (Step step : scenario.steps()) {
                runStep(cluster, step, listener, outcomes);
            }
            RunResult result = new RunResult(scenario, outcomes, cluster.kernel().now(),
                    cluster.kernel().trace().digest().hex(), cluster.kernel().trace().digest().events());
            listener.finished(result);
            return result;
        }
    }

    private void runStep(Cluster cluster, Step step, RunListener listener, List<Outcome> outcomes) {
        long now = cluster.kernel().now();
        if (step instanceof Step.Sql sql) {
            Account account = Account.named(sql.user());
            for (String statement : sql.statements()) {
                StatementResult r = cluster.execute(sql.node(), account, statement);
                listener.statement(cluster.kernel().now(), sql.node(), sql.user(), statement, r);
                if (sql.expectError() != null) {
                    String actual = r instanceof StatementResult.Failed f ? "ERROR " + f.error().code() : "no error";
                    Outcome o = new Outcome(sql.pos(), sql.node() + "> " + statement + " fails with ERROR " + sql.expectError(),
                            actual.equals("ERROR " + sql.expectError()), actual, cluster.kernel().now());
                    outcomes.add(o);
                    listener.outcome(o);
                }
            }
        } else if (step instanceof Step.Sleep sleep) {
            listener.step(now, "sleep " + Durations.format(sleep.micros()));
            cluster.kernel().runFor(sleep.micros());
        } else if (step instanceof Step.Await await) {
            Expectation e = await.expectation();
            listener.step(now, "await " + e.describe() + " within " + Durations.format(await.within()));
            boolean held = cluster.kernel().runUntil(() -> e.matcher().test(read(cluster, e.path())), now + await.within());
            Outcome o = new Outcome(e.pos(), "await " + e.describe(), held, read(cluster, e.path()), cluster.kernel().now());
            outcomes.add(o);
            listener.outcome(o);
        } else if (step instanceof Step.Expect expect) {
            for (Expectation e : expect.expectations()) {
                String actual = read(cluster, e.path());
                Outcome o = new Outcome(e.pos(), e.describe(), e.matcher().test(actual), actual, now);
                outcomes.add(o);
                listener.outcome(o);
            }
        } else if (step instanceof Step.NodeFault fault) {
            listener.step(now, "fault " + fault.kind() + " " + fault.node());
            if (fault.kind().equals("crash")) {
                cluster.crash(fault.node());
            } else {
                cluster.start(fault.node());
                listener.note(cluster.kernel().now(), fault.node() + " is " + cluster.node(fault.node()).state());
            }
        }
    }

    private Cluster.Spec clusterSpec(Scenario scenario, Flavor flavor, List<NodeSpec> specs) {
        Scenario.Network net = scenario.network();
        LinkSpec defaults = new LinkSpec(net.latency(), net.jitter());
        Map<String, LinkSpec> links = new java.util.TreeMap<>();
        for (Scenario.Link l : net.links().values()) {
            LinkSpec spec = new LinkSpec(l.latency() == null ? net.latency() : l.latency(),
                    l.jitter() == null ? Math.min(net.jitter(), l.latency() == null ? net.latency() : l.latency())
                            : l.jitter());
            links.put(l.from() + "->" + l.to(), spec);
            if (l.bothWays()) {
                links.put(l.to() + "->" + l.from(), spec);
            }
        }
        return new Cluster.Spec(flavor, specs, factories, scenario.seed(), defaults, links,
                scenario.topology().replicationRunning());
    }

    /** The value at a path as MySQL would print it, or null when it does not exist right now. */
    static String read(Cluster cluster, ValuePath path) {
        Mysqld node = cluster.node(path.node());
        return switch (path.kind()) {
            case STATUS -> node.status().get(path.name());
            case VARIABLES -> {
                SystemVariables vars = node.variables();
                SysVarDef def = vars == null ? null : vars.find(path.name());
                yield def == null ? null : vars.get(def.name());
            }
            case PLUGINS -> node.pluginStatus(path.name());
            case LOG -> String.join("\n", node.errorLog().lines());
        };
    }
}
