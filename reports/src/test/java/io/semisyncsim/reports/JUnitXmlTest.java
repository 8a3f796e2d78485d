package io.semisyncsim.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

class JUnitXmlTest {
    private static final RunReport RUN = new RunReport("timeout-fallback", "t.yaml", "d", "mysql-8.0", 7, List.of("source: plugin-load-add=semisync_source.so"), List.of(),
            List.of(new RunReport.Check("12:7", "source.status.Rpl_semi_sync_source_status == OFF", true, "OFF", 1_000_215),
                    new RunReport.Check("13:7", "commits.last.latency >= 1s", false, "215us", 1_000_215)),
            List.of(), List.of(), 1_000_215, "abc");

    private static Document parse(String xml) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void oneTestCasePerExpectationNamedForIt() throws Exception {
        Document d = parse(JUnitXml.render(List.of(RUN)));
        assertEquals(2, d.getElementsByTagName("testcase").getLength());
        Element first = (Element) d.getElementsByTagName("testcase").item(0);
        assertEquals("timeout-fallback", first.getAttribute("classname"));
        assertEquals("source.status.Rpl_semi_sync_source_status == OFF", first.getAttribute("name"));
    }

    @Test
    void aFailureCarriesTheExpectationTheActualValueAndWhereItIsWritten() throws Exception {
        Document d = parse(JUnitXml.render(List.of(RUN)));
        Element failure = (Element) d.getElementsByTagName("failure").item(0);
        assertEquals("commits.last.latency >= 1s -- actual: 215us", failure.getAttribute("message"));
        assertTrue(failure.getTextContent().startsWith("13:7: at virtual 1.000215 s"));
        Element suite = (Element) d.getElementsByTagName("testsuite").item(0);
        assertEquals("1", suite.getAttribute("failures"));
        assertEquals("2", suite.getAttribute("tests"));
    }

    @Test
    void validatesAgainstTheJUnitReportSchema() throws Exception {
        javax.xml.validation.Schema schema = javax.xml.validation.SchemaFactory
                .newInstance(javax.xml.XMLConstants.W3C_XML_SCHEMA_NS_URI)
                .newSchema(getClass().getResource("/junit-report.xsd"));
        RunReport passing = new RunReport("quiet", "q.yaml", "", "mysql-5.7", 1, List.of(), List.of(),
                List.of(new RunReport.Check("3:7", "source.rows == 0", true, "0", 0)), List.of(), List.of(), 0, "");
        schema.newValidator().validate(new javax.xml.transform.stream.StreamSource(
                new java.io.StringReader(JUnitXml.render(List.of(RUN, passing)))));
        String broken = "<testsuites><testsuite name=\"x\" tests=\"1\" failures=\"0\" errors=\"0\">"
                + "<testcase name=\"no classname\"/></testsuite></testsuites>";
        org.junit.jupiter.api.Assertions.assertThrows(org.xml.sax.SAXException.class, () -> schema.newValidator()
                .validate(new javax.xml.transform.stream.StreamSource(new java.io.StringReader(broken))),
                "the schema can reject a report");
    }

    @Test
    void textThatLooksLikeXmlIsEscaped() throws Exception {
        RunReport r = new RunReport("x", "f", "", "mysql-8.0", 1, List.of(), List.of(),
                List.of(new RunReport.Check("1:1", "a < b && c > \"d\"", false, "<none>", 0)), List.of(), List.of(), 0, "");
        Element tc = (Element) parse(JUnitXml.render(List.of(r))).getElementsByTagName("testcase").item(0);
        assertEquals("a < b && c > \"d\"", tc.getAttribute("name"));
    }
}
