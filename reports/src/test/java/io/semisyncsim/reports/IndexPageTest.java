package io.semisyncsim.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class IndexPageTest {
    private static final RunReport PASSED = new RunReport("a@mysql-8.0", "lib/a.yaml", "", "mysql-8.0", 3, List.of(), List.of(),
            List.of(new RunReport.Check("3:7", "x == 1", true, "1", 0)), null, List.of(), 2_000_000, "d1", null);
    private static final RunReport FAILED = new RunReport("b", "lib/b.yaml", "", "mysql-5.7", 1, List.of(), List.of(),
            List.of(new RunReport.Check("3:7", "x == 1", false, "2", 0)), null, List.of(), 0, "d2", null);

    @Test
    void listsEveryRunWithItsVerdictFlavourSeedAndLinks() throws Exception {
        String html = IndexPage.render(List.of(IndexPage.Entry.of(PASSED, "a_mysql-8.0"), IndexPage.Entry.of(FAILED, "b"),
                IndexPage.Entry.invalid(new JUnitXml.Invalid("c.yaml", 2, List.of("c.yaml:2:1: no steps")))), null);
        JUnitXmlTest.parse(html);
        assertTrue(html.contains("<p>1 passed, 1 failed, 1 invalid."));
        assertTrue(html.contains("<td>a@mysql-8.0</td><td class=\"PASS\">PASS</td><td>mysql-8.0</td><td>3</td><td>1 of 1</td>"));
        assertTrue(html.contains("<a href=\"a_mysql-8.0/report.html\">report.html</a>"));
        assertTrue(html.contains("<td class=\"FAIL\">FAIL</td><td>mysql-5.7</td><td>1</td>"));
        assertTrue(html.contains("<td class=\"INVALID\">INVALID</td>") && html.contains("c.yaml:2:1: no steps"));
        assertFalse(html.contains("INCOMPLETE"));
    }

    @Test
    void anIncompleteDirectorySaysSoAndWhichRunsDidNotFinish() throws Exception {
        String html = IndexPage.render(List.of(IndexPage.Entry.of(PASSED, "a"),
                IndexPage.Entry.unfinished("b", "b", IndexPage.Status.INTERRUPTED, "mysql-8.0", 1, "b.yaml"),
                IndexPage.Entry.unfinished("c", null, IndexPage.Status.NOT_RUN, "mysql-8.0", 1, "c.yaml")),
                "interrupted while b was running");
        JUnitXmlTest.parse(html);
        assertTrue(html.contains("<p class=\"incomplete\" id=\"incomplete\">INCOMPLETE: interrupted while b was running</p>"));
        assertTrue(html.contains("2 not finished"));
        assertTrue(html.contains(">INTERRUPTED<") && html.contains(">NOT RUN<"));
        assertEquals(html, IndexPage.render(List.of(IndexPage.Entry.of(PASSED, "a"),
                IndexPage.Entry.unfinished("b", "b", IndexPage.Status.INTERRUPTED, "mysql-8.0", 1, "b.yaml"),
                IndexPage.Entry.unfinished("c", null, IndexPage.Status.NOT_RUN, "mysql-8.0", 1, "c.yaml")),
                "interrupted while b was running"), "deterministic");
    }
}
