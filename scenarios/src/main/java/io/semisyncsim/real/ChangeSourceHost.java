package io.semisyncsim.real;

import java.util.Collection;
import java.util.Locale;
import java.util.function.ToIntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A scenario's own {@code CHANGE MASTER TO MASTER_HOST = 'replica1'} (or {@code CHANGE REPLICATION SOURCE
 * TO SOURCE_HOST = ...}) names a node as the simulator does. Real servers know no such host: the harness
 * points the statement at the relay in front of that node ({@code 127.0.0.1} and the relay's port, any
 * port the statement gave replaced), so a chain of replicas plays on real servers too, with the link's
 * faults and its log lines named back as the simulator names them.
 */
final class ChangeSourceHost {
    private static final Pattern CHANGE = Pattern.compile("^\\s*CHANGE\\s+(?:MASTER|REPLICATION\\s+SOURCE)\\s+TO\\b",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern HOST = Pattern.compile("\\b(MASTER|SOURCE)_HOST\\s*=\\s*'([^']*)'",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern PORT = Pattern.compile("\\b(?:MASTER|SOURCE)_PORT\\s*=\\s*\\d+",
            Pattern.CASE_INSENSITIVE);

    private ChangeSourceHost() {
    }

    /** The statement as a real server must get it, and the node it now replicates from (null: unchanged). */
    record Rewritten(String sql, String source) {
    }

    /** {@code relayPort}: the port of the relay from the executing node to the named one, made on first use. */
    static Rewritten rewrite(String sql, Collection<String> nodes, ToIntFunction<String> relayPort) {
        if (!CHANGE.matcher(sql).find()) {
            return new Rewritten(sql, null);
        }
        Matcher host = HOST.matcher(sql);
        if (!host.find() || !nodes.contains(host.group(2))) {
            return new Rewritten(sql, null);
        }
        String node = host.group(2);
        int port = relayPort.applyAsInt(node);
        String prefix = host.group(1).toUpperCase(Locale.ROOT);
        String pointed = sql.substring(0, host.start()) + prefix + "_HOST = '127.0.0.1'"
                + (PORT.matcher(sql).find() ? "" : ", " + prefix + "_PORT = " + port) + sql.substring(host.end());
        return new Rewritten(PORT.matcher(pointed).replaceAll(prefix + "_PORT = " + port), node);
    }
}
