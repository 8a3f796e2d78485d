package io.semisyncsim.scenario;

import io.semisyncsim.scenario.lang.RunListener;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.semisyncsim.trace.MemorySink;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Every line of a real run's trace.jsonl follows schema version 2 (docs/TRACE.md). */
class TraceSchemaTest {
    private static final Set<String> KINDS = Set.of("sql", "commit.begin", "flush", "commit.wait", "commit.released",
            "commit.visible", "commit.ok", "dump.start", "dump.stop", "dump.error", "ack.request", "ack.sent", "ack", "io.start",
            "io.connected", "io.connect_failed", "send", "deliver", "io.net_timeout", "io.connection_lost", "io.fatal", "io.stop",
            "io.space_wait", "io.space_freed",
            "sql.start", "sql.applied", "sql.stop", "connect", "close", "partition", "heal", "reset", "link", "log",
            "start", "shutdown", "stopped", "power-off", "crash", "crash.lost", "crash.recovery", "promoted", "slow-disk", "pause", "resume");

    @Test
    void everyLineHasTheKeysInOrderWithTheirTypesAndADocumentedKind() throws Exception {
        MemorySink sink = new MemorySink();
        new ScenarioRunner().run(ScenarioReader.read(Path.of("library/regression/switch-on-after-catch-up.yaml"))
                .on("mysql-8.0"), new RunListener() { }, sink);
        ObjectMapper json = new ObjectMapper();
        long previous = 0;
        String[] lines = sink.jsonl().split("\n");
        assertTrue(lines.length > 20);
        for (String line : lines) {
            JsonNode event = json.readTree(line);
            List<String> keys = new ArrayList<>();
            for (Iterator<String> it = event.fieldNames(); it.hasNext(); ) {
                keys.add(it.next());
            }
            assertEquals(List.of("t", "node", "actor", "kind", "data"), keys, line);
            assertTrue(event.get("t").isIntegralNumber() && event.get("t").asLong() >= previous, "time never goes back: " + line);
            assertTrue(event.get("node").isTextual() && event.get("actor").isTextual(), line);
            assertTrue(KINDS.contains(event.get("kind").asText()), "a documented kind: " + line);
            assertTrue(event.get("data").isObject(), line);
            event.get("data").fields().forEachRemaining(f -> assertTrue(f.getValue().isValueNode(), "flat values: " + line));
            previous = event.get("t").asLong();
        }
    }

    @Test
    void everyCommitWaitSaysWhereItWaitsAndEndsWithItsRelease() throws Exception {
        MemorySink sink = new MemorySink();
        new ScenarioRunner().run(ScenarioReader.read(Path.of("library/teaching/timeout-and-switch-back-on.yaml"))
                .on("mysql-8.0"), new RunListener() { }, sink);
        ObjectMapper json = new ObjectMapper();
        java.util.Map<String, Integer> open = new java.util.TreeMap<>();
        int waits = 0;
        for (String line : sink.jsonl().split("\n")) {
            JsonNode event = json.readTree(line);
            JsonNode data = event.get("data");
            String waiter = event.get("node").asText() + " " + data.path("waiter").asText();
            if (event.get("kind").asText().equals("commit.wait")) {
                waits++;
                assertTrue(data.path("point").asText().startsWith("AFTER_"), line);
                assertTrue(data.path("pos").asText().contains(".0000"), line);
                open.merge(waiter, 1, Integer::sum);
            } else if (event.get("kind").asText().equals("commit.released")) {
                assertTrue(data.path("semisync").isBoolean(), line);
                assertEquals(1, open.remove(waiter), "a release of a wait that was held: " + line);
            }
        }
        assertTrue(waits > 0, "the scenario holds commits");
        assertEquals(java.util.Map.of(), open, "every wait ends with its release");
    }
}
