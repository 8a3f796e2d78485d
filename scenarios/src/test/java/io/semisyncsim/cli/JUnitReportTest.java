package io.semisyncsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/**
 * The junit.xml of a run with a failing scenario, an invalid one and a passing library scenario on
 * two flavours, read as CI systems read it: checked against the JUnit report schema, and split into
 * package and class the way Jenkins does (the last dot of {@code classname}).
 */
class JUnitReportTest {
    @TempDir
    static Path dir;

    private static Document junit;
    private static String xml;

    @BeforeAll
    static void runThem() throws Exception {
        Path ci = Files.createDirectories(dir.resolve("ci"));
        Path fail = Files.writeString(ci.resolve("fail.yaml"), "name: failing\ntopology:\n  source: source\n  replicas: []\n"
                + "steps:\n  - expect:\n      source.variables.server_id: 2\n      source.rows: 0\n");
        Path bad = Files.writeString(ci.resolve("bad.yaml"), "name: bad\ntopology:\n  source: source\n  replicas: []\n"
                + "steps:\n  - slep: 1s\n");
        Path out = dir.resolve("report");
        assertEquals(Cli.INVALID, Cli.run("run", "--quiet", "--report", out.toString(), fail.toString(), bad.toString(),
                "library/teaching/manual-installation.yaml"));
        xml = Files.readString(out.resolve("junit.xml"));
        junit = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
    }

    private static List<Element> cases() {
        NodeList n = junit.getElementsByTagName("testcase");
        List<Element> out = new ArrayList<>();
        for (int i = 0; i < n.getLength(); i++) {
            out.add((Element) n.item(i));
        }
        return out;
    }

    @Test
    void theFileKeepsToTheJUnitReportSchema() throws Exception {
        SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI)
                .newSchema(Path.of("../reports/src/test/resources/junit-report.xsd").toFile())
                .newValidator().validate(new StreamSource(new StringReader(xml)));
    }

    /** Jenkins' CaseResult/ClassResult: the package is the classname up to its last dot, the class the rest. */
    private record JenkinsName(String pkg, String cls, String test) {
        static JenkinsName of(Element testcase) {
            String classname = testcase.getAttribute("classname");
            int dot = classname.lastIndexOf('.');
            return new JenkinsName(dot < 0 ? "(root)" : classname.substring(0, dot), classname.substring(dot + 1),
                    testcase.getAttribute("name"));
        }
    }

    @Test
    void jenkinsSplitsPackageAndClassWhereTheScenarioIs() throws IOException {
        Set<String> classes = new HashSet<>();
        Set<String> tests = new HashSet<>();
        for (Element c : cases()) {
            JenkinsName n = JenkinsName.of(c);
            classes.add(n.pkg() + " | " + n.cls());
            assertFalse(n.cls().contains("@") || n.pkg().contains("mysql-"), "no flavour in the class or package: " + n);
            assertTrue(tests.add(n.pkg() + "." + n.cls() + "#" + n.test()), "unique test: " + n);
        }
        assertEquals(Set.of("semisync.ci | failing", "semisync.ci | bad", "semisync.library.teaching | manual_installation"),
                classes);
        assertTrue(tests.contains("semisync.library.teaching.manual_installation#[mysql-8.0] "
                + "source.status.Rpl_semi_sync_master_status == ON"), String.join("\n", tests));
        assertTrue(tests.contains("semisync.library.teaching.manual_installation#[mysql-5.7] "
                + "source.status.Rpl_semi_sync_master_status == ON"), String.join("\n", tests));
    }

    @Test
    void theFailureHasItsPlaceExpectedActualAndTranscript() {
        Element failing = cases().stream().filter(c -> c.getElementsByTagName("failure").getLength() > 0).findFirst().orElseThrow();
        assertTrue(failing.getAttribute("file").endsWith("ci/fail.yaml"));
        assertEquals("7", failing.getAttribute("line"));
        Element failure = (Element) failing.getElementsByTagName("failure").item(0);
        assertEquals("expected source.variables.server_id == 2, actual 1", failure.getAttribute("message"));
        assertTrue(failure.getTextContent().contains("reproduce: ./semisync-sim run "), failure.getTextContent());
        assertTrue(failing.getElementsByTagName("system-out").item(0).getTextContent()
                .contains("✘ source.variables.server_id == 2   (actual: 1)"));
    }

    @Test
    void theInvalidFileIsAnError() {
        Element bad = cases().stream().filter(c -> c.getElementsByTagName("error").getLength() > 0).findFirst().orElseThrow();
        assertEquals("semisync.ci.bad", bad.getAttribute("classname"));
        assertEquals("6", bad.getAttribute("line"));
        assertEquals("1", junit.getDocumentElement().getAttribute("errors"));
        assertEquals("1", junit.getDocumentElement().getAttribute("failures"));
    }

    @Test
    void timeIsWallTimeAndVirtualTimeAProperty() {
        Element suite = (Element) junit.getElementsByTagName("testsuite").item(0);
        assertTrue(Double.parseDouble(suite.getAttribute("time")) > 0, "a run takes some wall time");
        assertTrue(xml.contains("<property name=\"virtual_time_s\" value=\""));
    }
}
