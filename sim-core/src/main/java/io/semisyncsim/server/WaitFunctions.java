package io.semisyncsim.server;

import io.semisyncsim.error.SqlError;
import io.semisyncsim.gtid.GtidList;
import io.semisyncsim.table.Values;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/**
 * The SQL functions that wait for the replica to catch up: SOURCE_POS_WAIT and MASTER_POS_WAIT (item_func.cc
 * Item_source_pos_wait / Item_master_pos_wait::val_int, rpl_rli.cc Relay_log_info::wait_for_pos), MariaDB's
 * MASTER_GTID_WAIT (Item_master_gtid_wait::val_int, rpl_gtid.cc gtid_waiting::wait_for_pos) and MySQL's
 * WAIT_FOR_EXECUTED_GTID_SET (item_gtid_func.cc, rpl_gtid_state.cc Gtid_state::wait_for_gtid_set). A call
 * that must wait blocks its statement (ReplicationWaits); a statement that waited calls it again and takes
 * its value.
 */
final class WaitFunctions {
    private WaitFunctions() {
    }

    /** Marks a name this class does not know. */
    static final Object NOT_MINE = new Object();

    /**
     * The function's value (null: SQL NULL), {@code NOT_MINE}, or {@link ReplicationWaits.Blocked} thrown;
     * {@code warnings} takes what the call raises.
     */
    static Object call(Mysqld server, Session session, String name, List<Object> args,
                       java.util.function.Consumer<StatementResult.Warning> warnings) throws SqlError {
        boolean mariadb = server.flavor().gtidKind().equals("mariadb");
        var rules = server.flavor().sql().waitFunctions();
        Builder wait;
        if (rules.position().contains(name)) {
            if (name.equals(rules.positionDeprecated())) {
                warnings.accept(new StatementResult.Warning("Warning", 1287,
                        server.flavor().errorText(1287, name, rules.position().get(0))));
            }
            wait = () -> positionWait(server, name, args, rules);
        } else if (name.equals("MASTER_GTID_WAIT") && mariadb) {
            wait = () -> gtidWait(server, session, name, args);
        } else if (name.equals("WAIT_FOR_EXECUTED_GTID_SET") && !mariadb) {
            wait = () -> executedGtidSetWait(server, name, args);
        } else {
            return NOT_MINE;
        }
        ReplicationWaits.Outcome earlier = session.nextWait();
        Call w = earlier != null ? null : wait.build();
        ReplicationWaits.Outcome o = earlier != null ? earlier : w.now();
        if (o == null) {
            throw new ReplicationWaits.Blocked(w);
        }
        if (earlier == null) {
            session.answeredAtOnce(o);
        }
        if (o.error() != null) {
            throw o.error();
        }
        return o.value();
    }

    /** A wait made from the call's arguments (checked as its server checks them). */
    private interface Builder {
        Call build() throws SqlError;
    }

    /**
     * One call of a wait function: how it looks at the replica is its own ({@link #poll}); what it gives at
     * its timeout and at a KILL, and its process-list state, it is given.
     */
    private abstract static class Call implements ReplicationWaits.Target {
        private final ReplicationWaits.Outcome atTimeout;
        private final ReplicationWaits.Outcome atKill;
        private final long timeoutMicros;

        Call(ReplicationWaits.Outcome atTimeout, ReplicationWaits.Outcome atKill, long timeoutMicros) {
            this.atTimeout = atTimeout;
            this.atKill = atKill;
            this.timeoutMicros = timeoutMicros;
        }

        /** Its outcome at the call: over already, or timed out at once (a timeout of 0); null when it waits. */
        ReplicationWaits.Outcome now() {
            ReplicationWaits.Outcome o = poll(0);
            return o == null && timeoutMicros == 0 ? timedOut() : o;
        }

        @Override
        public ReplicationWaits.Outcome timedOut() {
            return atTimeout;
        }

        @Override
        public ReplicationWaits.Outcome killed() {
            return atKill;
        }

        @Override
        public long timeoutMicros() {
            return timeoutMicros;
        }
    }

    /** A call whose value is known at once (it never waits). */
    private static Call atOnce(ReplicationWaits.Outcome o) {
        return new Call(o, o, -1) {
            @Override
            public ReplicationWaits.Outcome poll(int groups) {
                return o;
            }

            @Override
            public String state(List<ReplicationWaits.Target> others) {
                return "";
            }
        };
    }

    /**
     * A position wait's timeout in µs, negative for ever: MariaDB reads it as an integer (val_int rounds:
     * 0.4 is 0, 0.6 is 1), 0 or less for ever; MySQL as fractional seconds (val_real), 0 or NULL for ever,
     * and a negative one is refused with 1210 (strict sql_mode).
     */
    private static long positionTimeout(Mysqld server, Object v, boolean wholeSeconds) throws SqlError {
        if (v == null) {
            return -1;
        }
        if (wholeSeconds) {
            long s = Values.toDecimal(v).setScale(0, RoundingMode.HALF_UP).longValue();
            return s > 0 ? s * 1_000_000L : -1;
        }
        double s = Values.toDouble(v);
        if (s < 0) {
            throw server.flavor().error(1210, "SOURCE_POS_WAIT.");
        }
        return s > 0 ? (long) (s * 1e6) : -1;
    }

    private static long integer(Object v) {
        return v == null ? 0 : Values.toDecimal(v).setScale(0, RoundingMode.HALF_UP).longValue();
    }

    /**
     * MASTER_POS_WAIT(log_name, log_pos [, timeout [, connection_name]]) and SOURCE_POS_WAIT: the number of
     * group updates the SQL thread made while it waited (event_count), 0 when the position is reached
     * already, -1 at the timeout, NULL for no name, a name of another binlog or with no number, a negative
     * position, no replication channel, or a SQL thread that is not running or stops; KILL makes it NULL
     * (measured on MariaDB 10.11.18).
     */
    private static Call positionWait(Mysqld server, String name, List<Object> args,
                                     io.semisyncsim.flavor.Flavor.SqlRules.WaitFunctions rules) throws SqlError {
        if (args.size() < 2 || args.size() > 4) {
            throw server.flavor().error(1582, name);
        }
        if (args.size() == 4 && args.get(3) != null && !Values.text(args.get(3)).isEmpty()) {
            throw server.flavor().error("9000-clause", "SELECT", "a named connection in " + name + "()");
        }
        String logName = Values.text(args.get(0));
        long pos = integer(args.get(1));
        long timeout = args.size() >= 3 ? positionTimeout(server, args.get(2), rules.wholeSeconds()) : -1;
        var channel = server.channel();
        if (logName == null || logName.isEmpty() || !channel.isConfigured()) {
            return atOnce(ReplicationWaits.Outcome.of(null));
        }
        String state = server.flavor().threadStyle().positionWaitState();
        ReplicationWaits.Outcome nullValue = ReplicationWaits.Outcome.of(null);
        return new Call(ReplicationWaits.Outcome.of(-1L), nullValue, timeout) {
            private int events;

            /** One round of wait_for_pos's loop: NULL (-2), the count when reached, or null to wait on. */
            @Override
            public ReplicationWaits.Outcome poll(int groups) {
                events += groups; // each group the SQL thread ends wakes the waiter (data_cond)
                int dot = logName.lastIndexOf('.');
                String digits = dot < 0 ? "" : logName.substring(dot + 1);
                if (digits.isEmpty() || !digits.chars().allMatch(Character::isDigit) || pos < 0 || !channel.sqlRunning()) {
                    return nullValue; // improper arguments, or no SQL thread
                }
                String executed = channel.relaySourceLogFile();
                if (executed.isEmpty()) {
                    return null; // no coordinates yet: wait for some
                }
                int executedDot = executed.lastIndexOf('.');
                if (!executed.substring(0, executedDot + 1).equals(logName.substring(0, dot + 1))) {
                    return nullValue; // another binlog's name
                }
                int cmp = new BigDecimal(executed.substring(executedDot + 1)).compareTo(new BigDecimal(digits));
                boolean reached = cmp > 0 || cmp == 0 && channel.execSourceLogPos() >= Math.max(pos, 4);
                return reached ? ReplicationWaits.Outcome.of((long) events) : null;
            }

            @Override
            public String state(List<ReplicationWaits.Target> others) {
                return state;
            }
        };
    }

    /**
     * MASTER_GTID_WAIT(pos [, timeout]): 0 once gtid_slave_pos has reached every domain's GTID of {@code pos},
     * SQL thread or not; -1 at the timeout (fractional seconds; 0 at once; negative or NULL for ever); NULL
     * for a NULL position; ERROR 1317 when KILL QUERY ends it (measured on MariaDB 10.11.18); ERROR 1941 for a
     * position it cannot parse (ER_INCORRECT_GTID_STATE, measured on 10.11.19). Each call with a position it
     * could parse counts in Master_gtid_wait_count, its connection's and the server's.
     */
    private static Call gtidWait(Mysqld server, Session session, String name, List<Object> args) throws SqlError {
        if (args.isEmpty() || args.size() > 2) {
            throw server.flavor().error(1582, name);
        }
        if (args.get(0) == null) {
            return atOnce(ReplicationWaits.Outcome.of(null));
        }
        GtidList.Parsed wanted = GtidList.parse(Values.text(args.get(0)));
        if (wanted.list() == null) {
            throw server.flavor().error(1941);
        }
        double seconds = args.size() == 2 && args.get(1) != null ? Values.toDouble(args.get(1)) : -1;
        session.gtidWaits().started();
        server.gtidWaits().started();
        return new GtidWait(server, session, wanted.list(), seconds < 0 ? -1 : (long) (seconds * 1e6));
    }

    /** A MASTER_GTID_WAIT: it waits domain by domain, in the order the position lists them. */
    private static final class GtidWait extends Call {
        private final Mysqld server;
        private final Session session;
        private final GtidList wanted;
        private final long startedAt;
        private boolean ended;

        GtidWait(Mysqld server, Session session, GtidList wanted, long timeout) {
            super(ReplicationWaits.Outcome.of(-1L), new ReplicationWaits.Outcome(null, server.flavor().error(1317)), timeout);
            this.server = server;
            this.session = session;
            this.wanted = wanted;
            this.startedAt = server.now();
        }

        /** wait_for_pos adds the time waited when the wait was reached or timed out, an empty one aside. */
        private void end(boolean timedOut) {
            if (!ended && !wanted.isEmpty()) {
                ended = true;
                long waited = server.now() - startedAt;
                session.gtidWaits().ended(waited, timedOut);
                server.gtidWaits().ended(waited, timedOut);
            }
        }

        @Override
        public ReplicationWaits.Outcome timedOut() {
            end(true);
            return super.timedOut();
        }

        /** The first of its GTIDs gtid_slave_pos has not reached, or null when all are reached. */
        private io.semisyncsim.gtid.Gtid.Domain waitingFor() {
            GtidList have = GtidList.parse(server.gtids().variable("gtid_slave_pos")).list();
            for (var g : wanted.gtids()) {
                var at = have == null ? null : have.get(g.domain());
                if (at == null || at.seq() < g.seq()) {
                    return g;
                }
            }
            return null;
        }

        @Override
        public ReplicationWaits.Outcome poll(int groups) {
            if (waitingFor() != null) {
                return null;
            }
            end(false);
            return ReplicationWaits.Outcome.of(0L);
        }

        /**
         * gtid_waiting: per domain the waiter for the smallest sequence number (the first to come among equals)
         * is the one the SQL thread wakes, the primary waiter; the others wait for it.
         */
        @Override
        public String state(List<ReplicationWaits.Target> others) {
            var mine = waitingFor();
            boolean before = true; // others ahead of this one in arrival order
            for (ReplicationWaits.Target t : others) {
                if (t == this) {
                    before = false;
                } else if (t instanceof GtidWait other && mine != null) {
                    var theirs = other.waitingFor();
                    if (theirs != null && theirs.domain() == mine.domain()
                            && (theirs.seq() < mine.seq() || before && theirs.seq() == mine.seq())) {
                        return "Waiting in MASTER_GTID_WAIT()";
                    }
                }
            }
            return "Waiting in MASTER_GTID_WAIT() (primary waiter)";
        }
    }

    /**
     * WAIT_FOR_EXECUTED_GTID_SET(set [, timeout]): 0 once gtid_executed holds {@code set}, 1 at the timeout
     * (fractional seconds; 0 for ever); NULL set 1772, a NULL or negative timeout 1210, gtid_mode OFF 3062,
     * KILL QUERY 1317; the state "Waiting for GTID to be committed" (MySQL 8.0.39 item_gtid_func.cc,
     * Gtid_state::wait_for_gtid_set). UNVERIFIED: no MySQL server here.
     */
    private static Call executedGtidSetWait(Mysqld server, String name, List<Object> args) throws SqlError {
        if (args.isEmpty() || args.size() > 2) {
            throw server.flavor().error(1582, name);
        }
        if (args.get(0) == null) {
            throw server.flavor().error(1772, "NULL");
        }
        double seconds = 0;
        if (args.size() == 2) {
            seconds = args.get(1) == null ? -1 : Values.toDouble(args.get(1));
            if (seconds < 0) {
                throw server.flavor().error(1210, name + ".");
            }
        }
        if (server.variables().get("gtid_mode").equalsIgnoreCase("OFF")) {
            throw server.flavor().error(3062, "use " + name);
        }
        io.semisyncsim.gtid.GtidSet wanted = io.semisyncsim.gtid.GtidSet.parse(Values.text(args.get(0)));
        if (wanted == null) {
            throw server.flavor().error(1772, Values.text(args.get(0)));
        }
        return new Call(ReplicationWaits.Outcome.of(1L), new ReplicationWaits.Outcome(null, server.flavor().error(1317)),
                seconds > 0 ? (long) (seconds * 1e6) : -1) {
            @Override
            public ReplicationWaits.Outcome poll(int groups) {
                boolean reached = wanted.isSubsetOf(io.semisyncsim.gtid.GtidSet.parse(server.gtids().executed()));
                return reached ? ReplicationWaits.Outcome.of(0L) : null;
            }

            @Override
            public String state(List<ReplicationWaits.Target> others) {
                return "Waiting for GTID to be committed";
            }
        };
    }
}
