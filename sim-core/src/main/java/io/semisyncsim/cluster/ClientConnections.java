package io.semisyncsim.cluster;

import io.semisyncsim.error.SqlError;
import io.semisyncsim.server.Account;
import io.semisyncsim.server.Mysqld;
import io.semisyncsim.server.Session;
import io.semisyncsim.server.Threads;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The client connections of one mysqld, a THD each (sql_connect.cc handle_one_connection): opened at a
 * session's first request, closed by COM_QUIT, KILL, a shutdown or the process's end. The requests a
 * connection waits on are the caller's (its messages); this class keeps which one waits and answers
 * the ones a connection's end leaves without an answer, through {@link Replies}. A connection's states:
 * <pre>
 *   (none)  --first request--------------------> idle   (a thread in the process list, "Sleep")
 *   idle    --statement or commit (busy)--------> busy   (waiting set; "Query")
 *   busy    --answered--------------------------> idle
 *   idle    --COM_QUIT, or KILL at its next request-> (none)
 *   busy    --KILL CONNECTION, or COM_QUIT------> killed (the client has 2013, or is gone; the server side
 *                                                         finishes, then the connection goes)
 *   busy    --MySQL's shutdown (Set_kill_conn)--> closing after its statement --answered--> killed
 *   any     --the process ends------------------> (none) (a waiting client loses the connection)
 * </pre>
 */
final class ClientConnections {

    /** Answers for requests a connection's end leaves unanswered. */
    interface Replies {
        /** The client of {@code request} lost its connection: it gets {@code error} (2013). */
        void lost(Object request, SqlError error);
    }

    /** A client connection: its thread, its open transaction, and the request it waits on. */
    static final class Connection {
        final long sessionId;
        final Threads.Thread thread;
        final Session session = new Session();
        /** The request the client waits on (a statement or a commit), or null. */
        Object waiting;
        /** KILL CONNECTION: the client has its error; the server side may still be finishing a commit. */
        boolean killed;
        /** MySQL's shutdown flagged it (Set_kill_conn): it ends when its statement is done. */
        boolean closeAfterStatement;

        Connection(long sessionId, Threads.Thread thread) {
            this.sessionId = sessionId;
            this.thread = thread;
            session.setConnectionId(thread.id()); // CONNECTION_ID() is the process list's Id
        }
    }

    private final Mysqld server;
    private final Replies replies;
    private final Map<Long, Connection> connections = new TreeMap<>();
    /** The same connections by thread id: a commit's end finds its connection by its thread. */
    private final Map<Long, Connection> byThreadId = new TreeMap<>();

    ClientConnections(Mysqld server, Replies replies) {
        this.server = server;
        this.replies = replies;
    }

    /** The connection of client session {@code session}, opened (a new thread) at its first request. */
    Connection open(long session, Account account) {
        Connection conn = connections.get(session);
        if (conn == null) {
            Threads.Thread t = server.threads().open(Threads.Kind.CLIENT, account.user(), "localhost", "Sleep",
                    server.now());
            conn = new Connection(session, t);
            conn.session.open(server.variables()); // its session variables: the globals as they are now
            t.db(conn.session.database());
            connections.put(session, conn);
            byThreadId.put(t.id(), conn);
            server.sessionThreads().put(session, t.id());
        }
        return conn;
    }

    /**
     * A request on {@code session} finds its connection closed (KILL CONNECTION, or {@code closing}: a
     * shutdown closed it): the connection goes and the client gets 2013. False when it is still open,
     * or was never opened.
     */
    boolean endedBefore(long session, Object request, boolean closing) {
        Connection open = connections.get(session);
        if (open == null || !(open.killed || closing)) {
            return false;
        }
        end(open);
        replies.lost(request, lostConnection());
        return true;
    }

    /** The connection starts on {@code request} (a statement whose text is {@code info}, or a commit: null). */
    void busy(Connection conn, Object request, String info) {
        conn.thread.set("Query", "starting", info, server.now());
        conn.waiting = request;
    }

    /**
     * The connection's request has its answer: it is idle again, unless MySQL's shutdown flagged it,
     * which ends it now (the THD sees itself killed when its statement is done).
     */
    void answered(Connection conn) {
        conn.waiting = null;
        conn.thread.set("Sleep", "", null, server.now());
        if (conn.closeAfterStatement && !conn.killed) {
            conn.killed = true;
            server.threads().close(conn.thread.id());
        }
    }

    /**
     * The commit of thread {@code thread} is done: its connection if the client still waits for the
     * answer, else null; a killed connection goes now (its client had 2013 already).
     */
    Connection committed(long thread) {
        Connection conn = byThread(thread);
        if (conn != null && conn.killed) {
            end(conn);
            return null;
        }
        return conn;
    }

    /** COM_QUIT: an idle connection closes now, a busy one when its request is done. */
    void quit(long session) {
        Connection conn = connections.get(session);
        if (conn != null && conn.waiting == null) {
            end(conn);
        } else if (conn != null) {
            conn.killed = true; // it goes when its statement is done
        }
    }

    /**
     * KILL CONNECTION (or a shutdown's): the client's socket is shut, so a waiting client gets 2013 at
     * once. {@code commitRunning}: the thread still works on a commit (MySQL waits on for the ACK), so the
     * process list shows the command Killed in the state it is in (THD_ENTER_COND's stage stays until it
     * leaves); otherwise it shows Killed with no state.
     */
    void kill(Connection conn, boolean commitRunning) {
        conn.killed = true;
        server.connectionStatus().connectionAborted();
        if (!commitRunning) {
            server.recordLocks().release(conn.thread.id()); // the THD ends: its transaction rolls back
        }
        boolean busy = conn.waiting != null;
        if (busy) {
            Object request = conn.waiting;
            conn.waiting = null;
            replies.lost(request, lostConnection());
            // The client has its 2013: it no longer has a connection id, though the thread may work on.
            server.sessionThreads().remove(conn.sessionId, conn.thread.id());
        }
        if (!busy || !commitRunning) {
            conn.thread.set("Killed", "", null, server.now());
        } else {
            conn.thread.set("Killed", conn.thread.state(), conn.thread.info(), conn.thread.since());
        }
    }

    /** The connection running as thread {@code thread}, or null. */
    Connection byThread(long thread) {
        return byThreadId.get(thread);
    }

    /** The connection is gone: its client has no connection id any more, and its thread ends. */
    private void end(Connection conn) {
        server.recordLocks().release(conn.thread.id()); // an open transaction rolls back with its connection
        connections.remove(conn.sessionId);
        byThreadId.remove(conn.thread.id());
        server.sessionThreads().remove(conn.sessionId, conn.thread.id());
        server.threads().close(conn.thread.id());
    }

    /** The connections open now, in session order (a copy: the caller may end them). */
    List<Connection> all() {
        return new ArrayList<>(connections.values());
    }

    /** The connections not killed yet, in session order. */
    List<Connection> notKilled() {
        return connections.values().stream().filter(conn -> !conn.killed).toList();
    }

    /** The process ended: every connection goes with it, and a waiting client gets 2013. */
    void processEnded() {
        for (Connection conn : connections.values()) {
            if (conn.waiting != null) {
                replies.lost(conn.waiting, lostConnection());
            }
        }
        connections.clear(); // and open transactions with them
        byThreadId.clear();
        server.waits().clear();
        server.recordLocks().clear();
        server.sessionThreads().clear();
    }

    /** CR_SERVER_LOST as the flavour's client library words it. */
    SqlError lostConnection() {
        return new SqlError(2013, "HY000", server.flavor().product().equals("MariaDB")
                ? "Lost connection to server during query" : "Lost connection to MySQL server during query");
    }
}
