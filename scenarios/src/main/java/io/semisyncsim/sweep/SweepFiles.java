package io.semisyncsim.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A sweep's outputs: {@code runs.csv} and {@code runs.json} (one row per run, in run order) and
 * {@code summary.html}. They are made from the header and the rows alone, so a merge of shards writes
 * the same bytes as one unsharded sweep; a shard's runs.json also says which shard it is.
 */
public final class SweepFiles {
    public static final String CSV = "runs.csv";
    public static final String JSON = "runs.json";
    public static final String HTML = "summary.html";

    private SweepFiles() {
    }

    /** What one output directory holds. */
    public record Read(SweepHeader header, Shard shard, List<RunRow> rows) {
    }

    public static void write(Path dir, SweepHeader header, Shard shard, List<RunRow> rows) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(CSV), csv(header, rows), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve(JSON), json(header, shard, rows), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve(HTML), SummaryHtml.render(header, rows), StandardCharsets.UTF_8);
    }

    static String csv(SweepHeader header, List<RunRow> rows) {
        StringBuilder out = new StringBuilder();
        List<String> head = new ArrayList<>(List.of("run"));
        header.settings().forEach(s -> head.add(s.path()));
        head.add("flavor");
        head.add("seed");
        head.addAll(RunRow.FIGURES);
        line(out, head);
        for (RunRow r : rows) {
            List<String> cells = new ArrayList<>(List.of(r.id()));
            cells.addAll(r.values());
            cells.add(r.flavor());
            cells.add(Long.toString(r.seed()));
            cells.addAll(r.figures());
            line(out, cells);
        }
        return out.toString();
    }

    /** RFC 4180: a cell with a comma, quote or line break is quoted, its quotes doubled. */
    private static void line(StringBuilder out, List<String> cells) {
        for (int i = 0; i < cells.size(); i++) {
            String c = cells.get(i);
            if (i > 0) {
                out.append(',');
            }
            if (c.indexOf(',') >= 0 || c.indexOf('"') >= 0 || c.indexOf('\n') >= 0 || c.indexOf('\r') >= 0) {
                out.append('"').append(c.replace("\"", "\"\"")).append('"');
            } else {
                out.append(c);
            }
        }
        out.append("\r\n");
    }

    /** The figures runs.json gives as numbers (null where absent: no failover, no lost figure). */
    private static final java.util.Set<String> NUMBERS = java.util.Set.of("commits", "acknowledged", "asynchronous",
            "latency_p50_us", "latency_p95_us", "latency_p99_us", "latency_max_us", "commits_per_virtual_s",
            "semisync_off_us", "off_switches", "lost_acknowledged", "lost_visible", "virtual_time_us", "trace_events");

    static String json(SweepHeader h, Shard shard, List<RunRow> rows) {
        StringBuilder out = new StringBuilder("{\n  \"sweep\": {\"scenario\": ").append(str(h.name()))
                .append(", \"sha256\": ").append(str(h.digest())).append(", \"settings\": [");
        for (int i = 0; i < h.settings().size(); i++) {
            Setting s = h.settings().get(i);
            out.append(i == 0 ? "" : ", ").append("{\"path\": ").append(str(s.path())).append(", \"values\": ")
                    .append(strings(s.values())).append('}');
        }
        out.append("], \"seeds\": [");
        for (int i = 0; i < h.seeds().size(); i++) {
            out.append(i == 0 ? "" : ", ").append(h.seeds().get(i));
        }
        out.append("], \"flavors\": ").append(strings(h.flavors())).append(", \"combinations\": ")
                .append(h.combinations()).append(", \"runs\": ").append(h.runs()).append("},\n");
        if (!shard.isWhole()) {
            out.append("  \"shard\": {\"index\": ").append(shard.index()).append(", \"count\": ").append(shard.count())
                    .append("},\n");
        }
        out.append("  \"runs\": [");
        for (int i = 0; i < rows.size(); i++) {
            RunRow r = rows.get(i);
            out.append(i == 0 ? "\n" : ",\n").append("    {\"run\": ").append(r.run()).append(", \"id\": ").append(str(r.id()))
                    .append(", \"settings\": ").append(strings(r.values())).append(", \"flavor\": ").append(str(r.flavor()))
                    .append(", \"seed\": ").append(r.seed());
            List<String> figures = r.figures();
            for (int f = 0; f < figures.size(); f++) {
                String name = RunRow.FIGURES.get(f);
                String v = figures.get(f);
                String value = !NUMBERS.contains(name) ? str(v) : v.isEmpty() ? "null" : v;
                out.append(", ").append(str(name)).append(": ").append(value);
            }
            out.append('}');
        }
        return out.append(rows.isEmpty() ? "]\n}\n" : "\n  ]\n}\n").toString();
    }

    private static String strings(List<String> values) {
        StringBuilder out = new StringBuilder("[");
        for (int i = 0; i < values.size(); i++) {
            out.append(i == 0 ? "" : ", ").append(str(values.get(i)));
        }
        return out.append(']').toString();
    }

    /** A JSON string, quoted and escaped as Jackson escapes it. */
    static String str(String s) {
        return "\"" + new String(JsonStringEncoder.getInstance().quoteAsString(s)) + "\"";
    }

    /** Reads a directory a sweep (or a shard of one) wrote. */
    public static Read read(Path dir) throws SweepException {
        Path file = dir.resolve(JSON);
        JsonNode root;
        try {
            // Decimals exactly as written ("12.340" stays so), so a merge writes the same bytes again.
            ObjectMapper mapper = new ObjectMapper()
                    .enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
            mapper.setNodeFactory(com.fasterxml.jackson.databind.node.JsonNodeFactory.withExactBigDecimals(true));
            root = mapper.readTree(file.toFile());
        } catch (IOException e) {
            throw new SweepException(file + ": " + (Files.exists(file) ? "not a sweep's runs.json: "
                    + e.getMessage().lines().findFirst().orElse("") : "no such file (is " + dir + " a sweep's --out?)"));
        }
        try {
            JsonNode s = root.get("sweep");
            List<Setting> settings = new ArrayList<>();
            for (JsonNode n : s.get("settings")) {
                settings.add(new Setting(n.get("path").asText(), texts(n.get("values"))));
            }
            List<Long> seeds = new ArrayList<>();
            s.get("seeds").forEach(n -> seeds.add(n.asLong()));
            SweepHeader header = new SweepHeader(s.get("scenario").asText(), s.get("sha256").asText(), settings, seeds,
                    texts(s.get("flavors")), s.get("combinations").asInt(), s.get("runs").asInt());
            Shard shard = root.has("shard") ? new Shard(root.get("shard").get("index").asInt(),
                    root.get("shard").get("count").asInt()) : Shard.ALL;
            List<RunRow> rows = new ArrayList<>();
            for (JsonNode r : root.get("runs")) {
                rows.add(new RunRow(r.get("run").asInt(), r.get("id").asText(), texts(r.get("settings")),
                        r.get("flavor").asText(), r.get("seed").asLong(), text(r, "verdict"), text(r, "invariant"),
                        text(r, "failure"), r.get("commits").asLong(), r.get("acknowledged").asLong(),
                        r.get("asynchronous").asLong(), r.get("latency_p50_us").asLong(), r.get("latency_p95_us").asLong(),
                        r.get("latency_p99_us").asLong(), r.get("latency_max_us").asLong(),
                        text(r, "commits_per_virtual_s"), r.get("semisync_off_us").asLong(),
                        r.get("off_switches").asLong(), text(r, "lost_acknowledged"), text(r, "lost_visible"),
                        r.get("virtual_time_us").asLong(), r.get("trace_events").asLong(), text(r, "trace_digest"),
                        text(r, "report")));
            }
            return new Read(header, shard, rows);
        } catch (RuntimeException e) {
            throw new SweepException(file + ": not a sweep's runs.json (" + e + ")");
        }
    }

    /** A field as the writer wrote it: numbers keep their text (commits per second has three decimals). */
    private static String text(JsonNode row, String field) {
        JsonNode n = row.get(field);
        return n == null || n.isNull() ? "" : n.isBigDecimal() ? n.decimalValue().toPlainString()
                : n.isNumber() ? n.asText() : n.textValue();
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
