package io.semisyncsim.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.semisyncsim.flavor.Flavors;
import io.semisyncsim.scenario.lang.InvalidScenarioException;
import io.semisyncsim.scenario.lang.RunListener;
import io.semisyncsim.scenario.lang.RunResult;
import io.semisyncsim.scenario.lang.Scenario;
import io.semisyncsim.server.StatementResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * network.client_latency: a client's statement reaches its server that long after it is sent, and its
 * answer the client as long after; the default, 0, hands both over at once.
 */
class ClientRoundTripTest {
    private static final Path LIBRARY = Path.of("library", "language", "client-round-trip.yaml");

    /** The library scenario with its client_latency line set to {@code value} (null: the line removed). */
    private static Scenario libraryScenarioWith(String value) throws IOException, InvalidScenarioException {
        String text = Files.readString(LIBRARY);
        String line = text.lines().filter(l -> l.strip().startsWith("client_latency:")).findFirst().orElseThrow();
        text = text.replace(line + "\n", value == null ? "" : "  client_latency: " + value + "\n");
        return ScenarioReader.read(text, LIBRARY.toString(), Flavors.standard());
    }

    /** Each statement's (elapsed µs, sql), as the run's listener heard them. */
    private static List<String> statements(Scenario s, RunResult[] result) {
        List<String> out = new ArrayList<>();
        result[0] = new ScenarioRunner().run(s, new RunListener() {
            @Override
            public void statement(long time, long elapsed, String node, String user, String sql, StatementResult r) {
                out.add(elapsed + " " + sql);
            }
        });
        return out;
    }

    @Test
    void aStatementsAnswerComesAClientRoundTripAfterItIsSent() throws Exception {
        RunResult[] r = new RunResult[1];
        List<String> latent = statements(libraryScenarioWith("5ms"), r);
        assertTrue(latent.contains("10000 SELECT 1"), latent.toString());
        List<String> none = statements(libraryScenarioWith(null), r);
        assertTrue(none.contains("0 SELECT 1"), none.toString());
    }

    @Test
    void withTimeoutZeroTheRoundTripDecidesWhetherTheNextCommitFindsSemisyncOn() throws Exception {
        RunResult latent = new ScenarioRunner().run(libraryScenarioWith("5ms"), new RunListener() { });
        assertTrue(latent.passed(), "the library scenario holds with its 5 ms: " + latent.outcomes());
        // Without the round trip the second and third commits arrive while semisync is OFF: they go
        // asynchronous without waiting, so there is one timeout and one switch OFF, not three.
        RunResult none = new ScenarioRunner().run(libraryScenarioWith(null), new RunListener() { });
        List<String> failed = none.outcomes().stream().filter(o -> !o.held())
                .map(o -> o.description() + " -> " + (o.description().startsWith("source.log")
                        ? o.actual().split("Timeout waiting for reply of binlog", -1).length - 1 + " timeouts"
                        : o.actual())).toList();
        assertEquals(List.of(
                "commits.last.latency >= 10ms -> 15us",
                "source.status.Rpl_semi_sync_master_no_times == 3 -> 1",
                "source.log count(\"[Warning] Timeout waiting for reply of binlog\") == 3 -> 1 timeouts",
                "source.log count(\"Semi-sync replication switched ON with slave\") == 3 -> 1 timeouts"), failed);
    }
}
