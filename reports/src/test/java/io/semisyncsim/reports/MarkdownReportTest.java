package io.semisyncsim.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The Markdown report tells the same story as the page, in Mermaid. */
class MarkdownReportTest {
    /** The statements this renderer emits, by Mermaid's sequenceDiagram grammar. */
    private static final Pattern STATEMENT = Pattern.compile("participant [A-Za-z0-9_]+ as [^;#\\n:]+"
            + "|Note (over|right of) [A-Za-z0-9_]+(,[A-Za-z0-9_]+)?: [^;#\\n]+"
            + "|[A-Za-z0-9_]+(->>|-->>|-x|--x|--\\))[A-Za-z0-9_]+: [^;#\\n]+"
            + "|rect rgba\\(\\d+, \\d+, \\d+, [\\d.]+\\)|end");

    private static String mermaid() {
        return MarkdownReport.mermaid(HtmlReportTest.eventful().story(2_600_000));
    }

    @Test
    void mermaidIsASequenceDiagramOfValidStatementsWithBalancedBlocks() {
        String m = mermaid();
        String[] lines = m.split("\n");
        assertEquals("```mermaid", lines[0]);
        assertEquals("sequenceDiagram", lines[1]);
        int depth = 0;
        for (int i = 2; i < lines.length && !lines[i].equals("```"); i++) {
            String s = lines[i].strip();
            assertTrue(STATEMENT.matcher(s).matches(), "not a Mermaid statement: " + lines[i]);
            depth += s.startsWith("rect ") ? 1 : s.equals("end") ? -1 : 0;
            assertTrue(depth >= 0);
        }
        assertEquals(0, depth, "every block ends");
    }

    @Test
    void theStoryIsAllThere() {
        String m = mermaid();
        assertTrue(m.contains("participant source_dump_replica1 as source dump → replica1"), m);
        assertTrue(m.contains("source_dump_replica1->>replica1_io_thread: binlog events to binlog.000001:300 · ACK?"), m);
        assertTrue(m.contains("source_dump_replica1-->>replica1_io_thread: heartbeat (sent at 20.01 ms, held 2 s)"),
                "a held packet is dashed, drawn at its late arrival: " + m);
        assertTrue(m.contains("◆ trx 1 visible"), "the engine commit is marked");
        assertTrue(m.contains("✂ partition source ⇄ replica1 (packets held)") && m.contains("partition healed"));
        assertTrue(m.contains("✖ source crashes"));
        assertTrue(m.contains("⟳ mysqld starts"));
        assertTrue(m.contains("★ failover: replica1 is the source · lost: 0 acknowledged, 0 visible"), m);
        assertTrue(m.contains("❄ replica1 frozen (SIGSTOP) for 50 ms"), m);
        assertTrue(m.contains("⋮ 2 s later"), "a quiet stretch says its length");
    }

    @Test
    void aLostPacketEndsInACross() {
        Story s = Traces.started().at(10).send("source", "replica1", "events", Traces.pos(300), 510L)
                .at(100).event("source", "mysqld", "crash").story();
        assertTrue(MarkdownReport.mermaid(s).contains("source_dump_replica1--xreplica1_io_thread: binlog events to"
                + " binlog.000001:300 (sent at 0.01 ms) ✖ lost"), MarkdownReport.mermaid(s));
    }

    @Test
    void longRunsAreSummarisedAndSaySo() {
        Traces t = Traces.started();
        for (int i = 1; i <= 2_000; i++) {
            t.commit(2_000L * i, i, "AFTER_SYNC");
        }
        String m = MarkdownReport.mermaid(t.story());
        assertTrue(m.split("\n").length < MarkdownReport.MAX_LINES + 40, "bounded: " + m.split("\n").length);
        assertTrue(m.contains("A long run: the diagram draws"), m.substring(m.length() - 400));
        assertTrue(m.contains("⋯ not drawn: "), "where it left things out");
    }

    @Test
    void theReportHasTheVerdictExpectationsAndTranscript() {
        String md = MarkdownReport.render(HtmlReportTest.eventfulReport());
        assertTrue(md.startsWith("# timeout-fallback\n"));
        assertTrue(md.contains("| FAIL | mysql-8.0 | 7 |"));
        assertTrue(md.contains("| ✘ | 0.005 ms | source.status.X == OFF | ON | 12:7 |"), md);
        assertTrue(md.contains("## Commit latency"));
        assertTrue(md.contains("```console\n[0.000000 s] source mysql> SELECT 1;"));
    }
}
