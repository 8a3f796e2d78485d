package io.semisyncsim.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.semisyncsim.trace.TraceEvent;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

/** The HTML report is well-formed XHTML with inline SVG, self-contained, and stays bounded. */
class HtmlReportTest {
    private static final RunReport RUN = new RunReport("timeout-fallback", "t.yaml", "A <timeout> & a fallback.",
            "mysql-8.0", 7, List.of("source: plugin-load-add=semisync_source.so"), List.of(new RunReport.Entry(0, "source", "mysql> SELECT 1;")),
            List.of(new RunReport.Check("12:7", "source.status.X == OFF", false, "ON", 5)),
            List.of(new RunReport.CommitPoint(1_225, 1_225, true), new RunReport.CommitPoint(1_001_440, 1_000_215, false)),
            List.of(new RunReport.Sample(0, "source", "Rpl_semi_sync_source_status", "ON"),
                    new RunReport.Sample(1_000_215, "source", "Rpl_semi_sync_source_status", "OFF"),
                    new RunReport.Sample(0, "source", "Rpl_semi_sync_source_wait_sessions", "0"),
                    new RunReport.Sample(215, "source", "Rpl_semi_sync_source_wait_sessions", "1"),
                    new RunReport.Sample(1_000_215, "source", "Rpl_semi_sync_source_wait_sessions", "0")),
            1_001_440, "abc");

    private static List<TraceEvent> trace() {
        return List.of(
                new TraceEvent(10, "source", "connection", "commit.begin", "trx", 1L),
                new TraceEvent(215, "source", "dump:replica1", "ack.request", "to", "replica1", "pos", "(binlog.000001, 449)"),
                new TraceEvent(725, "replica1", "io_thread", "ack.sent", "to", "source", "pos", "(binlog.000001, 449)"),
                new TraceEvent(1_000_215, "source", "error-log", "log", "line", "x [Note] Semi-sync replication switched OFF."));
    }

    private static Document parse(String xml) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void isWellFormedXhtmlWithInlineSvg() throws Exception {
        Document d = parse(HtmlReport.render(RUN, trace()));
        assertEquals("html", d.getDocumentElement().getLocalName());
        assertEquals(5, d.getElementsByTagNameNS("http://www.w3.org/2000/svg", "svg").getLength());
    }

    @Test
    void needsNothingFromTheNetworkAndRunsNoScript() {
        String html = HtmlReport.render(RUN, trace());
        assertFalse(html.contains("<script"));
        assertFalse(html.contains("src=\"http"));
        assertFalse(html.contains("href=\"http"));
    }

    @Test
    void aQuietStretchIsOneMarkedRow() {
        String svg = HtmlReport.sequence(trace());
        assertTrue(svg.contains("0.999490 s later"), svg);
    }

    @Test
    void longRunsDrawABoundedDiagramAndSaySo() {
        List<TraceEvent> many = new ArrayList<>();
        for (int i = 0; i < HtmlReport.MAX_ROWS + 10; i++) {
            many.add(new TraceEvent(i, "source", "connection", "commit.begin", "trx", (long) i));
        }
        assertTrue(HtmlReport.sequence(many).contains("(10 later events not drawn"));
    }

    @Test
    void labelsKeepTheMessageNotTheLogDecoration() {
        TraceEvent e = new TraceEvent(5, "source", "error-log", "log", "line",
                "2026-01-01T00:00:01.000000Z 0 [Note] [MY-011155] [Repl] Plugin rpl_semi_sync_source reported: "
                        + "'Semi-sync replication switched OFF.'");
        assertEquals("Semi-sync replication switched OFF.", MarkdownReport.label(e));
    }

    @Test
    void statusVariablesAreDrawnAsStepsOverTime() {
        String html = HtmlReport.statusOverTime(RUN.samples(), RUN.endTime());
        assertTrue(html.contains("source Rpl_semi_sync_source_status"), html);
        assertTrue(html.contains("source Rpl_semi_sync_source_wait_sessions (0 to 1)"), html);
    }

    @Test
    void userTextIsEscaped() {
        assertTrue(HtmlReport.render(RUN, trace()).contains("A &lt;timeout&gt; &amp; a fallback."));
    }
}
