package io.semisyncsim.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * sim-core's packages depend on one another one way only (docs/ARCHITECTURE.md, package layering): a
 * package that used a package above it would tie the two into one, and a change to either would reach both.
 */
class PackageCyclesTest {
    private static final Path MAIN_CLASSES = Path.of("target", "classes");
    private static final Path FIXTURE = Path.of("target", "test-classes", "io", "semisyncsim", "guard", "fixture", "cycle");

    @Test
    void simCorePackagesFormNoCycle() {
        PackageGraph graph = PackageGraph.read(MAIN_CLASSES);
        assertTrue(graph.packages().containsAll(Set.of("server", "server.plugin", "flavor", "sql", "replication",
                "semisync", "sysvar", "channel", "cluster")), "compiled classes are there: " + graph.packages());
        assertEquals(List.of(), graph.cycles(), "package cycles");
    }

    @Test
    void guardNamesEachCycleWithAClassOnEveryEdge() {
        PackageGraph graph = PackageGraph.read(FIXTURE);
        assertEquals(List.of("guard.fixture.cycle.a -> guard.fixture.cycle.b (Up uses Across)"
                        + " -> guard.fixture.cycle.c (Across uses Down) -> guard.fixture.cycle.a (Down uses Up)"),
                graph.cycles());
        assertEquals(Set.of("guard.fixture.cycle.a"), graph.uses("guard.fixture.cycle.d"), "a use from outside");
    }
}
