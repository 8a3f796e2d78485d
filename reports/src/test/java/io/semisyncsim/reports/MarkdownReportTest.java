package io.semisyncsim.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.semisyncsim.trace.TraceEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class MarkdownReportTest {
    /** The statements this renderer emits, by Mermaid's sequenceDiagram grammar. */
    private static final Pattern STATEMENT = Pattern.compile(
            "participant [A-Za-z0-9_]+|Note over [A-Za-z0-9_]+: [^;#\\n]+|[A-Za-z0-9_]+->>[A-Za-z0-9_]+: [^;#\\n]+");

    private static List<TraceEvent> exchange() {
        return List.of(
                new TraceEvent(10, "source", "connection", "commit.begin", "trx", 1L),
                new TraceEvent(215, "source", "connection", "commit.wait", "point", "AFTER_SYNC", "pos", "(binlog.000001, 449)"),
                new TraceEvent(215, "source", "dump:replica-1", "ack.request", "to", "replica-1", "pos", "(binlog.000001, 449)"),
                new TraceEvent(725, "replica-1", "io_thread", "ack.sent", "to", "source", "pos", "(binlog.000001, 449)"),
                new TraceEvent(1235, "source", "connection", "commit.ok", "trx", 1L, "semisync", true),
                new TraceEvent(1300, "source", "error-log", "log", "line", "2026 0 [Note] Semi-sync replication switched OFF."),
                new TraceEvent(1300, "source", "mysqld", "start"));
    }

    @Test
    void mermaidIsASequenceDiagramOfValidStatements() {
        String m = MarkdownReport.mermaid(exchange());
        String[] lines = m.split("\n");
        assertEquals("```mermaid", lines[0]);
        assertEquals("sequenceDiagram", lines[1]);
        for (int i = 2; i < lines.length - 1; i++) {
            assertTrue(STATEMENT.matcher(lines[i].strip()).matches(), "not a Mermaid statement: " + lines[i]);
        }
        assertTrue(m.contains("replica_1->>source: ACK (binlog.000001, 449)"), m);
        assertTrue(m.contains("participant replica_1"), "ids are sanitised: " + m);
    }

    @Test
    void onlyTheKeyExchangeIsDrawn() {
        String m = MarkdownReport.mermaid(exchange());
        assertTrue(m.contains("switched OFF"));
        assertTrue(!m.contains("start"), "a mysqld start is not part of the exchange");
    }

    @Test
    void longRunsAreCutAndSaySo() {
        List<TraceEvent> many = new ArrayList<>();
        for (int i = 0; i < MarkdownReport.MAX_ARROWS + 5; i++) {
            many.add(new TraceEvent(i, "source", "connection", "commit.begin", "trx", (long) i));
        }
        assertTrue(MarkdownReport.mermaid(many).contains("(5 later messages not drawn; the full trace is in trace.jsonl.)"));
    }
}
