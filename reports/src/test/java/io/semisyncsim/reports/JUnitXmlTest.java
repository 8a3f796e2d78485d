package io.semisyncsim.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** JUnit XML as CI systems read it. */
class JUnitXmlTest {
    private static RunReport run(String name, String file, List<RunReport.Check> checks) {
        return new RunReport(name, file, "d", "mysql-8.0", 7, List.of(), List.of(new RunReport.Entry(0, null, "sleep 10ms"),
                new RunReport.Entry(1_000_215, "source", "mysql> SELECT 1;")), checks, null, List.of(), 1_000_215, "abc", null);
    }

    private static final RunReport RUN = run("timeout-fallback@mysql-8.0", "library/regression/timeout-fallback.yaml", List.of(
            new RunReport.Check("12:7", "source.status.Rpl_semi_sync_source_status == OFF", true, "OFF", 1_000_215),
            new RunReport.Check("13:7", "commits.last.latency >= 1s", false, "215us", 1_000_215),
            new RunReport.Check("20:7", "source.status.Rpl_semi_sync_source_status == OFF", true, "OFF", 1_000_300)));

    private static final JUnitXml.Run TIMED = new JUnitXml.Run(RUN, "./semisync-sim run library/regression/timeout-fallback.yaml"
            + " --flavor mysql-8.0 --seed 7", 1_500_000, List.of(400_000L, 900_000L, 1_400_000L));

    private static final JUnitXml.Invalid INVALID = new JUnitXml.Invalid("tests/bad.yaml", 6,
            List.of("tests/bad.yaml:6:5: unknown key 'slep' in a step; did you mean 'sleep'?"));

    static Document parse(String xml) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    private static List<Element> cases(Document d) {
        NodeList n = d.getElementsByTagName("testcase");
        return java.util.stream.IntStream.range(0, n.getLength()).mapToObj(i -> (Element) n.item(i)).toList();
    }

    @Test
    void theClassnameHasNoDotsInsideARunsNameAndTheFlavourIsInTheTestName() throws Exception {
        Element first = cases(parse(JUnitXml.render(List.of(TIMED), List.of()))).get(0);
        assertEquals("semisync.library.regression.timeout_fallback", first.getAttribute("classname"));
        assertEquals("[mysql-8.0] source.status.Rpl_semi_sync_source_status == OFF", first.getAttribute("name"));
    }

    @Test
    void classnamesComeFromTheLibraryOnOrTheParentDirectory() {
        assertEquals("semisync.library.teaching.manual_installation",
                JUnitXml.classname("scenarios/library/teaching/manual-installation.yaml", "manual-installation@mysql-5.7"));
        assertEquals("semisync.library.teaching.manual_installation",
                JUnitXml.classname("library/teaching/manual-installation.yaml", "manual-installation"));
        assertEquals("semisync.ci.my_first", JUnitXml.classname("/home/me/ci/my-first.yaml", "my-first"));
        assertEquals("semisync.v1_2.t", JUnitXml.classname("/tmp/v1.2/t.yaml", "t"), "dots in a directory name become _");
    }

    @Test
    void theClassnameIsTheSameHoweverThePathIsTyped(@TempDir Path dir) throws IOException {
        Path bad = Files.createDirectories(dir.resolve("trial").resolve("bad"));
        Path file = Files.writeString(bad.resolve("badsql.yaml"), "name: badsql\n");
        Path cwd = Path.of("").toAbsolutePath();
        Path link = Files.createSymbolicLink(dir.resolve("elsewhere.yaml"), file);
        for (String typed : List.of(file.toString(), cwd.relativize(file).toString(),
                cwd.relativize(bad).resolve("../bad/./badsql.yaml").toString(), link.toString())) {
            assertEquals("semisync.bad.badsql", JUnitXml.classname(typed, "badsql"), typed);
        }
    }

    @Test
    void testNamesAreUniqueARepeatGetsItsLine() throws Exception {
        List<Element> c = cases(parse(JUnitXml.render(List.of(TIMED, TIMED), List.of())));
        Set<String> seen = new HashSet<>();
        for (Element e : c) {
            assertTrue(seen.add(e.getAttribute("classname") + "/" + e.getAttribute("name")), "unique: " + e.getAttribute("name"));
        }
        assertEquals("[mysql-8.0] source.status.Rpl_semi_sync_source_status == OFF (line 20)", c.get(2).getAttribute("name"));
        assertEquals("[mysql-8.0] source.status.Rpl_semi_sync_source_status == OFF (line 12)", c.get(3).getAttribute("name"));
    }

    @Test
    void everyCaseSaysItsFileAndLine() throws Exception {
        Element second = cases(parse(JUnitXml.render(List.of(TIMED), List.of()))).get(1);
        assertEquals("library/regression/timeout-fallback.yaml", second.getAttribute("file"));
        assertEquals("13", second.getAttribute("line"));
    }

    @Test
    void timeIsWallSecondsAndVirtualTimeAProperty() throws Exception {
        Document d = parse(JUnitXml.render(List.of(TIMED), List.of()));
        Element suite = (Element) d.getElementsByTagName("testsuite").item(0);
        assertEquals("1.500000", suite.getAttribute("time"));
        List<Element> c = cases(d);
        assertEquals("0.400000", c.get(0).getAttribute("time"));
        assertEquals("0.500000", c.get(1).getAttribute("time"), "the wall time since the previous check");
        NodeList props = d.getElementsByTagName("property");
        boolean virtual = false;
        for (int i = 0; i < props.getLength(); i++) {
            Element p = (Element) props.item(i);
            virtual |= p.getAttribute("name").equals("virtual_time_s") && p.getAttribute("value").equals("1.000215");
        }
        assertTrue(virtual, "virtual time is a property");
    }

    @Test
    void aFailureSaysExpectedAndActualAndCarriesTheTranscript() throws Exception {
        Element c = cases(parse(JUnitXml.render(List.of(TIMED), List.of()))).get(1);
        Element failure = (Element) c.getElementsByTagName("failure").item(0);
        assertEquals("expected commits.last.latency >= 1s, actual 215us", failure.getAttribute("message"));
        assertTrue(failure.getTextContent().startsWith("library/regression/timeout-fallback.yaml:13:7: at virtual 1.000215 s"));
        assertTrue(failure.getTextContent().contains("reproduce: ./semisync-sim run library/regression/timeout-fallback.yaml"
                + " --flavor mysql-8.0 --seed 7"));
        assertTrue(c.getElementsByTagName("system-out").item(0).getTextContent().contains("[1.000215 s] source mysql> SELECT 1;"));
    }

    @Test
    void anInvalidFileIsAnErroringCase() throws Exception {
        Document d = parse(JUnitXml.render(List.of(TIMED), List.of(INVALID)));
        Element root = d.getDocumentElement();
        assertEquals("1", root.getAttribute("errors"));
        assertEquals("1", root.getAttribute("failures"));
        assertEquals("4", root.getAttribute("tests"));
        Element c = cases(d).get(3);
        assertEquals("semisync.tests.bad", c.getAttribute("classname"));
        assertEquals("6", c.getAttribute("line"));
        Element error = (Element) c.getElementsByTagName("error").item(0);
        assertEquals("invalid-scenario", error.getAttribute("type"));
        assertTrue(error.getAttribute("message").contains("unknown key 'slep'"));
    }

    @Test
    void validatesAgainstTheJUnitReportSchemaWhichCanRejectAReport() throws Exception {
        Schema schema = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI)
                .newSchema(getClass().getResource("/junit-report.xsd"));
        schema.newValidator().validate(new StreamSource(new StringReader(JUnitXml.render(List.of(TIMED), List.of(INVALID)))));
        String broken = "<testsuites><testsuite name=\"x\" tests=\"1\" failures=\"0\" errors=\"0\">"
                + "<testcase name=\"no classname\"/></testsuite></testsuites>";
        assertThrows(org.xml.sax.SAXException.class, () -> schema.newValidator()
                .validate(new StreamSource(new StringReader(broken))), "the schema can reject a report");
    }

    @Test
    void textThatLooksLikeXmlIsEscaped() throws Exception {
        RunReport r = run("x", "f.yaml", List.of(new RunReport.Check("1:1", "a < b && c > \"d\"", false, "<none>", 0)));
        Element tc = cases(parse(JUnitXml.render(List.of(new JUnitXml.Run(r, "x", 0, List.of(0L))), List.of()))).get(0);
        assertEquals("[mysql-8.0] a < b && c > \"d\"", tc.getAttribute("name"));
    }
}
