package io.semisyncsim.live;

import io.semisyncsim.flavor.Terms;
import io.semisyncsim.scenario.lang.FaultKind;
import io.semisyncsim.scenario.step.Faults;
import io.semisyncsim.sql.Parser;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a line typed in the shell or the lab's console asks for: SQL (split as the mysql client splits
 * it, at {@code ;} or {@code \G}) or a meta command. A meta command that makes something happen becomes
 * a scenario step, written as the file would write it, so the scenario reader judges it and a bad one
 * gets the reader's own message ({@code \fault partition source replica9}: unknown node 'replica9').
 * This class only turns words into keys; it checks nothing the reader checks.
 */
public final class Commands {
    private Commands() {
    }

    /** What a line asks for. */
    public sealed interface Action {
    }

    /** Statements for the console's connection. */
    public record Sql(List<String> statements) implements Action {
    }

    /** A step of the scenario language, as keys and values ({@code on:} filled in for the console's node). */
    public record AddStep(Map<String, Object> step) implements Action {
    }

    /** A step written in YAML by the user ({@code \step {fault: heal}}). */
    public record RawStep(String yaml) implements Action {
    }

    /** Let virtual time pass ({@code \sleep 2s}); read as a sleep step, written down with the time around it. */
    public record Sleep(String duration) implements Action {
    }

    /** The clock to the next timer due ({@code \event}). */
    public record NextEvent() implements Action {
    }

    /** The clock on until nothing is due within a second ({@code \quiet}). */
    public record Quiet() implements Action {
    }

    /** The next step of the file the session was started from ({@code \next}). */
    public record NextFileStep() implements Action {
    }

    /** Clock speed ({@code \speed 10}, {@code \speed instant}). */
    public record Speed(String value) implements Action {
    }

    /** The clock runs on by itself at its speed (true), or only when asked (false). */
    public record Play(boolean on) implements Action {
    }

    public record Status() implements Action {
    }

    /** {@code \save FILE} keeps an existing FILE; {@code \save! FILE} ({@code overwrite}) replaces it. */
    public record Save(String path, boolean overwrite) implements Action {
    }

    public record Help() implements Action {
    }

    /** {@code \c NODE [CONNECTION]}: the console's node and connection (null: the default one). */
    public record Connect(String node, String connection) implements Action {
    }

    public record Quit() implements Action {
    }

    /** A line that is no command; {@code message} says what is wrong. */
    public record Bad(String message) implements Action {
    }

    /**
     * Meta commands and what they do, for {@code \help}; the examples' status variables in the flavour's
     * own terms ({@code Rpl_semi_sync_source_status} on MySQL 8.0+, {@code _master_} on 5.7 and MariaDB).
     */
    public static Map<String, String> help(Terms terms) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("\\c NODE [CONNECTION]", "speak to NODE, on its default connection or a named one");
        h.put("SQL; or SQL\\G", "run statements on the current connection (\\G: one row per block)");
        h.put("\\send SQL", "start a statement and go on while it runs (as MTR's send); \\reap collects it");
        h.put("\\reap", "wait for the answer to the statement sent on this connection");
        h.put("\\commit [N]", "N autocommit single-row INSERTs on this node, one client (default 1)");
        h.put("\\workload k=v ...", "background clients on this node: clients=4 transactions=1000 rate=500/s duration=5s");
        h.put("\\fault KIND ARGS", "partition A B [oneway] [drop], heal [A B], reset A B, latency A B 20ms [JITTER],"
                + " flap A B every=2s for=500ms times=5, crash|stop|power-off|restart NODE, pause NODE 5s,"
                + " slow-disk NODE 50ms; key=value adds any key the step takes");
        h.put("\\partition A B, \\heal, \\crash NODE, ...", "each fault kind is a command of its own too");
        h.put("\\sleep D", "let D of virtual time pass (500us, 20ms, 2s, 1m)");
        h.put("\\event", "move the clock to the next thing due");
        h.put("\\quiet", "run until nothing is due within a second of virtual time");
        h.put("\\await PATH OP VALUE within D", "let time pass until it holds (source.status." + status(terms) + " == OFF)");
        h.put("\\expect PATH VALUE", "check a value now (source.status." + terms.apply("Rpl_semi_sync_{source}_clients") + " 1)");
        h.put("\\let NAME PATH", "capture a value for ${NAME} in later SQL and checks");
        h.put("\\step {YAML}", "any step as a scenario file writes it: \\step {fault: partition, between: [a, b]}");
        h.put("\\next", "play the next step of the file the session started from");
        h.put("\\speed N|instant", "pace virtual time at N x the wall clock, or not at all");
        h.put("\\play, \\pause", "let the clock run by itself at its speed, or hold it");
        h.put("\\status", "each node's semisync state, counters and threads, the links, the clock");
        h.put("\\save FILE", "write the session as a scenario file (run replays it to the same trace); a FILE that"
                + " exists is kept");
        h.put("\\save! FILE", "the same, overwriting FILE if it exists");
        h.put("\\help", "this list");
        h.put("\\q", "quit");
        return h;
    }

    /** The meta command for what a scenario file writes as a step's YAML, where the reader's messages name one. */
    private static final Map<String, String> TYPED = Map.of("reap: true", "\\reap", "send: SQL", "\\send SQL");

    /** How to type what a file writes as {@code yaml} (reap: true is {@code \reap}); else the YAML, for {@code \step}. */
    public static String typed(String yaml) {
        return TYPED.getOrDefault(yaml, "\\step {" + yaml + "}");
    }

    private static String status(Terms terms) {
        return terms.apply("Rpl_semi_sync_{source}_status");
    }

    /** Every meta command's name, for completion. */
    public static List<String> names() {
        List<String> out = new ArrayList<>(List.of("\\c", "\\send", "\\reap", "\\commit", "\\workload", "\\fault",
                "\\sleep", "\\event", "\\quiet", "\\await", "\\expect", "\\let", "\\step", "\\next", "\\speed",
                "\\play", "\\pause", "\\status", "\\save", "\\save!", "\\help", "\\q"));
        for (FaultKind k : Faults.KINDS) {
            out.add("\\" + k.name());
        }
        return out;
    }

    /** The fault kinds' names. */
    public static List<String> faultKinds() {
        return Faults.KINDS.stream().map(FaultKind::name).toList();
    }

    /**
     * What {@code line} asks for, said on {@code node}'s connection {@code connection} (null: the default
     * one). A line with several statements is one {@link Sql}. Usage messages give examples in {@code terms}.
     */
    public static Action parse(String line, String node, String connection, Terms terms) {
        String text = line.strip();
        if (text.isEmpty()) {
            return new Sql(List.of());
        }
        if (text.equals("exit") || text.equals("quit") || text.equals("\\q") || text.equals("exit;")
                || text.equals("quit;")) {
            return new Quit();
        }
        if (!text.startsWith("\\")) {
            return new Sql(Parser.split(text));
        }
        String[] head = text.split("\\s+", 2);
        String name = head[0].substring(1);
        String rest = head.length > 1 ? head[1].strip() : "";
        List<String> words = rest.isEmpty() ? List.of() : List.of(rest.split("\\s+"));
        switch (name) {
            case "c", "connect" -> {
                if (words.isEmpty() || words.size() > 2) {
                    return new Bad("\\c takes a node and, if you like, a connection name: \\c replica1 [c2]");
                }
                return new Connect(words.get(0), words.size() > 1 ? words.get(1) : null);
            }
            case "send" -> {
                return rest.isEmpty() ? new Bad("\\send takes a statement: \\send INSERT INTO t VALUES (1)")
                        : new AddStep(on(node, connection, "send", rest));
            }
            case "reap" -> {
                return new AddStep(on(node, connection, "reap", "true"));
            }
            case "commit" -> {
                Map<String, Object> step = on(node, null, "commit", "1");
                for (String w : words) {
                    if (w.contains("=")) {
                        keyValue(step, w);
                    } else {
                        step.put("commit", w);
                    }
                }
                return new AddStep(step);
            }
            case "workload" -> {
                Map<String, Object> step = on(node, null, "workload", null);
                Map<String, String> w = new LinkedHashMap<>();
                for (String word : words) {
                    String[] kv = word.split("=", 2);
                    if (kv.length != 2) {
                        return new Bad("\\workload takes key=value words: clients=4 transactions=1000 rate=500/s");
                    }
                    if (kv[0].equals("table") || kv[0].equals("background")) {
                        step.put(kv[0], kv[1]);
                    } else {
                        w.put(kv[0], kv[1]);
                    }
                }
                step.put("workload", w.isEmpty() ? Map.of("transactions", "100") : w);
                step.putIfAbsent("background", "true");
                return new AddStep(step);
            }
            case "fault" -> {
                if (words.isEmpty()) {
                    return new Bad("\\fault takes a kind (" + String.join(", ", faultKinds()) + ") and its nodes");
                }
                return new AddStep(fault(words.get(0), words.subList(1, words.size())));
            }
            case "sleep" -> {
                return rest.isEmpty() ? new Bad("\\sleep takes a duration: \\sleep 2s") : new Sleep(rest);
            }
            case "event" -> {
                return new NextEvent();
            }
            case "quiet" -> {
                return new Quiet();
            }
            case "await" -> {
                Map<String, Object> step = new LinkedHashMap<>();
                int at = rest.lastIndexOf(" within ");
                step.put("await", at < 0 ? rest : rest.substring(0, at).strip());
                if (at >= 0) {
                    step.put("within", rest.substring(at + " within ".length()).strip());
                }
                return new AddStep(step);
            }
            case "expect" -> {
                String[] pv = rest.split("\\s+", 2);
                if (pv.length != 2) {
                    return new Bad("\\expect takes a path and a value: \\expect source.status." + status(terms) + " ON");
                }
                return new AddStep(Map.of("expect", Map.of(pv[0], pv[1])));
            }
            case "let" -> {
                String[] nv = rest.split("\\s+", 2);
                if (nv.length != 2) {
                    return new Bad("\\let takes a name and a path: \\let before source.status." + terms.apply("Rpl_semi_sync_{source}_yes_tx") + "");
                }
                return new AddStep(Map.of("let", Map.of(nv[0], nv[1])));
            }
            case "step" -> {
                return rest.isEmpty() ? new Bad("\\step takes a step in YAML: \\step {sleep: 1s}") : new RawStep(rest);
            }
            case "next" -> {
                return new NextFileStep();
            }
            case "speed" -> {
                return new Speed(rest);
            }
            case "play" -> {
                return new Play(true);
            }
            case "pause" -> {
                return words.isEmpty() ? new Play(false) : new AddStep(fault("pause", words));
            }
            case "status" -> {
                return new Status();
            }
            case "save", "save!" -> {
                return rest.isEmpty() ? new Bad("\\" + name + " takes a file name: \\" + name + " session.yaml")
                        : new Save(rest, name.equals("save!"));
            }
            case "help", "h", "?" -> {
                return new Help();
            }
            default -> {
                if (faultKinds().contains(name)) {
                    return new AddStep(fault(name, words));
                }
                return new Bad("unknown command '\\" + name + "'" + io.semisyncsim.scenario.lang.Suggest.didYouMean(
                        "\\" + name, names()) + " (\\help lists them)");
            }
        }
    }

    /** A step on the console's node and connection. */
    private static Map<String, Object> on(String node, String connection, String key, String value) {
        Map<String, Object> step = new LinkedHashMap<>();
        step.put("on", node);
        if (connection != null) {
            step.put("connection", connection);
        }
        if (value != null) {
            step.put(key, value);
        }
        return step;
    }

    /**
     * {@code fault: KIND} from words: node kinds take a node and (pause, slow-disk) a duration; link kinds
     * take two nodes ({@code A B}, or {@code A->B} / {@code oneway} for one direction), then what each
     * needs ({@code drop}/{@code hold}, a latency and a jitter); {@code key=value} sets any other key.
     */
    static Map<String, Object> fault(String kind, List<String> words) {
        Map<String, Object> step = new LinkedHashMap<>();
        step.put("fault", kind);
        List<String> plain = new ArrayList<>();
        boolean oneWay = false;
        for (String w : words) {
            if (w.contains("=")) {
                continue;
            }
            if (w.equals("oneway") || w.equals("one-way")) {
                oneWay = true;
            } else if ((w.equals("drop") || w.equals("hold")) && !kind.equals("heal")) {
                step.put("cut", w);
            } else if (w.contains("<->")) {
                plain.addAll(List.of(w.split("<->", 2)));
            } else if (w.contains("->")) {
                plain.addAll(List.of(w.split("->", 2)));
                oneWay = true;
            } else {
                plain.add(w);
            }
        }
        boolean nodeKind = switch (kind) {
            case "crash", "power-off", "stop", "restart", "pause", "slow-disk" -> true;
            case "partition", "heal", "reset", "latency", "flap" -> false;
            default -> plain.size() == 1;
        };
        if (nodeKind) {
            if (!plain.isEmpty()) {
                step.put("node", plain.get(0));
            }
            if (plain.size() > 1) {
                step.put(kind.equals("slow-disk") ? "fsync" : "for", plain.get(1));
            }
        } else if (plain.size() >= 2) {
            if (oneWay) {
                step.put("from", plain.get(0));
                step.put("to", plain.get(1));
            } else {
                step.put("between", List.of(plain.get(0), plain.get(1)));
            }
            if (kind.equals("latency") && plain.size() > 2) {
                step.put("latency", plain.get(2));
                if (plain.size() > 3) {
                    step.put("jitter", plain.get(3));
                }
            }
        } else if (plain.size() == 1) {
            step.put("between", List.of(plain.get(0)));
        }
        for (String w : words) {
            if (w.contains("=")) {
                keyValue(step, w);
            }
        }
        return step;
    }

    private static void keyValue(Map<String, Object> step, String word) {
        String[] kv = word.split("=", 2);
        String v = kv[1];
        if (v.startsWith("[") && v.endsWith("]")) {
            step.put(kv[0], List.of(v.substring(1, v.length() - 1).split("\\s*,\\s*")));
        } else {
            step.put(kv[0], v);
        }
    }

    /**
     * Whether a console line is complete: SQL ends with {@code ;} or {@code \G} outside quotes and
     * comments, as the mysql client waits for; a meta command ends with its line.
     */
    public static boolean complete(String buffer) {
        String t = buffer.strip();
        if (t.isEmpty() || t.startsWith("\\") || t.equals("exit") || t.equals("quit")) {
            return true;
        }
        char quote = 0;
        boolean block = false;
        boolean terminated = false;
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            char n = i + 1 < t.length() ? t.charAt(i + 1) : 0;
            if (block) {
                if (c == '*' && n == '/') {
                    block = false;
                    i++;
                }
                continue;
            }
            if (quote != 0) {
                if (c == '\\' && quote != '`') {
                    i++;
                } else if (c == quote) {
                    quote = 0;
                }
                continue;
            }
            if (c == '\'' || c == '"' || c == '`') {
                quote = c;
                terminated = false;
            } else if (c == '/' && n == '*') {
                block = true;
                i++;
            } else if (c == '#' || c == '-' && n == '-' && (i + 2 >= t.length() || Character.isWhitespace(t.charAt(i + 2)))) {
                int eol = t.indexOf('\n', i);
                if (eol < 0) {
                    return terminated;
                }
                i = eol;
            } else if (c == ';') {
                terminated = true;
            } else if (c == '\\' && (n == 'G' || n == 'g')) {
                terminated = true;
                i++;
            } else if (!Character.isWhitespace(c)) {
                terminated = false;
            }
        }
        return terminated && quote == 0 && !block;
    }
}
