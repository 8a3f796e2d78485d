package io.semisyncsim.server;

import io.semisyncsim.error.SqlError;
import io.semisyncsim.gtid.GtidList;
import io.semisyncsim.gtid.GtidSet;
import io.semisyncsim.table.Values;
import java.util.List;

/**
 * The GTID functions of SQL (item_func.cc Item_func_gtid_subset, Item_func_gtid_subtract,
 * Item_wait_for_executed_gtid_set; MariaDB's Item_master_gtid_wait), for the family the server belongs
 * to. A wait the server would have to block for is refused as not modelled (error 9000): a scenario
 * waits with {@code await} on {@code NODE.gtid.executed} instead.
 */
final class GtidFunctions {
    private GtidFunctions() {
    }

    /** The function's value, or {@code NOT_MINE} when {@code name} is no GTID function of this flavour. */
    static Object call(Mysqld server, String name, List<Object> args) throws SqlError {
        boolean mariadb = server.flavor().gtidKind().equals("mariadb");
        if (name.equals("MASTER_GTID_WAIT")) {
            return mariadb ? masterGtidWait(server, args) : NO_SUCH;
        }
        if (mariadb) {
            return List.of("GTID_SUBSET", "GTID_SUBTRACT", "WAIT_FOR_EXECUTED_GTID_SET").contains(name) ? NO_SUCH : NOT_MINE;
        }
        return switch (name) {
            case "GTID_SUBSET" -> {
                arity(server, name, args, 2);
                if (args.get(0) == null || args.get(1) == null) {
                    yield null;
                }
                yield set(server, args.get(0)).isSubsetOf(set(server, args.get(1))) ? 1L : 0L;
            }
            case "GTID_SUBTRACT" -> {
                arity(server, name, args, 2);
                if (args.get(0) == null || args.get(1) == null) {
                    yield null;
                }
                yield set(server, args.get(0)).subtract(set(server, args.get(1))).toString();
            }
            case "WAIT_FOR_EXECUTED_GTID_SET" -> {
                if (args.isEmpty() || args.size() > 2) {
                    throw server.flavor().error(1582, name);
                }
                GtidSet wanted = set(server, args.get(0));
                if (wanted.isSubsetOf(GtidSet.parse(server.gtids().executed()))) {
                    yield 0L; // executed already: returns at once
                }
                if (args.size() == 2 && args.get(1) != null && Values.compare(args.get(1), 0L) <= 0) {
                    yield 1L; // a timeout of 0: 1 at once
                }
                throw server.flavor().error("9000-clause", "SELECT", "a wait in WAIT_FOR_EXECUTED_GTID_SET()");
            }
            default -> NOT_MINE;
        };
    }

    /** Marks a name this class does not know. */
    static final Object NOT_MINE = new Object();

    /** Marks the other family's GTID function: this server has no such function (1305). */
    static final Object NO_SUCH = new Object();

    /** MASTER_GTID_WAIT(pos [, timeout]): 0 when gtid_slave_pos has reached pos, -1 for a 0 timeout not reached. */
    private static Object masterGtidWait(Mysqld server, List<Object> args) throws SqlError {
        if (args.isEmpty() || args.size() > 2) {
            throw server.flavor().error(1582, "MASTER_GTID_WAIT");
        }
        GtidList.Parsed wanted = GtidList.parse(Values.text(args.get(0)));
        if (wanted.list() == null) {
            throw server.flavor().error(1231, "gtid_slave_pos", Values.text(args.get(0)));
        }
        GtidList have = GtidList.parse(server.gtids().variable("gtid_slave_pos")).list();
        boolean reached = true;
        for (var g : wanted.list().gtids()) {
            var at = have.get(g.domain());
            reached &= at != null && at.seq() >= g.seq();
        }
        if (reached) {
            return 0L;
        }
        if (args.size() == 2 && args.get(1) != null && Values.compare(args.get(1), 0L) <= 0) {
            return -1L; // measured: MASTER_GTID_WAIT('0-1-9', 0.2) gives -1 when it times out
        }
        throw server.flavor().error("9000-clause", "SELECT", "a wait in MASTER_GTID_WAIT()");
    }

    private static GtidSet set(Mysqld server, Object text) throws SqlError {
        GtidSet s = GtidSet.parse(Values.text(text));
        if (s == null) {
            throw server.flavor().error(1772, Values.text(text));
        }
        return s;
    }

    private static void arity(Mysqld server, String name, List<Object> args, int n) throws SqlError {
        if (args.size() != n) {
            throw server.flavor().error(1582, name);
        }
    }
}
