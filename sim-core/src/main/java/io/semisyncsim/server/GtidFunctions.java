package io.semisyncsim.server;

import io.semisyncsim.error.SqlError;
import io.semisyncsim.gtid.GtidList;
import io.semisyncsim.gtid.GtidSet;
import io.semisyncsim.table.Values;
import java.util.List;

/**
 * The GTID functions of SQL (item_func.cc Item_func_gtid_subset, Item_func_gtid_subtract,
 * Item_wait_for_executed_gtid_set), for the family the server belongs to. A wait the server would have to
 * block for is refused as not modelled (error 9000): a scenario waits with {@code await} on
 * {@code NODE.gtid.executed} instead. MariaDB's MASTER_GTID_WAIT is in WaitFunctions.
 */
final class GtidFunctions {
    private GtidFunctions() {
    }

    /** The function's value, or {@code NOT_MINE} when {@code name} is no GTID function of this flavour. */
    static Object call(Mysqld server, String name, List<Object> args) throws SqlError {
        boolean mariadb = server.flavor().gtidKind().equals("mariadb");
        if (name.equals("MASTER_GTID_WAIT")) {
            return mariadb ? NOT_MINE : NO_SUCH; // MariaDB's is a wait (WaitFunctions)
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
            default -> NOT_MINE;
        };
    }

    /** Marks a name this class does not know. */
    static final Object NOT_MINE = new Object();

    /** Marks the other family's GTID function: this server has no such function (1305). */
    static final Object NO_SUCH = new Object();

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
