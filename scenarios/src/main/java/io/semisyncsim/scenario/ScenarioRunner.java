package io.semisyncsim.scenario;

import io.semisyncsim.cluster.Cluster;
import io.semisyncsim.cluster.NodeSpec;
import io.semisyncsim.flavor.Flavor;
import io.semisyncsim.flavor.Flavors;
import io.semisyncsim.cluster.LossChecker;
import io.semisyncsim.cluster.MysqldActor;
import io.semisyncsim.cluster.Workload;
import io.semisyncsim.net.LinkSpec;
import io.semisyncsim.net.NetworkModel;
import io.semisyncsim.replication.ReplicaStatus;
import java.util.Set;
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
    private final Flavors flavors;

    public ScenarioRunner() {
        this(SemisyncPlugins.register(new PluginFactories()), Flavors.standard());
    }

    /**
     * With other flavour tables and plugin kinds: a lecture's own ACK policy is a library in the
     * flavour tables plus a registered factory, and nothing else.
     */
    public ScenarioRunner(PluginFactories factories, Flavors flavors) {
        this.factories = factories;
        this.flavors = flavors;
    }

    public RunResult run(Scenario scenario, RunListener listener, TraceSink... sinks) {
        Flavor flavor = flavors.get(scenario.flavor());
        List<NodeSpec> specs = new ArrayList<>();
        long serverId = 1;
        for (String node : scenario.topology().nodes()) {
            NodeSpec.Role role = node.equals(scenario.topology().source()) ? NodeSpec.Role.SOURCE : NodeSpec.Role.REPLICA;
            Map<String, String> options = scenario.config().getOrDefault(node, Map.of());
            specs.add(new NodeSpec(node, role, serverId++, OptionFile.of(options)));
        }
        listener.started(scenario);
        List<Outcome> outcomes = new ArrayList<>();
        Commits commits = new Commits();
        try (Cluster cluster = Cluster.start(clusterSpec(scenario, flavor, specs), sinks)) {
            if (listener.wantsStatusSamples()) {
                cluster.kernel().setInstantObserver(new StatusSampler(cluster, listener)::sample);
            }
            for (Step step : scenario.steps()) {
                runStep(cluster, step, listener, outcomes, commits);
            }
            RunResult result = new RunResult(scenario, outcomes, cluster.kernel().now(),
                    cluster.kernel().trace().digest().hex(), cluster.kernel().trace().digest().events());
            listener.finished(result);
            return result;
        }
    }

    private void runStep(Cluster cluster, Step step, RunListener listener, List<Outcome> outcomes, Commits commits) {
        long now = cluster.kernel().now();
        if (step instanceof Step.Sql sql) {
            Account account = Account.named(sql.user());
            long session = cluster.openSession(); // one connection per sql step, as one mysql client session
            for (String statement : sql.statements()) {
                long before = cluster.kernel().now();
                StatementResult r = cluster.execute(sql.node(), session, account, statement, before + WORKLOAD_LIMIT);
                if (r == null) {
                    Outcome o = new Outcome(sql.pos(), sql.node() + "> " + statement + " gets an answer", false,
                            "no answer after a day of virtual time", cluster.kernel().now());
                    outcomes.add(o);
                    listener.outcome(o);
                    return;
                }
                listener.statement(cluster.kernel().now(), cluster.kernel().now() - before, sql.node(), sql.user(),
                        statement, r);
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
            boolean held = cluster.kernel().runUntil(() -> e.matcher().test(read(cluster, commits, e.path())),
                    now + await.within());
            Outcome o = new Outcome(e.pos(), "await " + e.describe(), held, read(cluster, commits, e.path()),
                    cluster.kernel().now());
            outcomes.add(o);
            listener.outcome(o);
        } else if (step instanceof Step.Expect expect) {
            for (Expectation e : expect.expectations()) {
                String actual = read(cluster, commits, e.path());
                Outcome o = new Outcome(e.pos(), e.describe(), e.matcher().test(actual), actual, now);
                outcomes.add(o);
                listener.outcome(o);
            }
        } else if (step instanceof Step.Commit commit) {
            runCommits(cluster, commit, listener, outcomes, commits);
        } else if (step instanceof Step.Workload w) {
            runWorkload(cluster, w, listener, outcomes, commits);
        } else if (step instanceof Step.Failover f) {
            failover(cluster, f, listener, commits);
        } else if (step instanceof Step.NetworkFault fault) {
            listener.step(now, describe(fault));
            switch (fault.kind()) {
                case "partition" -> cluster.partition(Set.of(fault.a()), Set.of(fault.b()), fault.bothWays(),
                        fault.drop() ? NetworkModel.Cut.DROP : NetworkModel.Cut.HOLD);
                case "heal" -> cluster.heal();
                case "reset" -> cluster.reset(fault.a(), fault.b());
                default -> {
                    LinkSpec link = new LinkSpec(fault.latency(), fault.jitter());
                    cluster.setLink(fault.a(), fault.b(), link);
                    cluster.setLink(fault.b(), fault.a(), link);
                }
            }
        } else if (step instanceof Step.NodeFault fault) {
            listener.step(now, "fault " + fault.kind() + " " + fault.node() + switch (fault.kind()) {
                case "slow-disk" -> ": fsync takes " + Durations.format(fault.micros());
                case "pause" -> " for " + Durations.format(fault.micros());
                default -> "";
            });
            if (fault.kind().equals("crash")) {
                cluster.crash(fault.node());
            } else if (fault.kind().equals("slow-disk")) {
                cluster.slowDisk(fault.node(), fault.micros());
            } else if (fault.kind().equals("pause")) {
                cluster.pause(fault.node(), fault.micros());
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

    private static String describe(Step.NetworkFault f) {
        return switch (f.kind()) {
            case "heal" -> "fault heal (all partitions)";
            case "partition" -> "fault partition " + f.a() + (f.bothWays() ? " <-> " : " -> ") + f.b()
                    + (f.drop() ? " (packets dropped)" : " (packets held)");
            case "latency" -> "fault latency " + f.a() + " <-> " + f.b() + " " + Durations.format(f.latency())
                    + (f.jitter() > 0 ? " ± " + Durations.format(f.jitter()) : "");
            default -> "fault " + f.kind() + " " + f.a() + " <-> " + f.b();
        };
    }

    /** Commits back to back: each waits for its OK (commit latency is what the client saw). */
    private void runCommits(Cluster cluster, Step.Commit step, RunListener listener, List<Outcome> outcomes,
                            Commits commits) {
        long start = cluster.kernel().now();
        listener.step(start, step.node() + ": commit " + step.count() + " transaction" + (step.count() == 1 ? "" : "s"));
        int failed = 0;
        int semisync = 0;
        for (int i = 0; i < step.count(); i++) {
            long t0 = cluster.kernel().now();
            long key = commits.nextKey();
            MysqldActor.Committed c = cluster.insert(step.node(), "t1", key, t0 + WORKLOAD_LIMIT);
            if (c == null) {
                Outcome o = new Outcome(step.pos(), step.node() + ": commit " + (i + 1) + " gets an answer", false,
                        "no answer after a day of virtual time", cluster.kernel().now());
                outcomes.add(o);
                listener.outcome(o);
                return;
            }
            if (!c.ok()) {
                failed++;
                continue;
            }
            semisync += c.semisync() ? 1 : 0;
            commits.record(step.node(), key, cluster.kernel().now() - t0, c.semisync());
            listener.committed(cluster.kernel().now(), cluster.kernel().now() - t0, c.semisync());
        }
        long end = cluster.kernel().now();
        int ok = step.count() - failed;
        listener.note(end, ok + " committed (" + semisync + " acknowledged by a replica, " + (ok - semisync)
                + " asynchronous)" + (failed > 0 ? ", " + failed + " failed (connection lost)" : "")
                + "; last latency " + Durations.format(commits.last()));
    }

    /** Ten virtual minutes for the promoted replica to apply what its relay log holds. */
    private static final long APPLY_BUDGET = 600_000_000L;

    /**
     * Promotes a replica and checks what is lost: rows clients were told were committed on the old
     * source, and rows other sessions could see there, that the new source lacks.
     */
    private void failover(Cluster cluster, Step.Failover f, RunListener listener, Commits commits) {
        String old = cluster.node(f.promote()).channel().sourceHost();
        listener.step(cluster.kernel().now(), "failover: promote " + f.promote() + " (was replicating from " + old + ")");
        cluster.promote(f.promote(), APPLY_BUDGET);
        LossChecker.Losses lost = LossChecker.check(commits.acknowledgedOn(old), cluster.node(old).store().keys("t1"),
                cluster.node(f.promote()).store().keys("t1"));
        commits.losses(lost.acknowledged(), lost.visible());
        listener.note(cluster.kernel().now(), f.promote() + " is the source; lost: " + lost.acknowledged()
                + " acknowledged to clients, " + lost.visible() + " visible on " + old);
    }

    /** A day of virtual time: a workload that has not finished by then never will. */
    private static final long WORKLOAD_LIMIT = 86_400_000_000L;

    private void runWorkload(Cluster cluster, Step.Workload w, RunListener listener, List<Outcome> outcomes,
                             Commits commits) {
        long start = cluster.kernel().now();
        listener.step(start, w.node() + ": workload of " + w.clients() + " client" + (w.clients() == 1 ? "" : "s")
                + (w.transactions() > 0 ? ", " + w.transactions() + " transactions" : "")
                + (w.duration() > 0 ? ", for " + Durations.format(w.duration()) : "")
                + (w.rate() > 0 ? String.format(java.util.Locale.ROOT, ", at %.0f/s", w.rate()) : ", back to back")
                + (w.background() ? " (background)" : ""));
        Workload.Progress progress = cluster.workload(w.node(), new Workload.Spec(w.clients(), w.transactions(),
                w.duration(), w.rate(), "t1", commits.nextKeyBlock()), new Workload.Sink() {
                    @Override
                    public void committed(long key, long latencyMicros, boolean semisync) {
                        commits.record(w.node(), key, latencyMicros, semisync);
                        listener.committed(cluster.kernel().now(), latencyMicros, semisync);
                    }

                    @Override
                    public void failed() {
                    }
                });
        if (w.background()) {
            cluster.kernel().runUntilQuiescent();
            return;
        }
        boolean done = cluster.kernel().runUntil(progress::finished, start + WORKLOAD_LIMIT);
        listener.note(cluster.kernel().now(), progress.answered() + " answered of " + progress.issued() + " issued");
        if (!done) {
            Outcome o = new Outcome(w.pos(), "workload finishes", false, progress.answered() + " answered after a day",
                    cluster.kernel().now());
            outcomes.add(o);
            listener.outcome(o);
        }
    }

    /** The value at a path as MySQL would print it, or null when it does not exist right now. */
    static String read(Cluster cluster, Commits commits, ValuePath path) {
        if (path.kind() == ValuePath.Kind.COMMITS) {
            return commits.read(path.name());
        }
        if (path.kind() == ValuePath.Kind.LOST) {
            return commits.lost(path.name());
        }
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
            case ROWS -> Long.toString(node.store().rowCount());
            case REPLICA_STATUS -> replicaStatus(node, path.name());
            case COMMITS, LOST -> throw new IllegalStateException("handled above");
        };
    }

    /** A SHOW SLAVE STATUS field by its old or new name; absent when the node is not a replica. */
    private static String replicaStatus(Mysqld node, String field) {
        if (!node.channel().isConfigured()) {
            return null;
        }
        List<String> row = ReplicaStatus.row(node.channel(), node.name(), node.flavor().logTerms(), "", node.now());
        for (boolean newNames : new boolean[] {false, true}) {
            List<String> columns = ReplicaStatus.columns(newNames);
            for (int i = 0; i < columns.size(); i++) {
                if (columns.get(i).equalsIgnoreCase(field)) {
                    return row.get(i) == null ? "NULL" : row.get(i);
                }
            }
        }
        return null;
    }
}
