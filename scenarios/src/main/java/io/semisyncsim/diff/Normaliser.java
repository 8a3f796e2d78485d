package io.semisyncsim.diff;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Puts both sides in the same words before they are compared: a real server's loopback ports become
 * the simulator's {@code node:3306}, versions, process ids, paths and start-up noise go, and error-log
 * lines lose their timestamps while thread ids are renumbered in order of first appearance (so the
 * comparison sees which thread wrote a line, not the number the process happened to give it).
 */
final class Normaliser {
    private static final Pattern HOST_PORT = Pattern.compile("127\\.0\\.0\\.1:(\\d+)");
    /** A connect error names the host alone; the same line's 'user@node:3306' says which node it is. */
    private static final Pattern HOST_ALONE = Pattern.compile("'[^'@]+@([\\w-]+):3306'(.*)on '127\\.0\\.0\\.1'");
    /** CHANGE MASTER's log line names host and port apart: master_host='127.0.0.1', master_port='35605'. */
    private static final Pattern HOST_AND_PORT = Pattern.compile(
            "(?i)((?:master|source)_host=')127\\.0\\.0\\.1(', (?:master|source)_port= ?'?)(\\d+)");
    private static final Pattern LOG_LINE = Pattern.compile(
            "^\\d{4}-\\d\\d-\\d\\d[ T]\\s*[\\d:.]+Z?\\s+(\\d+)\\s+\\[(\\w+)\\]\\s(.*)$");
    /** The client's host in "Access denied for user 'U'@'H'": masked on both sides, in answers and logs. */
    private static final Pattern ACCESS_DENIED_HOST = Pattern.compile("(Access denied for user '[^']*'@')[^']*'");
    private static final Map<Pattern, String> VOLATILE = new LinkedHashMap<>();
    /** The first line a server process writes (MariaDB's "Starting MariaDB", MySQL's "starting as process"). */
    private static final Pattern STARTING = Pattern.compile("^Starting MariaDB |\\) starting as process ");

    static {
        VOLATILE.put(Pattern.compile("\\d+\\.\\d+\\.\\d+-MariaDB[\\w.+~-]*"), "<version>");
        VOLATILE.put(Pattern.compile("(?<=Ver |mysqld |Version: ')\\d+\\.\\d+\\.\\d+[\\w.+~-]*"), "<version>");
        VOLATILE.put(Pattern.compile("as process \\d+"), "as process <pid>");
        VOLATILE.put(Pattern.compile("source revision [0-9a-f]+"), "source revision <rev>");
        VOLATILE.put(Pattern.compile("server_uid \\S+"), "server_uid <uid>");
        VOLATILE.put(Pattern.compile("socket: '[^']*'"), "socket: '<socket>'");
        VOLATILE.put(Pattern.compile("port: \\d+"), "port: <port>");
        // A replica's host in an "Aborted connection" line is the harness's loopback ('localhost'), the
        // simulator's the replica's node; its id is the thread's own, which the thread column compares.
        VOLATILE.put(Pattern.compile("(Aborted connection )\\d+( to db: '[^']*' user: '[^']*' host: ')[^']*'"),
                "$1<id>$2<host>'");
        // A refused login's host likewise: a real replica logs in from loopback, the simulator's from its node.
        VOLATILE.put(ACCESS_DENIED_HOST, "$1<host>'");
        // A node's scratch data directory is the packaged server's /var/lib/mysql/ in the simulator's terms.
        VOLATILE.put(Pattern.compile("(?:/[\\w.-]+)*/semisync-real-[^/\\s]+/[^/\\s]+/data/"), "/var/lib/mysql/");
        VOLATILE.put(Pattern.compile("(?:/[\\w.-]+)*/semisync-real-[\\w./-]*"), "<path>");
    }

    private final Map<Integer, String> portNames;
    /** The real server's point release in the flavour's terms (identity when they agree or differ in series). */
    private final java.util.function.UnaryOperator<String> release;

    Normaliser(Map<Integer, String> portNames) {
        this(portNames, null, null);
    }

    /**
     * {@code realVersion} and {@code modelVersion} ("10.11.18", "10.11.19-MariaDB"): when both are releases of
     * one series, the real server's release number, and its MYSQL_VERSION_ID form (101118), read as the
     * flavour's. Which point release Debian ships on a given day is the harness's, not the model's; a
     * server of another series keeps its number, and the difference shows.
     */
    Normaliser(Map<Integer, String> portNames, String realVersion, String modelVersion) {
        this.portNames = portNames;
        int[] real = release(realVersion);
        int[] model = release(modelVersion);
        if (real == null || model == null || real[0] != model[0] || real[1] != model[1] || real[2] == model[2]) {
            release = text -> text;
        } else {
            Pattern dotted = Pattern.compile("(?<![\\d.])" + real[0] + "\\." + real[1] + "\\." + real[2] + "(?!\\d)");
            Pattern id = Pattern.compile("(?<!\\d)" + versionId(real) + "(?!\\d)");
            String modelDotted = model[0] + "." + model[1] + "." + model[2];
            String modelId = versionId(model);
            release = text -> id.matcher(dotted.matcher(text).replaceAll(modelDotted)).replaceAll(modelId);
        }
    }

    private static int[] release(String version) {
        Matcher m = version == null ? null : Pattern.compile("^(\\d+)\\.(\\d+)\\.(\\d+)").matcher(version);
        return m == null || !m.find() ? null
                : new int[] {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3))};
    }

    /** MYSQL_VERSION_ID: 10.11.18 is 101118. */
    private static String versionId(int[] r) {
        return String.format(java.util.Locale.ROOT, "%d%02d%02d", r[0], r[1], r[2]);
    }

    /**
     * Numbers a server draws from counters the model does not keep, masked on both sides: an Xid event's
     * xid (the query id of the statement that began the transaction), a group commit's cid (its leader's
     * query id) and a Table_map's table_id (every
     * table definition the server opened, its own among them), as SHOW BINLOG EVENTS shows them; the host
     * of a refused login (a real replica comes from loopback, the simulator's from its node); and a
     * MariaDB version in an answer, whose packager's suffix is Debian's ("-0+deb12u1"). SHOW SLAVE HOSTS's
     * rows are put in server_id order: a server lists them in its hash's.
     */
    static String serverCounters(String value) {
        if (value == null) {
            return null;
        }
        if (value.startsWith(REPLICA_HOSTS)) {
            value = byServerId(value); // the server lists its hash's entries in the hash's order
        }
        String out = XID.matcher(value).replaceAll("xid=<n>");
        out = ACCESS_DENIED_HOST.matcher(out).replaceAll("$1<host>'");
        out = CID.matcher(out).replaceAll("cid=<n>");
        out = TABLE_ID.matcher(out).replaceAll("table_id: <n>");
        return MARIADB_VERSION.matcher(out).replaceAll("<version>");
    }

    /** SHOW SLAVE HOSTS's rows ordered by server_id. */
    private static String byServerId(String answer) {
        String[] rows = answer.split(" / ", -1);
        java.util.List<String> body = new java.util.ArrayList<>(java.util.Arrays.asList(rows).subList(1, rows.length));
        body.sort(java.util.Comparator.comparingLong(r -> {
            String id = r.split(" \\| ", -1)[0].trim();
            return id.matches("\\d+") ? Long.parseLong(id) : Long.MAX_VALUE;
        }));
        return rows[0] + (body.isEmpty() ? "" : " / " + String.join(" / ", body));
    }

    private static final Pattern XID = Pattern.compile("xid=\\d+");
    private static final Pattern CID = Pattern.compile("cid=\\d+");
    private static final Pattern TABLE_ID = Pattern.compile("table_id: \\d+");
    private static final Pattern MARIADB_VERSION = Pattern.compile("\\d+\\.\\d+\\.\\d+-MariaDB[\\w.+~-]*");

    /** SHOW SLAVE HOSTS's answer as Recording renders it: the header, then each replica's row. */
    private static final String REPLICA_HOSTS = "Server_id | Host | Port | Master_id";

    /**
     * SHOW SLAVE HOSTS on real servers: every replica is on loopback ('localhost') at a port of the harness's;
     * the port says which node it is, which the simulator shows as the host, at 3306.
     */
    private String replicaHosts(String real) {
        String[] rows = real.split(" / ", -1);
        StringBuilder out = new StringBuilder(rows[0]);
        for (int i = 1; i < rows.length; i++) {
            String[] cells = rows[i].split(" \\| ", -1);
            String node = cells.length == 4 && cells[2].matches("\\d+") ? portNames.get(Integer.parseInt(cells[2])) : null;
            out.append(" / ");
            if (node == null) {
                out.append(rows[i]);
            } else {
                out.append(cells[0]).append(" | ").append(node, 0, node.indexOf(':')).append(" | 3306 | ")
                        .append(cells[3]);
            }
        }
        return out.toString();
    }

    /**
     * SHOW SLAVE STATUS (or any answer with a Master_Host and Master_Port column, or their Source_ names) on
     * real servers: the source is on loopback at a port of the harness's, which says which node it is; the
     * simulator names the node at 3306, as the replica_status fields are compared already.
     */
    private String sourceAddressColumns(String real) {
        String[] rows = real.split(" / ", -1);
        List<String> header = java.util.Arrays.asList(rows[0].split(" \\| ", -1));
        int host = Math.max(header.indexOf("Master_Host"), header.indexOf("Source_Host"));
        int port = Math.max(header.indexOf("Master_Port"), header.indexOf("Source_Port"));
        if (host < 0 || port < 0) {
            return real;
        }
        StringBuilder out = new StringBuilder(rows[0]);
        for (int i = 1; i < rows.length; i++) {
            String[] cells = rows[i].split(" \\| ", -1);
            String node = cells.length == header.size() && cells[port].matches("\\d+")
                    ? portNames.get(Integer.parseInt(cells[port])) : null;
            if (node != null) {
                cells[host] = node.substring(0, node.indexOf(':') < 0 ? node.length() : node.indexOf(':'));
                cells[port] = "3306";
            }
            out.append(" / ").append(node == null ? rows[i] : String.join(" | ", cells));
        }
        return out.toString();
    }

    /** A real value in the simulator's terms (the simulated side passes through unchanged). */
    String value(String real) {
        if (real == null) {
            return null;
        }
        if (real.startsWith(REPLICA_HOSTS)) {
            real = replicaHosts(real);
        } else if (real.contains("_Host | ")) {
            real = sourceAddressColumns(real);
        }
        Matcher m = HOST_PORT.matcher(release.apply(real));
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = portNames.get(Integer.parseInt(m.group(1)));
            m.appendReplacement(out, Matcher.quoteReplacement(name != null ? name : m.group()));
        }
        m.appendTail(out);
        Matcher hp = HOST_AND_PORT.matcher(out.toString());
        StringBuilder named = new StringBuilder();
        while (hp.find()) {
            String name = portNames.get(Integer.parseInt(hp.group(3)));
            String host = name == null ? null : name.substring(0, name.indexOf(':') < 0 ? name.length() : name.indexOf(':'));
            hp.appendReplacement(named, Matcher.quoteReplacement(host == null ? hp.group()
                    : hp.group(1) + host + hp.group(2) + "3306"));
        }
        hp.appendTail(named);
        Matcher alone = HOST_ALONE.matcher(named.toString());
        return alone.find() ? alone.replaceFirst(Matcher.quoteReplacement(alone.group().substring(0,
                alone.group().length() - "'127.0.0.1'".length()) + "'" + alone.group(1) + "'")) : named.toString();
    }

    /**
     * One normalised error-log line: which run of the process it belongs to (a restart starts a new
     * one), the thread that wrote it as the server numbered it ("0" for none; a continuation line goes
     * with the line before it), and its text as {@code [Level] text} with volatile parts replaced.
     */
    record LogLine(int process, String thread, String text) {
    }

    /** An error log as comparable lines; blank and ignored lines dropped. */
    List<LogLine> log(List<String> lines, List<Pattern> ignored, boolean real) {
        List<LogLine> out = new ArrayList<>();
        int process = 0;
        String thread = "0";
        for (String raw : lines) {
            String line = real ? value(raw) : raw;
            if (line.isBlank() || ignored.stream().anyMatch(p -> p.matcher(line).find())) {
                continue;
            }
            Matcher m = LOG_LINE.matcher(line);
            String text;
            if (m.matches()) {
                if (STARTING.matcher(m.group(3)).find()) {
                    process++; // a new process: its thread ids start over
                }
                thread = m.group(1);
                text = "[" + m.group(2) + "] " + m.group(3);
            } else {
                text = line; // a continuation, as MariaDB's "Version: ..." after "ready for connections."
            }
            for (Map.Entry<Pattern, String> v : VOLATILE.entrySet()) {
                text = v.getKey().matcher(text).replaceAll(v.getValue()); // values may name groups ($1)
            }
            out.add(new LogLine(process, thread, text));
        }
        return out;
    }
}
