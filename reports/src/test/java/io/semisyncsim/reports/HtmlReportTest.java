package io.semisyncsim.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

/** The HTML report: well-formed, self-contained, deterministic, and drawing each fact of the story. */
class HtmlReportTest {

    /** A commit, a partition that holds a packet for 2 s, a crash and restart, a pause, a failover. */
    static Traces eventful() {
        Traces t = Traces.started().commit(10_000, 1, "AFTER_SYNC");
        t.at(20_000).event("network", "network", "partition", "a", "source", "b", "replica1", "both_ways", true, "cut", "HOLD")
                .at(20_010).send("source", "replica1", "heartbeat", null, null)
                .at(2_020_000).event("network", "network", "heal")
                .at(2_020_500).deliver("replica1", "source", "heartbeat", null)
                .at(2_030_000).event("replica1", "mysqld", "pause", "for_us", 50_000L)
                .at(2_080_000).event("replica1", "mysqld", "resume")
                .at(2_090_000).event("source", "mysqld", "crash")
                .event("replica1", "mysqld", "promoted")
                .at(2_500_000).event("source", "mysqld", "start", "state", "RUNNING");
        return t;
    }

    static RunReport report(Story story, LatencyStats latency) {
        return new RunReport("timeout-fallback", "library/t.yaml", "A <timeout> & a fallback.", "mysql-8.0", 7,
                List.of("source: plugin-load-add=semisync_source.so"), List.of(new RunReport.Entry(0, "source", "mysql> SELECT 1;")),
                List.of(new RunReport.Check("12:7", "source.status.X == OFF", false, "ON", 5)), latency,
                List.of(new RunReport.Sample(0, "source", "Rpl_semi_sync_source_status", "ON"),
                        new RunReport.Sample(2_000_000, "source", "Rpl_semi_sync_source_status", "OFF"),
                        new RunReport.Sample(0, "source", "Rpl_semi_sync_source_wait_sessions", "0"),
                        new RunReport.Sample(10_205, "source", "Rpl_semi_sync_source_wait_sessions", "1"),
                        new RunReport.Sample(11_215, "source", "Rpl_semi_sync_source_wait_sessions", "0")),
                story.end(), "abc", story);
    }

    static RunReport eventfulReport() {
        LatencyStats l = new LatencyStats();
        l.record(11_225, 1_225, true);
        l.record(2_020_000, 2_000_000, false);
        l.record(2_021_000, 215, null);
        return report(eventful().story(2_600_000), l);
    }

    private static Document parse(String xml) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void isWellFormedXhtmlWithInlineSvgPictures() throws Exception {
        Document d = parse(HtmlReport.render(eventfulReport()));
        assertEquals("html", d.getDocumentElement().getLocalName());
        assertEquals(4, d.getElementsByTagNameNS("http://www.w3.org/2000/svg", "svg").getLength(),
                "the sequence diagram, the timelines, the latency chart and its histogram");
    }

    @Test
    void theSequenceDiagramDrawsEveryFactOfTheStory() {
        String html = HtmlReport.render(eventfulReport());
        for (String cls : List.of("crash", "restart", "partition", "cut", "heal", "visible", "wait", "msg ev", "msg ack",
                "msg hb held", "down", "frozen", "failover", "break")) {
            assertTrue(html.contains("<g class=\"" + cls + "\""), "a <g class=\"" + cls + "\"> mark");
        }
        assertTrue(html.contains("heartbeat (held 2 s)"), "a held packet says how late it was");
        assertTrue(html.contains("⋮ 1.999 s later"), "a cut stretch says its length");
    }

    @Test
    void everyMessageHasItsDetailsOnHover() {
        String svg = new SequenceSvg(eventful().story(2_600_000)).render(List.of());
        Matcher m = Pattern.compile("<g class=\"msg[^\"]*\"><title>([^<]*)</title>").matcher(svg);
        int n = 0;
        while (m.find()) {
            assertTrue(m.group(1).contains("sent at"), m.group(1));
            n++;
        }
        assertEquals(3, n, "events, ACK and the held heartbeat");
    }

    @Test
    void needsNothingFromTheNetwork() {
        String html = HtmlReport.render(eventfulReport());
        assertFalse(html.contains("src=\"http"));
        assertFalse(html.contains("href=\"http"));
        assertFalse(html.contains("url(http"));
        assertFalse(html.contains("@import"));
    }

    @Test
    void theSameRunGivesTheSameBytes() {
        assertEquals(HtmlReport.render(eventfulReport()), HtmlReport.render(eventfulReport()));
    }

    @Test
    void userTextIsEscaped() {
        assertTrue(HtmlReport.render(eventfulReport()).contains("A &lt;timeout&gt; &amp; a fallback."));
    }

    @Test
    void aCrashedNodeIsShadedDownOverEveryRowOfItsStatusUntilItStarts() {
        Story story = eventful().story(2_600_000);
        String svg = Timelines.render(eventfulReport().samples(), story, new SequenceSvg(story).axis());
        Matcher down = Pattern.compile("<g class=\"down\"><title>source down from 2.090000 s to 2.500000 s</title>"
                + "<rect x=\"([\\d.]+)\" y=\"([\\d.]+)\" width=\"([\\d.]+)\" height=\"([\\d.]+)\"").matcher(svg);
        assertTrue(down.find(), svg);
        Matcher rows = Pattern.compile("<rect class=\"(on|off|num\\d)\" x=\"[\\d.]+\" y=\"([\\d.]+)\"").matcher(svg);
        double top = Double.parseDouble(down.group(2));
        double bottom = top + Double.parseDouble(down.group(4));
        while (rows.find()) {
            double y = Double.parseDouble(rows.group(2));
            assertTrue(y >= top && y + 16 <= bottom, "the shade covers every row of the node, row at " + y);
            assertTrue(rows.start() < down.start(), "and is drawn over them");
        }
        assertTrue(svg.contains(">ON<") && svg.contains(">OFF<"), "bands carry readable labels");
    }

    @Test
    void latencyIsOnALogScaleWithPercentilesAndThreeColours() {
        String html = HtmlReport.render(eventfulReport());
        for (String tick : List.of(">100 µs<", ">1 ms<", ">10 ms<", ">100 ms<", ">1 s<", ">10 s<")) {
            assertTrue(html.contains(tick), "decade tick " + tick);
        }
        assertTrue(html.contains(">p50 ") && html.contains(">p95 ") && html.contains(">p99 "));
        assertTrue(html.contains("class=\"c0\"") && html.contains("class=\"c1\"") && html.contains("class=\"c2\""),
                "semisync, asynchronous and unknown commits in their colours");
        assertTrue(html.contains("class=\"latency histogram\""));
    }

    @Test
    void aLongRunStaysSmallAndSaysWhatItLeftOut() {
        Traces t = Traces.started();
        LatencyStats l = new LatencyStats();
        for (int i = 1; i <= 20_000; i++) {
            t.commit(2_000L * i, i, "AFTER_SYNC");
            l.record(2_000L * i + 1_225, 1_225, true);
        }
        String html = HtmlReport.render(report(t.story(), l));
        assertTrue(html.length() < 1_500_000, "bounded: " + html.length());
        assertTrue(html.contains("This run is long"), "says it summarised");
        assertTrue(html.contains("commits, "), "says what it left out");
    }
}
