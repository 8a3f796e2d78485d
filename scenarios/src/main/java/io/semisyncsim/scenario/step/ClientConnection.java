package io.semisyncsim.scenario.step;

import io.semisyncsim.scenario.lang.Printable;
import io.semisyncsim.scenario.lang.Play;
import io.semisyncsim.scenario.lang.StepReader;
import io.semisyncsim.scenario.lang.YNode;
import io.semisyncsim.server.Account;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The client connection a step speaks on: {@code on: NODE}, {@code as: root|app}, and {@code connection:
 * NAME} for one of its own; without a name, the node's and user's default connection. Connections are
 * kept across steps, as a client session is (see {@link Play}).
 *
 * @param name the connection's name, or null for the default one
 */
record ClientConnection(String node, String user, String name) {

    /** The keys a step that speaks on a connection may have, besides its own. */
    static final List<String> KEYS = List.of("on", "as", "connection");

    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,63}");

    /** Reads on/as/connection; null when the node is missing or unknown (reported). */
    static ClientConnection read(StepReader r, YNode.Map m) {
        String node = r.on(m);
        String as = null;
        if (m.entries().containsKey("as")) {
            as = r.optionalText(m, "as", "root");
            // Any user a node may have: root, app, or one the scenario creates in SQL (CREATE USER), which
            // the reader cannot follow; a user missing on the node at run time gets the server's 1045.
            if (as != null && !Account.validName(as)) {
                r.problem(m.entries().get("as").value().pos(), "'" + Printable.escape(as) + "' is not a user name"
                        + " (at most 80 characters, no quotes, spaces or @; users at start: root, app)");
                as = null;
            }
        }
        String name = null;
        if (m.entries().containsKey("connection")) {
            YNode v = m.entries().get("connection").value();
            name = r.text(v, "connection");
            if (name != null && !NAME.matcher(name).matches()) {
                r.problem(v.pos(), "connection name '" + Printable.clip(name) + "' must start with a letter and use letters, digits"
                        + " and _ (at most 64)");
                name = null;
            }
        }
        if (node == null) {
            return null;
        }
        return new ClientConnection(node, r.connectionUser(m.pos(), node, name, as), name);
    }

    /** How messages and the reader's bookkeeping name it: {@code connection c1 on source}. */
    String describe() {
        return StepReader.connectionName(node, name, user);
    }

    Play.Session session(Play p) {
        return p.session(node, user, name);
    }

    /** For a step line: {@code source}, {@code source (c1)}, {@code source as app}. */
    String label() {
        return node + (name != null ? " (" + name + ")" : "") + (user.equals("root") || name != null ? "" : " as " + user);
    }
}
