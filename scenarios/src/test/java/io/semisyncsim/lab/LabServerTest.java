package io.semisyncsim.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.semisyncsim.live.LiveSession;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the lab's server lets through: the page on loopback to anyone on the machine; everything else
 * only with the session's token (a POST only with it in a header, which another site's page cannot
 * send), and only for the address it serves (DNS rebinding). The page cannot write files.
 */
class LabServerTest {
    private LiveSession session;
    private LabServer server;

    @BeforeEach
    void start() throws Exception {
        session = LiveSession.start(LiveSession.fresh("mysql-8.0", 1, 1).withFileWrites(false));
        server = LabServer.start(session, InetAddress.getLoopbackAddress(), 0);
    }

    @AfterEach
    void stop() {
        server.close();
        session.close();
    }

    /** A raw HTTP/1.1 request (the JDK's client will not send a Host header of our choosing); the whole answer. */
    private String http(String method, String path, String host, String header, String body) throws IOException {
        return http(InetAddress.getLoopbackAddress(), server.port(), method, path, host, header, body);
    }

    private static String http(InetAddress address, int port, String method, String path, String host, String header,
                               String body) throws IOException {
        try (Socket s = new Socket(address, port)) {
            byte[] b = body.getBytes(StandardCharsets.UTF_8);
            String req = method + " " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n"
                    + (header == null ? "" : header + "\r\n") + "Content-Type: application/json\r\nContent-Length: "
                    + b.length + "\r\n\r\n";
            OutputStream out = s.getOutputStream();
            out.write(req.getBytes(StandardCharsets.UTF_8));
            out.write(b);
            out.flush();
            InputStream in = s.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private String local() {
        return "127.0.0.1:" + server.port();
    }

    private String post(String line, String header) throws IOException {
        return http("POST", "/command", local(), header, "{\"line\": \"" + line + "\", \"node\": \"source\"}");
    }

    @Test
    void thePageNeedsNoTokenOnLoopbackAndCarriesIt() throws IOException {
        String page = http("GET", "/", local(), null, "");
        assertTrue(page.startsWith("HTTP/1.1 200"), page);
        assertTrue(page.contains("data-token=\"" + server.token() + "\""));
        assertTrue(page.toLowerCase(java.util.Locale.ROOT).contains("content-security-policy: default-src 'self'"), "scripts and styles only from the page itself");
        assertTrue(http("GET", "/", "localhost:" + server.port(), null, "").startsWith("HTTP/1.1 200"));
    }

    @Test
    void anotherHostNameIsRefused() throws IOException {
        assertTrue(http("GET", "/", "evil.example:" + server.port(), null, "").startsWith("HTTP/1.1 403"));
        assertTrue(http("GET", "/state?token=" + server.token(), "evil.example", null, "").startsWith("HTTP/1.1 403"));
    }

    @Test
    void anotherLoopbackAddressIsServedAsLoopbackAtTheAddressPrinted() throws IOException, InterruptedException {
        InetAddress other = InetAddress.getByName("127.0.0.2");
        LabServer second;
        try {
            second = LabServer.start(session, other, 0);
        } catch (java.net.BindException e) {
            Assumptions.abort("this machine routes only 127.0.0.1 of 127.0.0.0/8 (Linux routes it all)");
            return;
        }
        try {
            URI url = second.url();
            assertEquals("http://127.0.0.2:" + second.port() + "/", url.toString(), "loopback: the page needs no token");
            HttpClient browser = HttpClient.newHttpClient();
            HttpResponse<String> page = browser.send(HttpRequest.newBuilder(url).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, page.statusCode(), page.body());
            HttpResponse<String> state = browser.send(HttpRequest.newBuilder(url.resolve("/state?token=" + second.token()))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, state.statusCode(), "what the page asks next, with the token it carries: " + state.body());
            String rebound = http(other, second.port(), "GET", "/", "evil.example:" + second.port(), null, "");
            assertTrue(rebound.startsWith("HTTP/1.1 403"), "another host name is still refused: " + rebound);
        } finally {
            second.close();
        }
    }

    @Test
    void everythingElseNeedsTheTokenAndAPostNeedsItInAHeader() throws IOException {
        assertTrue(http("GET", "/state", local(), null, "").startsWith("HTTP/1.1 403"));
        assertTrue(http("GET", "/scenario.yaml", local(), null, "").startsWith("HTTP/1.1 403"));
        assertTrue(http("GET", "/state?token=" + server.token(), local(), null, "").startsWith("HTTP/1.1 200"));
        assertTrue(post("SELECT 1;", null).startsWith("HTTP/1.1 403"));
        String forged = http("POST", "/command?token=" + server.token(), local(), null,
                "{\"line\": \"SELECT 1;\", \"node\": \"source\"}");
        assertTrue(forged.startsWith("HTTP/1.1 403"), "a token in the address is not enough for a POST: " + forged);
        String ok = post("SELECT 1;", "X-Lab-Token: " + server.token());
        assertTrue(ok.startsWith("HTTP/1.1 200") && ok.contains("| 1 |"), ok);
    }

    @Test
    void thePageSavesNoFileAndBadBodiesAreRefusedWithoutHarm() throws IOException {
        String save = post("\\\\save /tmp/lab-should-not-exist.yaml", "X-Lab-Token: " + server.token());
        assertTrue(save.contains("this session writes no files"), save);
        assertTrue(!new java.io.File("/tmp/lab-should-not-exist.yaml").exists());
        String bad = http("POST", "/command", local(), "X-Lab-Token: " + server.token(), "{not json");
        assertTrue(bad.startsWith("HTTP/1.1 400"), bad);
        String ok = post("SELECT 2;", "X-Lab-Token: " + server.token());
        assertTrue(ok.contains("| 2 |"), "the session goes on: " + ok);
        String yaml = http("GET", "/scenario.yaml?token=" + server.token(), local(), null, "");
        assertTrue(yaml.contains("attachment; filename=\"live-session.yaml\"") && yaml.contains("sql: [\"SELECT 2\"]"), yaml);
        assertEquals(-1, yaml.indexOf("lab-should-not-exist"), "a refused line is not written down");
    }

    @Test
    void aBodyThatIsNotJsonGetsAPlainMessage() throws IOException {
        String bad = http("POST", "/command", local(), "X-Lab-Token: " + server.token(), "{not json");
        assertTrue(bad.startsWith("HTTP/1.1 400"), bad);
        assertTrue(bad.endsWith("{\"ok\":false,\"error\":\"the body is not valid JSON (line 1, column 2)\"}"), bad);
    }

    @Test
    void theClockRefusesAFieldItDoesNotTakeOrAValueOfTheWrongKind() throws IOException {
        String token = "X-Lab-Token: " + server.token();
        String maybe = http("POST", "/clock", local(), token, "{\"play\": \"maybe\"}");
        assertTrue(maybe.startsWith("HTTP/1.1 400") && maybe.contains("play is true or false, got \\\"maybe\\\""), maybe);
        String advance = http("POST", "/clock", local(), token, "{\"advance\": \"abc\"}");
        assertTrue(advance.startsWith("HTTP/1.1 400") && advance.contains("unknown field 'advance'"), advance);
        String speed = http("POST", "/clock", local(), token, "{\"speed\": [1]}");
        assertTrue(speed.startsWith("HTTP/1.1 400") && speed.contains("speed is a number or"), speed);
        String ok = http("POST", "/clock", local(), token, "{\"speed\": \"10x\", \"play\": false}");
        assertTrue(ok.startsWith("HTTP/1.1 200") && ok.endsWith("{\"ok\":true}"), ok);
    }
}
