package io.semisyncsim.scenario;

import io.semisyncsim.scenario.lang.Scenario;
import io.semisyncsim.scenario.lang.RunResult;
import io.semisyncsim.cluster.Cluster;
import io.semisyncsim.cluster.NodeSpec;
import io.semisyncsim.flavor.Flavor;
import io.semisyncsim.flavor.Flavors;
import io.semisyncsim.invariant.Invariant;
import io.semisyncsim.invariant.InvariantViolated;
import io.semisyncsim.invariant.Invariants;
import io.semisyncsim.invariant.Violation;
import io.semisyncsim.net.LinkSpec;
import io.semisyncsim.scenario.lang.Outcome;
import io.semisyncsim.scenario.lang.Play;
import io.semisyncsim.scenario.lang.Expectation;
import io.semisyncsim.scenario.lang.Pos;
import io.semisyncsim.scenario.lang.RunListener;
import io.semisyncsim.scenario.lang.Step;
import io.semisyncsim.scenario.lang.Target;
import io.semisyncsim.semisync.SemisyncPlugins;
import io.semisyncsim.server.OptionFile;
import io.semisyncsim.server.plugin.PluginFactories;
import io.semisyncsim.trace.TraceSink;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** Runs a validated scenario on a fresh simulated cluster, step by step, on virtual time. */
public final class ScenarioRunner {
    private final PluginFactories factories;
    private final Flavors flavors;
    private io.semisyncsim.kernel.ClockPacer pacer;

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

    /** Paces the runs' virtual clock against the wall clock ({@code run --realtime}); never changes a trace. */
    public ScenarioRunner pacedBy(io.semisyncsim.kernel.ClockPacer clockPacer) {
        this.pacer = clockPacer;
        return this;
    }

    public RunResult run(Scenario scenario, RunListener listener, TraceSink... sinks) {
        return run(scenario, listener, target -> { }, sinks);
    }

    /** As {@link #run(Scenario, RunListener, TraceSink...)}, telling {@code afterStep} after every step. */
    public RunResult run(Scenario scenario, RunListener listener, Consumer<Target> afterStep, TraceSink... sinks) {
        return run(scenario, listener, afterStep, List.of(), sinks);
    }

    /**
     * As {@link #run(Scenario, RunListener, TraceSink...)}, with {@code watchers} asked at every quiescent
     * instant besides the built-in and declared invariants (a watcher that never fails is an observer of
     * the run, as a sweep's figures are).
     */
    public RunResult run(Scenario scenario, RunListener listener, List<Invariant> watchers, TraceSink... sinks) {
        return run(scenario, listener, target -> { }, watchers, sinks);
    }

    private RunResult run(Scenario scenario, RunListener listener, Consumer<Target> afterStep, List<Invariant> watchers,
                          TraceSink... sinks) {
        listener.started(scenario);
        Cluster started;
        try {
            started = cluster(scenario, readsRelayLogs(scenario.steps()), sinks);
        } catch (Cluster.OperatorFailed e) {
            // The replication set-up's own statements failed (a flavour the file was not written for: 1777
            // for GTID positioning without gtid_mode ON, say): the run fails there, saying which.
            Outcome o = new Outcome(new Pos(1, 1), "the cluster's replication set-up succeeds", false,
                    e.getMessage(), 0);
            listener.outcome(o);
            RunResult failed = new RunResult(scenario, List.of(o), 0, "none", 0); // no run, so no trace
            listener.finished(failed);
            return failed;
        }
        try (Cluster cluster = started) {
            cluster.kernel().setPacer(pacer);
            SimTarget target = new SimTarget(cluster);
            notStarted(cluster, listener);
            Play play = new Play(target, listener, Play.NO_ANSWER_LIMIT, "a day of virtual time");
            List<Invariant> declared = new ArrayList<>();
            scenario.invariants().forEach(check -> declared.add(new DeclaredInvariant(check, play)));
            declared.addAll(watchers);
            Invariants invariants = Invariants.attach(cluster, declared);
            target.beforeStatement(invariants::statement);
            StatusSampler sampler = listener.wantsStatusSamples() ? new StatusSampler(cluster, listener) : null;
            // One observer of quiescent instants: the invariants first (a broken one stops the run there),
            // then the reports' samples.
            cluster.kernel().setInstantObserver(sampler == null ? invariants::check : () -> {
                invariants.check();
                sampler.sample();
            });
            Pos last = new Pos(1, 1);
            try {
                for (Step step : scenario.steps()) {
                    last = step.pos();
                    step.play(play);
                    afterStep.accept(target);
                }
                // The run's end is an instant too: a last step (a failover's lost.*) may break a declared
                // invariant with no instant after it.
                invariants.check();
            } catch (InvariantViolated broken) {
                Violation v = broken.violation();
                listener.note(v.time(), "stopped: " + v);
                play.outcome(last, v.invariant() + " holds", false, v.toString());
            }
            // Each declared invariant that held is a check that passed (a JUnit test case in every run, not
            // only in the run that breaks it), with its value at the end.
            for (Expectation check : scenario.invariants()) {
                String name = DeclaredInvariant.name(check);
                if (invariants.violation() == null || !invariants.violation().invariant().equals(name)) {
                    play.outcome(check.pos(), name + " holds", true, play.read(check.path()));
                }
            }
            cluster.kernel().setInstantObserver(null); // closing the cluster is not part of the run
            RunResult result = new RunResult(scenario, play.outcomes(), cluster.kernel().now(),
                    cluster.kernel().trace().digest().hex(), cluster.kernel().trace().digest().events(),
                    invariants.violation(), play.commits());
            listener.finished(result);
            return result;
        }
    }

    /**
     * Says which nodes their option files kept from starting, with the error-log line that says why: what
     * follows (a statement refused with 2003) is their consequence, and the cause belongs next to it.
     */
    private static void notStarted(Cluster cluster, RunListener listener) {
        for (String node : cluster.nodeNames()) {
            var server = cluster.node(node);
            if (server.state() == io.semisyncsim.server.NodeState.FAILED_TO_START) {
                List<String> lines = server.errorLog().lines();
                String why = lines.stream().filter(l -> l.contains("[ERROR]") && !l.contains("Aborting"))
                        .reduce((a, b) -> b).orElse(lines.isEmpty() ? "" : lines.get(lines.size() - 1));
                listener.note(0, node + " did not start; its error log says: " + why.strip());
            }
        }
    }

    /**
     * The scenario's cluster at virtual time zero, its trace streaming to {@code sinks}, status samples
     * going to {@code listener} when it wants them, and this runner's pacer: what {@link #run} plays its
     * steps on, and what a live session (the lab, the shell) plays steps on one at a time. The calling
     * thread drives it.
     */
    public Cluster start(Scenario scenario, RunListener listener, TraceSink... sinks) {
        Cluster cluster = cluster(scenario, true, sinks); // a live session's next statement is anyone's guess
        if (listener.wantsStatusSamples()) {
            cluster.kernel().setInstantObserver(new StatusSampler(cluster, listener)::sample);
        }
        cluster.kernel().setPacer(pacer);
        return cluster;
    }

    /**
     * Whether a statement of these steps reads relay logs (SHOW RELAYLOG EVENTS): only then must replicas keep
     * what their SQL threads have applied ({@link Cluster.Spec#relayLogsRead}).
     */
    static boolean readsRelayLogs(List<Step> steps) {
        for (Step step : steps) {
            for (String statement : step.statements()) {
                if (statement.toUpperCase(java.util.Locale.ROOT).contains("RELAYLOG")) {
                    return true;
                }
            }
            if (readsRelayLogs(step.steps())) {
                return true;
            }
        }
        return false;
    }

    /** The scenario's cluster, started, with no observer of its instants yet. */
    private Cluster cluster(Scenario scenario, boolean relayLogsRead, TraceSink... sinks) {
        Flavor flavor = flavors.get(scenario.flavor());
        List<NodeSpec> specs = new ArrayList<>();
        long serverId = 1;
        for (String node : scenario.topology().nodes()) {
            NodeSpec.Role role = node.equals(scenario.topology().source()) ? NodeSpec.Role.SOURCE : NodeSpec.Role.REPLICA;
            Map<String, String> options = scenario.config().getOrDefault(node, Map.of());
            specs.add(new NodeSpec(node, role, serverId++, OptionFile.of(options)));
        }
        return Cluster.start(clusterSpec(scenario, flavor, specs, relayLogsRead), sinks);
    }

    private Cluster.Spec clusterSpec(Scenario scenario, Flavor flavor, List<NodeSpec> specs, boolean relayLogsRead) {
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
                scenario.topology().replicationRunning(), scenario.topology().byGtid(), net.clientLatency(), relayLogsRead);
    }
}
