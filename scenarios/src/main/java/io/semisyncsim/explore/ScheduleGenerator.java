package io.semisyncsim.explore;

import io.semisyncsim.kernel.RandomStreams;
import io.semisyncsim.kernel.SimRandom;
import io.semisyncsim.scenario.lang.YNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Draws a schedule of faults and workloads from a seed, on top of a scenario's topology (swarm testing, as
 * FoundationDB's simulation and TigerBeetle's VOPR do): client sessions committing on the source, then a
 * few faults each after a pause of its own — partitions both ways and one way (held or dropped), heals,
 * latency spikes, connection resets, crashes and restarts, pauses, flapping links, failovers (and a
 * workload on the new source; where every node has both semisync plugins, half of them move semisync with
 * the role, {@code semisync: true}). It follows what the steps do (who is the source, who is down, who no longer
 * replicates) so that every schedule reads as a valid file; the same seed draws the same schedule.
 */
final class ScheduleGenerator {
    private final SimRandom random;
    private final List<String> nodes;
    private String source;
    private final Set<String> down = new TreeSet<>();
    private final Set<String> former = new TreeSet<>();
    private boolean partitioned;
    /** Whether every node has both semisync plugins, so that a failover may move semisync with the role. */
    private final boolean handover;

    ScheduleGenerator(long seed, String source, List<String> nodes, boolean handover) {
        this.random = new RandomStreams(seed).stream("explore-schedule");
        this.source = source;
        this.nodes = List.copyOf(nodes);
        this.handover = handover;
    }

    /** The drawn steps, to play after the scenario's own. */
    List<YNode> draw() {
        List<YNode> steps = new ArrayList<>();
        steps.add(workload(source));
        int faults = 2 + (int) random.nextLong(5);
        for (int i = 0; i < faults; i++) {
            steps.add(Steps.map("sleep", Steps.ms(50 + random.nextLong(1500))));
            YNode fault = fault();
            if (fault != null) {
                steps.add(fault);
                if (fault instanceof YNode.Map m && m.entries().containsKey("failover") && random.nextLong(2) == 0) {
                    steps.add(workload(source));
                }
            }
        }
        steps.add(Steps.map("sleep", Steps.ms(500 + random.nextLong(2500))));
        return steps;
    }

    private YNode workload(String on) {
        return Steps.map("on", on, "workload", Steps.map("clients", 1 + random.nextLong(4),
                "duration", Steps.ms(1000 + random.nextLong(5000)), "rate", (100 + random.nextLong(300)) + "/s"),
                "background", "true");
    }

    private YNode fault() {
        List<String> up = nodes.stream().filter(n -> !down.contains(n)).toList();
        List<String> replicas = up.stream().filter(n -> !n.equals(source) && !former.contains(n)).toList();
        for (int attempt = 0; attempt < 10; attempt++) {
            switch ((int) random.nextLong(10)) {
                case 0, 1 -> {
                    if (up.size() >= 2) {
                        return partition(up);
                    }
                }
                case 2 -> {
                    if (partitioned) {
                        partitioned = false;
                        return Steps.map("fault", "heal");
                    }
                }
                case 3 -> {
                    if (up.size() >= 2) {
                        String[] pair = pair(up);
                        return Steps.map("fault", "latency", "between", Steps.list(pair[0], pair[1]),
                                "latency", Steps.ms(5 + random.nextLong(200)));
                    }
                }
                case 4 -> {
                    if (up.size() >= 2) {
                        String[] pair = pair(up);
                        return Steps.map("fault", "reset", "between", Steps.list(pair[0], pair[1]));
                    }
                }
                case 5 -> {
                    if (!up.isEmpty()) {
                        String node = pick(up);
                        down.add(node);
                        return Steps.map("fault", "crash", "node", node);
                    }
                }
                case 6 -> {
                    if (!down.isEmpty()) {
                        String node = pick(new ArrayList<>(down));
                        down.remove(node);
                        return Steps.map("fault", "restart", "node", node);
                    }
                }
                case 7 -> {
                    if (!up.isEmpty()) {
                        return Steps.map("fault", "pause", "node", pick(up), "for", Steps.ms(100 + random.nextLong(2000)));
                    }
                }
                case 8 -> {
                    if (up.size() >= 2) {
                        String[] pair = pair(up);
                        long every = 500 + random.nextLong(1000);
                        return Steps.map("fault", "flap", "between", Steps.list(pair[0], pair[1]), "every", Steps.ms(every),
                                "for", Steps.ms(50 + random.nextLong(every - 60)), "times", 2 + random.nextLong(3));
                    }
                }
                default -> {
                    if (!replicas.isEmpty()) {
                        String promoted = pick(replicas);
                        former.remove(promoted);
                        former.add(source);
                        source = promoted;
                        if (handover && random.nextLong(2) == 0) { // the operator moves semisync too, half the time
                            return Steps.map("failover", Steps.map("promote", promoted, "semisync", "true"));
                        }
                        return Steps.map("failover", Steps.map("promote", promoted));
                    }
                }
            }
        }
        return null;
    }

    private YNode partition(List<String> up) {
        String[] pair = pair(up);
        partitioned = true;
        String cut = random.nextLong(3) == 0 ? "drop" : "hold";
        if (random.nextLong(3) == 0) {
            return Steps.map("fault", "partition", "from", pair[0], "to", pair[1], "cut", cut);
        }
        return Steps.map("fault", "partition", "between", Steps.list(pair[0], pair[1]), "cut", cut);
    }

    /** Two distinct nodes; the source is one of them more often than not, where the semisync traffic is. */
    private String[] pair(List<String> up) {
        String a = up.contains(source) && random.nextLong(3) > 0 ? source : pick(up);
        String b;
        do {
            b = pick(up);
        } while (b.equals(a));
        return new String[] {a, b};
    }

    private String pick(List<String> from) {
        return from.get((int) random.nextLong(from.size()));
    }
}
