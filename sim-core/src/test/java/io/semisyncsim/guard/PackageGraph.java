package io.semisyncsim.guard;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Which io.semisyncsim package uses which, read from compiled classes (ConstantPoolScanner), and the
 * cycles among them: each strongly connected component of two or more packages, named by one cycle
 * through all of it with, on each edge, one class that makes it.
 */
final class PackageGraph {
    private static final String ROOT = "io/semisyncsim/";

    /** package -> package it uses -> the first "Class uses Class" found that makes the edge. */
    private final Map<String, Map<String, String>> edges = new TreeMap<>();

    private PackageGraph() {
    }

    /** The graph of the class files under {@code classes}; packages named without {@code io.semisyncsim.}. */
    static PackageGraph read(Path classes) {
        PackageGraph graph = new PackageGraph();
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).sorted().toList()) {
                byte[] bytes = Files.readAllBytes(file);
                String self = ConstantPoolScanner.className(bytes);
                if (!self.startsWith(ROOT)) {
                    continue;
                }
                Set<String> used = ConstantPoolScanner.classNames(bytes);
                String from = packageOf(self);
                graph.edges.computeIfAbsent(from, p -> new TreeMap<>());
                for (String name : used) {
                    if (name.startsWith(ROOT) && !packageOf(name).equals(from)) {
                        graph.edges.get(from).putIfAbsent(packageOf(name), simpleName(self) + " uses " + simpleName(name));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return graph;
    }

    private static String packageOf(String internalName) {
        int end = internalName.lastIndexOf('/');
        return end < ROOT.length() ? "(io.semisyncsim)" : internalName.substring(ROOT.length(), end).replace('/', '.');
    }

    private static String simpleName(String internalName) {
        return internalName.substring(internalName.lastIndexOf('/') + 1);
    }

    /** Every package that has a class, in name order. */
    Set<String> packages() {
        return edges.keySet();
    }

    /** The packages {@code pkg} uses, in name order. */
    Set<String> uses(String pkg) {
        return edges.getOrDefault(pkg, Map.of()).keySet();
    }

    /** One line per cycle, e.g. {@code server -> replication (Gtids uses GtidDump) -> server (IoThread uses Mysqld)}. */
    List<String> cycles() {
        List<String> out = new ArrayList<>();
        for (Set<String> component : components()) {
            if (component.size() > 1) {
                out.add(describe(cycleThrough(component)));
            }
        }
        return out;
    }

    /** Tarjan's strongly connected components, visiting packages and edges in name order. */
    private List<Set<String>> components() {
        Map<String, Integer> index = new TreeMap<>();
        Map<String, Integer> low = new TreeMap<>();
        Deque<String> stack = new ArrayDeque<>();
        Set<String> onStack = new TreeSet<>();
        List<Set<String>> found = new ArrayList<>();
        for (String pkg : edges.keySet()) {
            if (!index.containsKey(pkg)) {
                connect(pkg, index, low, stack, onStack, found);
            }
        }
        return found;
    }

    private void connect(String v, Map<String, Integer> index, Map<String, Integer> low, Deque<String> stack,
                         Set<String> onStack, List<Set<String>> found) {
        index.put(v, index.size());
        low.put(v, index.get(v));
        stack.push(v);
        onStack.add(v);
        for (String w : uses(v)) {
            if (!index.containsKey(w)) {
                connect(w, index, low, stack, onStack, found);
                low.put(v, Math.min(low.get(v), low.get(w)));
            } else if (onStack.contains(w)) {
                low.put(v, Math.min(low.get(v), index.get(w)));
            }
        }
        if (low.get(v).equals(index.get(v))) {
            Set<String> component = new TreeSet<>();
            String w;
            do {
                w = stack.pop();
                onStack.remove(w);
                component.add(w);
            } while (!w.equals(v));
            found.add(component);
        }
    }

    /**
     * A closed walk from the component's first package that visits every package of it: shortest paths
     * (breadth first, in name order) from each package to the next one not yet on the walk, then home.
     */
    private List<String> cycleThrough(Set<String> component) {
        String start = component.iterator().next();
        List<String> walk = new ArrayList<>(List.of(start));
        Set<String> seen = new TreeSet<>(walk);
        while (seen.size() < component.size()) {
            List<String> leg = shortestPath(walk.get(walk.size() - 1), p -> component.contains(p) && !seen.contains(p),
                    component);
            walk.addAll(leg.subList(1, leg.size()));
            seen.addAll(leg);
        }
        List<String> home = shortestPath(walk.get(walk.size() - 1), start::equals, component);
        walk.addAll(home.subList(1, home.size()));
        return walk;
    }

    private List<String> shortestPath(String from, Predicate<String> target, Set<String> within) {
        Map<String, String> cameFrom = new TreeMap<>();
        Deque<String> queue = new ArrayDeque<>(List.of(from));
        while (!queue.isEmpty()) {
            String p = queue.poll();
            for (String q : uses(p)) {
                if (!within.contains(q) || cameFrom.containsKey(q)) {
                    continue;
                }
                cameFrom.put(q, p);
                if (target.test(q)) {
                    List<String> path = new ArrayList<>(List.of(q));
                    for (String back = p; !back.equals(from); back = cameFrom.get(back)) {
                        path.add(0, back);
                    }
                    path.add(0, from);
                    return path;
                }
                queue.add(q);
            }
        }
        throw new IllegalStateException("no path from " + from + " inside " + within);
    }

    private String describe(List<String> walk) {
        StringBuilder line = new StringBuilder(walk.get(0));
        for (int i = 1; i < walk.size(); i++) {
            line.append(" -> ").append(walk.get(i)).append(" (").append(edges.get(walk.get(i - 1)).get(walk.get(i)))
                    .append(')');
        }
        return line.toString();
    }
}
