package io.semisyncsim.scenario;

import io.semisyncsim.scenario.lang.Scenario;
import io.semisyncsim.scenario.lang.RunResult;
import io.semisyncsim.cluster.Cluster;
import io.semisyncsim.cluster.NodeSpec;
import io.semisyncsim.flavor.Flavor;
import io.semisyncsim.flavor.Flavors;
import io.semisyncsim.net.LinkSpec;
import io.semisyncsim.scenario.lang.Play;
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
        return run(scenario, listener, target -> { }, sinks);
    }

    /** As {@link #run(Scenario, RunListener, TraceSink...)}, telling {@code afterStep} after every step. */
    public RunResult run(Scenario scenario, RunListener listener, Consumer<Target> afterStep, TraceSink... sinks) {
        Flavor flavor = flavors.get(scenario.flavor());
        List<NodeSpec> specs = new ArrayList<>();
        long serverId = 1;
        for (String node : scenario.topology().nodes()) {
            NodeSpec.Role role = node.equals(scenario.topology().source()) ? NodeSpec.Role.SOURCE : NodeSpec.Role.REPLICA;
            Map<String, String> options = scenario.config().getOrDefault(node, Map.of());
            specs.add(new NodeSpec(node, role, serverId++, OptionFile.of(options)));
        }
        listener.started(scenario);
        try (Cluster cluster = Cluster.start(clusterSpec(scenario, flavor, specs), sinks)) {
            if (listener.wantsStatusSamples()) {
                cluster.kernel().setInstantObserver(new StatusSampler(cluster, listener)::sample);
            }
            SimTarget target = new SimTarget(cluster);
            Play play = new Play(target, listener, Play.NO_ANSWER_LIMIT, "a day of virtual time");
            for (Step step : scenario.steps()) {
                step.play(play);
                afterStep.accept(target);
            }
            RunResult result = new RunResult(scenario, play.outcomes(), cluster.kernel().now(),
                    cluster.kernel().trace().digest().hex(), cluster.kernel().trace().digest().events());
            listener.finished(result);
            return result;
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
                scenario.topology().replicationRunning(), scenario.topology().byGtid());
    }
}
