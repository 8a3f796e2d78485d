package io.semisyncsim.scenario.lang;

import io.semisyncsim.server.StatementResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One playing of a scenario, as its steps see it: the target they act on, the listener they tell,
 * what clients saw of their commits, the values {@code let} captured, the client connections, and the
 * outcomes so far. Steps run one after another on the thread that owns this.
 *
 * <p>Connections are kept across steps, as a client's session is: one per node and user unless a step
 * names its own ({@code connection: c2}). A connection to a node that crashed reconnects on its next
 * statement, as the mysql client does; what its open transaction held is gone.
 */
public final class Play {
    /** A day of virtual time: a client that has no answer by then never will. */
    public static final long NO_ANSWER_LIMIT = 86_400_000_000L;

    private final Target target;
    private final RunListener listener;
    private final Commits commits = new Commits();
    private final List<Outcome> outcomes = new ArrayList<>();
    private final long answerLimit;
    private final String answerLimitText;
    private final Map<String, String> vars = new TreeMap<>();
    private final Map<String, Session> sessions = new TreeMap<>();

    /** A client connection as the play keeps it: its handle, and what the client knows of its transaction. */
    public static final class Session {
        private final String node;
        private final String user;
        private final long handle;
        private final ClientTransaction transaction = new ClientTransaction();
        private Sent sent;

        Session(String node, String user, long handle) {
            this.node = node;
            this.user = user;
            this.handle = handle;
        }

        public String node() {
            return node;
        }

        public String user() {
            return user;
        }

        public long handle() {
            return handle;
        }

        /** The statement sent and not yet reaped, or null. */
        public Sent sent() {
            return sent;
        }
    }

    /** A statement sent on a connection: what, when, and the source's yes_tx then (to tell its ACK). */
    public record Sent(String sql, long at, long yesBefore) {
    }

    /**
     * {@code answerLimit}: how long a client waits for an answer before a step gives up on it, and how
     * a message names that wait ({@code a day of virtual time}).
     */
    public Play(Target target, RunListener listener, long answerLimit, String answerLimitText) {
        this.target = target;
        this.listener = listener;
        this.answerLimit = answerLimit;
        this.answerLimitText = answerLimitText;
    }

    public Target target() {
        return target;
    }

    public RunListener listener() {
        return listener;
    }

    public Commits commits() {
        return commits;
    }

    public List<Outcome> outcomes() {
        return outcomes;
    }

    public long now() {
        return target.now();
    }

    /** The deadline for an answer to something asked now. */
    public long answerDeadline() {
        return target.now() + answerLimit;
    }

    public long answerLimit() {
        return answerLimit;
    }

    /** How messages name the answer limit: {@code a day of virtual time}. */
    public String answerLimitText() {
        return answerLimitText;
    }

    /** What a step that got no answer says: {@code no answer after a day of virtual time}. */
    public String noAnswer() {
        return "no answer after " + answerLimitText;
    }

    /** Records and tells one verdict, at the current time. */
    public Outcome outcome(Pos pos, String description, boolean held, String actual) {
        Outcome o = new Outcome(pos, description, held, actual, target.now());
        outcomes.add(o);
        listener.outcome(o);
        return o;
    }

    /** The value at any path: the commit and loss figures this play keeps, or what the target reads. */
    public String read(ValuePath path) {
        return switch (path.kind()) {
            case COMMITS -> commits.read(path.name());
            case LOST -> commits.lost(path.name());
            default -> target.read(path);
        };
    }

    // --- captured values

    /** The values {@code let} captured, by name. */
    public Map<String, String> vars() {
        return vars;
    }

    /** {@code text} with its {@code ${name}}s filled in. */
    public String expand(String text) throws Template.Unbound {
        return Template.expand(text, vars);
    }

    // --- connections

    /**
     * The connection a step names ({@code connection}, or null for the node's and user's default one),
     * opened at its first use.
     */
    public Session session(String node, String user, String connection) {
        String key = StepReader.connectionName(node, connection, user);
        Session s = sessions.get(key);
        if (s == null) {
            s = new Session(node, user, target.connect(node, user));
            sessions.put(key, s);
        }
        return s;
    }

    /** A node went down: its connections' open transactions are gone (the server forgot them). */
    public void nodeDown(String node) {
        for (Session s : sessions.values()) {
            if (s.node.equals(node)) {
                s.transaction.lost();
            }
        }
    }

    /**
     * Runs one statement on a connection and waits for its answer; tells the listener and counts a commit
     * it made. Null when no answer came in time (a failed outcome is recorded).
     */
    public StatementResult execute(Pos pos, Session s, String sql) {
        long before = now();
        long yesBefore = s.transaction.mayCommit(sql) ? yesTx(s.node) : 0;
        listener.statementStarted(before, s.node, s.user, sql);
        StatementResult r = target.execute(s.handle, sql, answerDeadline());
        if (r == null) {
            outcome(pos, s.node + "> " + sql + " gets an answer", false, noAnswer());
            return null;
        }
        listener.statement(now(), now() - before, s.node, s.user, sql, r);
        answered(s, sql, r, now() - before, yesBefore);
        return r;
    }

    /** Sends a statement on a connection and goes on at once (as MTR's send); {@link #reap} collects it. */
    public void send(Session s, String sql) {
        s.sent = new Sent(sql, now(), s.transaction.mayCommit(sql) ? yesTx(s.node) : 0);
        listener.statementStarted(now(), s.node, s.user, sql);
        target.send(s.handle, sql);
    }

    /** Waits for the answer to a connection's sent statement; as {@link #execute} with the time since it was sent. */
    public StatementResult reap(Pos pos, Session s) {
        Sent sent = s.sent;
        s.sent = null;
        Target.Reaped reaped = target.reap(s.handle, answerDeadline());
        if (reaped == null) {
            outcome(pos, s.node + "> " + sent.sql() + " gets an answer", false, noAnswer());
            return null;
        }
        StatementResult r = reaped.result();
        long elapsed = reaped.at() - sent.at(); // until the answer came, not until the reap step
        listener.statement(reaped.at(), elapsed, s.node, s.user, sent.sql(), r);
        answered(s, sent.sql(), r, elapsed, sent.yesBefore());
        return r;
    }

    /**
     * What the client learns of its transaction from an answer ({@link ClientTransaction}), and the commit it
     * made. Whether a replica acknowledged it is read from the source's yes_tx around the statement (it rose),
     * as a client of a real server can tell too.
     */
    private void answered(Session s, String sql, StatementResult r, long latency, long yesBefore) {
        if (!(r instanceof StatementResult.Ok ok)) {
            return;
        }
        if (s.transaction.answered(sql, ok.affectedRows())) {
            boolean acked = yesTx(s.node) > yesBefore;
            commits.record(s.node, latency, acked);
            listener.committed(now(), latency, acked);
        }
    }

    /** The node's Rpl_semi_sync_source_yes_tx (or _master_), 0 where there is none. */
    private long yesTx(String node) {
        for (String name : List.of("Rpl_semi_sync_source_yes_tx", "Rpl_semi_sync_master_yes_tx")) {
            String v = read(new ValuePath(node, ValuePath.Kind.STATUS, name));
            if (v != null && v.matches("\\d{1,18}")) {
                return Long.parseLong(v);
            }
        }
        return 0;
    }

    /** For messages: a statement as one line, cut at 80 characters. */
    public static String brief(String sql) {
        String one = sql.strip().replaceAll("\\s+", " ");
        return one.length() > 80 ? one.substring(0, 77) + "..." : one;
    }
}
