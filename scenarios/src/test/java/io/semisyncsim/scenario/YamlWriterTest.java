package io.semisyncsim.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.semisyncsim.scenario.lang.InvalidScenarioException;
import io.semisyncsim.scenario.lang.YNode;
import io.semisyncsim.scenario.lang.YamlTree;
import io.semisyncsim.scenario.lang.YamlWriter;
import org.junit.jupiter.api.Test;

/** What YamlWriter writes, YamlTree reads back as the same text (other control characters it refuses in a file). */
class YamlWriterTest {
    private static String readBack(String text) throws InvalidScenarioException {
        YNode.Map m = (YNode.Map) YamlTree.read("k: " + YamlWriter.quoted(text) + "\n", "t.yaml");
        return ((YNode.Scalar) m.entries().get("k").value()).text();
    }

    @Test
    void quotesBackslashesAndControlCharactersComeBackAsTheyWere() throws InvalidScenarioException {
        for (String s : new String[] {"plain", "a \"quoted\" word", "back\\slash", "line\nbreak", "tab\there",
                "carriage\rreturn"}) {
            assertEquals(s, readBack(s), s);
        }
    }
}
