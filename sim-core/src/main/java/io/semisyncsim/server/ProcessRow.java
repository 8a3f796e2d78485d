package io.semisyncsim.server;

import java.util.ArrayList;
import java.util.List;

/**
 * A thread as a process list shows it to one session, for SHOW PROCESSLIST and
 * INFORMATION_SCHEMA.PROCESSLIST alike: every listed thread (the ACK receiver is not: MySQL's has no
 * THD, MariaDB's is never listed), another user's only with PROCESS; the session's own row shows the
 * statement running rather than what its thread last recorded.
 */
record ProcessRow(Threads.Thread thread, boolean self) {

    /** The rows {@code user}'s session {@code connectionId} sees, in thread order. */
    static List<ProcessRow> visible(Mysqld server, boolean seesAll, String user, long connectionId) {
        List<ProcessRow> rows = new ArrayList<>();
        for (Threads.Thread t : server.threads().listed()) {
            if (seesAll || t.user().equals(user)) {
                rows.add(new ProcessRow(t, t.id() == connectionId));
            }
        }
        return rows;
    }

    String db(Session session) {
        return self ? session.database() : thread.db();
    }

    String command() {
        return self ? "Query" : thread.command();
    }

    /** {@code selfState}: the state the flavour shows on the row of the session reading the list. */
    String state(String selfState) {
        return self ? selfState : thread.state();
    }

    /** How long the thread has been in its state, in µs (never negative). */
    long micros(long now) {
        return Math.max(0, now - thread.since());
    }
}
