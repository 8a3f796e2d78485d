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
        if (name.equals("BINLOG_GTID_POS")) {
            return mariadb ? binlogGtidPos(server, args) : NO_SUCH;
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

    /**
     * MariaDB's BINLOG_GTID_POS(file, pos) (item_strfunc.cc Item_func_binlog_gtid_pos, log.cc
     * gtid_state_from_binlog_pos): the GTID position a replica would ask for to start at that file and
     * offset: the file's Gtid_list, then each Gtid event before the offset. NULL for a NULL or negative
     * argument, a file the index does not name, and an offset that is no event's start nor the file's end
     * (measured on 10.11.18: inside an event, or past the end).
     */
    private static Object binlogGtidPos(Mysqld server, List<Object> args) throws SqlError {
        arity(server, "BINLOG_GTID_POS", args, 2);
        if (args.get(0) == null || args.get(1) == null) {
            return null;
        }
        long pos;
        try {
            pos = new java.math.BigDecimal(Values.text(args.get(1)).strip()).longValue();
        } catch (NumberFormatException e) {
            pos = 0; // a string that is no number reads as 0, which no event starts at
        }
        var contents = server.binlog().contents(Values.text(args.get(0)));
        if (pos < 0 || contents == null || !(contents.gtids() instanceof List<?> header)) {
            return null;
        }
        GtidList state = new GtidList();
        for (Object g : header) {
            state.put((io.semisyncsim.gtid.Gtid.Domain) g);
        }
        for (io.semisyncsim.binlog.BinlogEvent e : contents.events()) {
            if (e.endPos() - e.size() == pos) {
                return state.toString();
            }
            if (e.gtid() instanceof io.semisyncsim.gtid.Gtid.Domain g) {
                state.put(g);
            }
        }
        return pos == contents.size() ? state.toString() : null;
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
