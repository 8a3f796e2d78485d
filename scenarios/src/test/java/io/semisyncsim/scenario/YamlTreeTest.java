package io.semisyncsim.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.semisyncsim.scenario.lang.InvalidScenarioException;
import io.semisyncsim.scenario.lang.YNode;
import io.semisyncsim.scenario.lang.YamlTree;
import java.util.List;
import org.junit.jupiter.api.Test;

/** YAML as YAML defines it where scenarios use it: anchors, aliases and merge keys. */
class YamlTreeTest {
    private static YNode.Map read(String yaml) throws InvalidScenarioException {
        return (YNode.Map) YamlTree.read(yaml, "f.yaml");
    }

    @Test
    void anAliasStandsForTheAnchoredMappingOrList() throws InvalidScenarioException {
        YNode.Map root = read("a: &steps [x, y]\nb: *steps\nc: &m {k: 1}\nd: *m\n");
        assertSame(root.entries().get("a").value(), root.entries().get("b").value());
        assertSame(root.entries().get("c").value(), root.entries().get("d").value());
    }

    @Test
    void aMergeKeyAddsTheKeysTheMappingDoesNotHave() throws InvalidScenarioException {
        YNode.Map root = read("base: &b {on: source, as: app}\nstep:\n  <<: *b\n  as: root\n  sql: SELECT 1\n");
        YNode.Map step = (YNode.Map) root.entries().get("step").value();
        assertEquals(List.of("as", "sql", "on"), List.copyOf(step.entries().keySet()));
        assertEquals("root", ((YNode.Scalar) step.entries().get("as").value()).text(), "the key written beside it wins");
        assertEquals("source", ((YNode.Scalar) step.entries().get("on").value()).text());
    }

    @Test
    void aMergeOfSeveralMappingsLetsTheFirstWin() throws InvalidScenarioException {
        YNode.Map root = read("x: &x {a: 1}\ny: &y {a: 2, b: 2}\nz:\n  <<: [*x, *y]\n");
        YNode.Map z = (YNode.Map) root.entries().get("z").value();
        assertEquals("1", ((YNode.Scalar) z.entries().get("a").value()).text());
        assertEquals("2", ((YNode.Scalar) z.entries().get("b").value()).text());
    }

    @Test
    void nullsAreKnownAsNulls() throws InvalidScenarioException {
        YNode.Map root = read("a: ~\nb: NULL\nc: 'NULL'\n");
        assertTrue(((YNode.Scalar) root.entries().get("a").value()).isNull());
        assertTrue(((YNode.Scalar) root.entries().get("b").value()).isNull());
        assertInstanceOf(YNode.Scalar.class, root.entries().get("c").value());
        assertTrue(!((YNode.Scalar) root.entries().get("c").value()).isNull(), "a quoted NULL is text");
    }
}
