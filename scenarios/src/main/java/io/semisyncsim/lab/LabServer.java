package io.semisyncsim.lab;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.semisyncsim.live.LiveSession;
import io.semisyncsim.live.LiveState;
import io.semisyncsim.reports.HtmlReport;
import io.semisyncsim.reports.LivePictures;
import io.semisyncsim.scenario.lang.Printable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The lab's web server: one self-contained page ({@code /}), server-sent events for what happens
 * ({@code /events}), a console line ({@code POST /command}), the clock's controls ({@code POST
 * /clock}), the session as a scenario file ({@code /scenario.yaml}, a download: the server writes no
 * file) and the state as JSON ({@code /state}).
 *
 * <p>It is the JDK's own {@code com.sun.net.httpserver}: one teacher's browser (or a few) on one
 * machine needs no more, and it adds no dependency. It listens on 127.0.0.1 unless told otherwise. Every
 * request but the page itself on loopback needs the session's token (the page carries it; on another
 * address the page needs it too, printed at start); a POST needs it in a header, which another site's
 * page cannot send, and the Host header must name the address served, against DNS rebinding. What a
 * user sends reaches only the simulated cluster: a console line is read as the shell reads it, and the
 * page cannot save to a file.
 */
public final class LabServer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_BODY = 64 * 1024;

    private final LiveSession session;
    private final HttpServer server;
    private final ExecutorService pool;
    private final String token;
    private final boolean loopback;
    private final Set<String> hosts;
    private final List<Client> clients = new CopyOnWriteArrayList<>();
    /** The last lines of output, for a page opened (or reloaded) while the session goes on. */
    private final java.util.ArrayDeque<String> backlog = new java.util.ArrayDeque<>();
    private static final int BACKLOG = 2_000;
    private final LiveSession.Watcher watcher;
    private final String page;
    private volatile boolean closed;

    private LabServer(LiveSession session, InetAddress address, int port) throws IOException {
        this.session = session;
        this.loopback = address.isLoopbackAddress();
        byte[] t = new byte[16];
        new SecureRandom().nextBytes(t);
        this.token = HexFormat.of().formatHex(t);
        this.server = HttpServer.create(new InetSocketAddress(address, port), 16);
        // Each open event stream keeps its thread for as long as its page is open: a class of students
        // each with the page open needs a thread apiece, so threads come as needed (up to 256) and idle
        // ones go after a minute.
        this.pool = new java.util.concurrent.ThreadPoolExecutor(0, 256, 60, java.util.concurrent.TimeUnit.SECONDS,
                new java.util.concurrent.SynchronousQueue<>(), r -> {
                    Thread th = new Thread(r, "lab-http");
                    th.setDaemon(true);
                    return th;
                });
        server.setExecutor(pool);
        int bound = server.getAddress().getPort();
        // The address served comes first: any of 127.0.0.0/8 is loopback, and a browser asked for
        // 127.0.0.2 names it in the Host header.
        this.hosts = loopback ? new java.util.LinkedHashSet<>(List.of(hostPort(address, bound), "127.0.0.1:" + bound,
                "localhost:" + bound, "[::1]:" + bound)) : Set.of();
        this.page = page();
        server.createContext("/", this::handle);
        watcher = new LiveSession.Watcher() {
            @Override
            public void output(LiveSession.Output o) {
                String data = json(Map.of("kind", o.kind(), "text", o.text(), "typed", o.typed()));
                synchronized (backlog) {
                    backlog.addLast(data);
                    if (backlog.size() > BACKLOG) {
                        backlog.removeFirst();
                    }
                    broadcast("output", data, false);
                }
            }

            @Override
            public void state(LiveState s) {
                broadcast("state", json(stateView(s)), true);
            }

            @Override
            public void pictures(LivePictures p) {
                broadcast("pictures", json(p), true);
            }
        };
        session.watch(watcher);
        server.start();
    }

    /** Serves {@code session} on {@code address}:{@code port} (0: a free one). */
    public static LabServer start(LiveSession session, InetAddress address, int port) throws IOException {
        return new LabServer(session, address, port);
    }

    public String token() {
        return token;
    }

    /** The page's address: with the token when the server is not on loopback (it must be given then). */
    public URI url() {
        InetSocketAddress a = server.getAddress();
        return URI.create("http://" + hostPort(a.getAddress(), a.getPort()) + "/" + (loopback ? "" : "?token=" + token));
    }

    /** {@code 127.0.0.2:8080}, {@code [::1]:8080}: as an address names it and a browser's Host header says it. */
    private static String hostPort(InetAddress address, int port) {
        String host = address.getHostAddress();
        if (host.contains(":")) {
            host = "[" + (address.isLoopbackAddress() ? "::1" : host) + "]";
        }
        return host + ":" + port;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        closed = true;
        session.unwatch(watcher);
        clients.forEach(Client::end);
        server.stop(0);
        pool.shutdownNow();
        try {
            pool.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // --- requests

    private void handle(HttpExchange x) throws IOException {
        try {
            String path = x.getRequestURI().getPath();
            String method = x.getRequestMethod();
            String host = x.getRequestHeaders().getFirst("Host");
            if (loopback && (host == null || !hosts.contains(host.toLowerCase(java.util.Locale.ROOT)))) {
                send(x, 403, "text/plain", "this lab answers requests for " + String.join(" or ", hosts) + " only");
                return;
            }
            boolean tokenOk = token.equals(query(x, "token")) || token.equals(x.getRequestHeaders().getFirst("X-Lab-Token"));
            if (path.equals("/") && method.equals("GET") && (loopback || tokenOk)) {
                send(x, 200, "text/html; charset=utf-8", page);
                return;
            }
            if (!tokenOk) {
                send(x, 403, "text/plain", "a token is needed: open the address the lab printed at start");
                return;
            }
            if (method.equals("POST") && !token.equals(x.getRequestHeaders().getFirst("X-Lab-Token"))) {
                send(x, 403, "text/plain", "a POST carries the token in X-Lab-Token");
                return;
            }
            switch (method + " " + path) {
                case "GET /events" -> events(x);
                case "GET /state" -> send(x, 200, "application/json", json(stateView(session.state())));
                case "GET /pictures" -> send(x, 200, "application/json", json(session.pictures()));
                case "GET /scenario.yaml" -> {
                    x.getResponseHeaders().set("Content-Disposition", "attachment; filename=\"" + session.name()
                            + ".yaml\"");
                    send(x, 200, "application/yaml; charset=utf-8", session.scenarioText());
                }
                case "POST /command" -> command(x);
                case "POST /clock" -> clock(x);
                default -> send(x, 404, "text/plain", "no such page");
            }
        } catch (BadRequest e) { // said as the page reads every answer: JSON, with what to fix
            try {
                Map<String, Object> answer = new LinkedHashMap<>();
                answer.put("ok", false);
                answer.put("error", e.getMessage());
                send(x, 400, "application/json", json(answer));
            } catch (IOException | RuntimeException ignored) {
                // the client is gone
            }
        } catch (IOException | RuntimeException e) {
            // A request that fails (a closed browser) ends here; the lab goes on.
            try {
                send(x, 400, "text/plain", "bad request: " + e.getMessage());
            } catch (IOException | RuntimeException ignored) {
                // the client is gone
            }
        } finally {
            x.close();
        }
    }

    private void command(HttpExchange x) throws IOException {
        JsonNode body = body(x);
        String line = text(body, "line");
        String node = text(body, "node");
        String connection = text(body, "connection");
        if (line == null || node == null) {
            send(x, 400, "application/json", json(Map.of("ok", false, "error", "a command needs line and node")));
            return;
        }
        if (connection != null && connection.isBlank()) {
            connection = null;
        }
        long start = System.nanoTime();
        LiveSession.Reply r;
        try {
            r = session.submit(line, node, connection).get(1, TimeUnit.DAYS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IOException(e.toString());
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("ok", r.ok());
        out.put("node", r.node());
        out.put("connection", r.connection());
        out.put("output", r.output());
        out.put("ms", (System.nanoTime() - start) / 1e6);
        send(x, 200, "application/json", json(out));
    }

    private void clock(HttpExchange x) throws IOException {
        JsonNode body = body(x);
        if (body == null || !body.isObject()) {
            throw new BadRequest("/clock takes a JSON object: {\"speed\": \"10x\"} or {\"play\": true}");
        }
        for (java.util.Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!name.equals("speed") && !name.equals("play")) {
                throw new BadRequest("/clock: unknown field '" + Printable.escape(name) + "' (it takes speed and play;"
                        + " the console's \\sleep and \\event move the clock)");
            }
        }
        JsonNode playNode = body.get("play");
        if (playNode != null && !playNode.isBoolean()) {
            throw new BadRequest("/clock: play is true or false, got " + Printable.escape(playNode.toString()));
        }
        JsonNode speedNode = body.get("speed");
        if (speedNode != null && !speedNode.isTextual() && !speedNode.isNumber()) {
            throw new BadRequest("/clock: speed is a number or \"instant\", got " + Printable.escape(speedNode.toString()));
        }
        String speed = speedNode == null ? null : speedNode.asText();
        Boolean play = playNode == null ? null : playNode.asBoolean();
        String why = session.clock(speed, play);
        send(x, 200, "application/json", json(why == null ? Map.of("ok", true) : Map.of("ok", false, "error", why)));
    }

    private static JsonNode body(HttpExchange x) throws IOException {
        try (InputStream in = x.getRequestBody()) {
            byte[] b = in.readNBytes(MAX_BODY + 1);
            if (b.length > MAX_BODY) {
                throw new IOException("a body of at most " + MAX_BODY + " bytes");
            }
            try {
                return JSON.readTree(b);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                com.fasterxml.jackson.core.JsonLocation at = e.getLocation();
                throw new BadRequest("the body is not valid JSON" + (at == null ? "" : " (line " + at.getLineNr()
                        + ", column " + at.getColumnNr() + ")"));
            }
        }
    }

    /** A request the lab cannot take as sent: 400, with a message that says what to send instead. */
    private static final class BadRequest extends IOException {
        BadRequest(String message) {
            super(message);
        }
    }

    private static String text(JsonNode n, String key) {
        return n != null && n.has(key) && n.get(key).isTextual() ? n.get(key).asText() : null;
    }

    private static String query(HttpExchange x, String key) {
        String q = x.getRequestURI().getRawQuery();
        if (q == null) {
            return null;
        }
        for (String part : q.split("&")) {
            String[] kv = part.split("=", 2);
            if (kv[0].equals(key) && kv.length == 2) {
                return java.net.URLDecoder.decode(kv[1], StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    private static void send(HttpExchange x, int status, String type, String text) throws IOException {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().set("Content-Type", type);
        x.getResponseHeaders().set("Cache-Control", "no-store");
        x.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
        x.getResponseHeaders().set("Content-Security-Policy", "default-src 'self'; script-src 'unsafe-inline'; "
                + "style-src 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'");
        x.sendResponseHeaders(status, b.length == 0 ? -1 : b.length);
        if (b.length > 0) {
            try (OutputStream out = x.getResponseBody()) {
                out.write(b);
            }
        }
    }

    static Map<String, Object> stateView(LiveState s) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (s == null) {
            return m;
        }
        m.put("state", s);
        m.put("nowText", s.nowText());
        m.put("speedText", s.speedText());
        return m;
    }

    private static String json(Object o) {
        try {
            return JSON.writeValueAsString(o);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private String page() {
        try (InputStream in = LabServer.class.getResourceAsStream("/lab/lab.html")) {
            String html = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return html.replace("{{TOKEN}}", token).replace("{{LEGEND}}", LivePictures.legend())
                    .replace("{{TITLE}}", HtmlReport.esc(session.name()));
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("the lab page is missing from the jar", e);
        }
    }



    // --- server-sent events

    private void events(HttpExchange x) throws IOException {
        x.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
        x.getResponseHeaders().set("Cache-Control", "no-store");
        x.sendResponseHeaders(200, 0);
        Client c = new Client();
        synchronized (backlog) {
            backlog.forEach(line -> c.offer("output", line, false));
            clients.add(c);
        }
        LiveState s = session.state();
        if (s != null) {
            c.offer("state", json(stateView(s)), true);
        }
        LivePictures p = session.pictures();
        if (p != null) {
            c.offer("pictures", json(p), true);
        }
        try (OutputStream out = x.getResponseBody()) {
            while (!closed) {
                List<String[]> batch = c.take(15_000);
                if (batch == null) {
                    break;
                }
                StringBuilder b = new StringBuilder();
                if (batch.isEmpty()) {
                    b.append(": keep-alive\n\n");
                }
                for (String[] e : batch) {
                    b.append("event: ").append(e[0]).append("\ndata: ").append(e[1]).append("\n\n");
                }
                out.write(b.toString().getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
        } finally {
            clients.remove(c);
        }
    }

    private void broadcast(String kind, String data, boolean latestOnly) {
        for (Client c : clients) {
            c.offer(kind, data, latestOnly);
        }
    }

    /** One page's event stream: every output in order, and only the latest state and pictures. */
    private static final class Client {
        private final List<String[]> queue = new ArrayList<>();
        private final Map<String, String> latest = new LinkedHashMap<>();
        private boolean ended;

        synchronized void offer(String kind, String data, boolean latestOnly) {
            if (latestOnly) {
                latest.put(kind, data);
            } else if (queue.size() < 10_000) {
                queue.add(new String[] {kind, data});
            }
            notifyAll();
        }

        synchronized void end() {
            ended = true;
            notifyAll();
        }

        /** What is waiting (empty after {@code ms} without any), or null once ended. */
        synchronized List<String[]> take(long ms) {
            try {
                if (queue.isEmpty() && latest.isEmpty() && !ended) {
                    wait(ms);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                ended = true;
            }
            if (ended) {
                return null;
            }
            List<String[]> out = new ArrayList<>(queue);
            latest.forEach((k, v) -> out.add(new String[] {k, v}));
            queue.clear();
            latest.clear();
            return out;
        }
    }
}
