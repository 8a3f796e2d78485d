package io.semisyncsim.binlog;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * SHOW BINLOG EVENTS [IN 'file'] [FROM pos] [LIMIT [offset,] count]: one binlog file's events as rows
 * (MySQL binlog.cc and MariaDB sql_repl.cc {@code show_binlog_events}), and SHOW RELAYLOG EVENTS, which
 * reads a relay log file the same way ({@link #relayRows}); each event's Info as its
 * {@code Log_event::pack_info} writes it. The model keeps events as metadata with the transaction they
 * belong to, so Info is written back from that: the statement of a Query event, the table of a
 * Table_map, the GTID. Two numbers are the model's own, not the server's: an Xid's {@code xid} is the
 * transaction's number on the server that committed it (a server's is the query id of the statement
 * that began it), and a {@code table_id} numbers tables in the order this statement first meets them
 * ({@link BinaryLog#tableId}; a server's counts every table definition it opened, its own among them).
 */
public final class ShowBinlogEvents {

    /**
     * What differs between flavours (flavors.conf {@code show-binlog-events}): the event type names
     * (MariaDB's row events are {@code Write_rows_v1}), a GTID event's Info for a transaction with BEGIN,
     * for a statement logged alone (DDL) and for an anonymous one ({@code {gtid}} stands for the GTID),
     * whether a DDL's Query event shows its XID (MySQL 8's atomic DDL), and the refusal of a FROM past the
     * file's end ({@code {pos}}, {@code {size}}; null: an empty result, as MySQL's reader meets the end), and
     * whether a relay log shows the GTIDs a dump skipped as the replica's own Rotate (MySQL) or the source's
     * Gtid_list (MariaDB).
     */
    public record Style(Map<String, String> typeNames, String gtidInfo, String standaloneGtidInfo,
                        String anonymousGtidInfo, boolean ddlShowsXid, String pastEnd, boolean skipShownByReplica,
                        String userVarString) {
    }

    /** One row: Log_name, Pos, Event_type, Server_id, End_log_pos, Info. */
    public record Row(String logName, long pos, String eventType, long serverId, long endLogPos, String info) {
    }

    /** The reason of ER_ERROR_WHEN_EXECUTING_COMMAND (1220), as the server words it. */
    public static final class Refused extends Exception {
        public Refused(String reason) {
            super(reason, null, false, false);
        }
    }

    private final Style style;
    private final long serverId;
    private final String version;

    /** {@code serverId}: this server's, in the header of every event it wrote itself; {@code version}: its VERSION(). */
    public ShowBinlogEvents(Style style, long serverId, String version) {
        this.style = style;
        this.serverId = serverId;
        this.version = version;
    }

    /**
     * The rows of {@code file} (null: the index's first file) from {@code from} (below 4 reads as 4), after
     * skipping {@code offset} events, at most {@code limit} of them (null: all).
     */
    public List<Row> rows(BinaryLog log, String file, long from, long offset, Long limit) throws Refused {
        BinaryLog.FileContents f = log.contents(file != null ? file : log.files().get(0));
        if (f == null) {
            throw new Refused("Could not find target log");
        }
        List<Written> written = new ArrayList<>(f.events().size());
        for (BinlogEvent e : f.events()) {
            written.add(new Written(e, e.start().pos(), e.endPos(), serverId, null));
        }
        return page(render(log, written), f.size(), from, offset, limit);
    }

    /**
     * One event as a log file holds it: where it starts there, the End_log_pos it carries (in a relay log,
     * the source's; 0 for an event the dump thread made up), the server_id of a header or rotation event
     * (a transaction's comes from the transaction, or else is the source's, {@code serverId}), and the type
     * shown when it differs from the event's own (a relay log's Rotate), else null.
     */
    public record Written(BinlogEvent event, long pos, long endLogPos, long serverId, String type, boolean shown) {
        public Written(BinlogEvent event, long pos, long endLogPos, long serverId, String type) {
            this(event, pos, endLogPos, serverId, type, true);
        }

        /**
         * An event of the next file that ends a transaction this file holds the start of (max_relay_log_size
         * split it): read to render the transaction, not listed.
         */
        public Written hidden() {
            return new Written(event, pos, endLogPos, serverId, type, false);
        }
    }

    /**
     * The rows of one relay log file (slave.cc/rpl_replica.cc mysql_show_relaylog_events reads the relay log
     * with the binlog's show_binlog_events): this server's own header as {@code sizes} lays it out (its
     * Format_description, MySQL's Previous_gtids, which the model sizes empty and shows so), then the events
     * as {@code written}, in a file of {@code size} bytes. {@code log} numbers the tables of Table_map events.
     */
    public List<Row> relayRows(BinaryLog log, EventSizes sizes, String name, long size, List<Written> written,
                               long from, long offset, Long limit) throws Refused {
        List<Written> file = new ArrayList<>(written.size() + 2);
        long pos = ownHeader(file, EventType.FORMAT_DESCRIPTION, 4, sizes.formatDescription());
        for (EventSizes.Header h : sizes.relayHeader()) {
            pos = ownHeader(file, h.type(), pos, h.size());
        }
        file.addAll(written);
        List<Row> all = render(log, file);
        List<Row> named = new ArrayList<>(all.size());
        for (Row r : all) {
            if (r.pos() >= 0) {
                named.add(new Row(name, r.pos(), r.eventType(), r.serverId(), r.endLogPos(), r.info()));
            }
        }
        // a transaction is rendered when its end is read: one the file's closing Rotate split comes before it
        named.sort(java.util.Comparator.comparingLong(Row::pos));
        return page(named, size, from, offset, limit);
    }

    /** One of a relay file's own header events, this server's, ending where the next begins. */
    private long ownHeader(List<Written> out, EventType type, long pos, int size) {
        long end = pos + size;
        out.add(new Written(BinlogEvent.recording(type, "", end, size, ""), pos, end, serverId, null));
        return end;
    }

    /** FROM, LIMIT and the reader's refusals, over a file's rows (sql_repl.cc show_binlog_events). */
    private List<Row> page(List<Row> all, long size, long from, long offset, Long limit) throws Refused {
        long pos = Math.max(4, from);
        if (pos > size) {
            if (style.pastEnd() == null) {
                return List.of();
            }
            throw new Refused(style.pastEnd().replace("{pos}", Long.toString(pos))
                    .replace("{size}", Long.toString(size)));
        }
        int first = 0;
        while (first < all.size() && all.get(first).pos() < pos) {
            first++;
        }
        boolean boundary = first < all.size() ? all.get(first).pos() == pos : pos == size;
        if (!boundary && (limit == null || limit > 0)) {
            throw new Refused("Wrong offset or I/O error"); // the reader found no event header there
        }
        int start = (int) Math.min(all.size(), first + offset);
        int end = limit == null ? all.size() : (int) Math.min(all.size(), start + limit);
        return all.subList(start, end);
    }

    /** Every event as a row; a transaction's events are rendered once its last one, which carries it, is read. */
    private List<Row> render(BinaryLog log, List<Written> written) {
        List<Row> out = new ArrayList<>(written.size());
        List<Written> pending = new ArrayList<>();
        for (Written w : written) {
            BinlogEvent e = w.event();
            if (e.trx() == 0) {
                String info = switch (e.type()) {
                    case FORMAT_DESCRIPTION, ARTIFICIAL_FORMAT_DESCRIPTION -> "Server ver: " + version + ", Binlog ver: 4";
                    case FAKE_ROTATE -> e.file() + ";pos=" + e.endPos();
                    default -> e.info() == null ? "" : e.info();
                };
                String type = w.type() != null ? w.type() : switch (e.type()) {
                    case ARTIFICIAL_FORMAT_DESCRIPTION -> EventType.FORMAT_DESCRIPTION.name();
                    case FAKE_ROTATE, RELAY_ROTATE -> EventType.ROTATE.name();
                    default -> e.type().name();
                };
                out.add(row(w, type, w.serverId(), info));
                continue;
            }
            pending.add(w);
            if (e.endsTransaction()) {
                transaction(log, pending, e.transaction(), out);
                pending.clear();
            }
        }
        return out;
    }

    /** A transaction's events, in the order written ({@link BinaryLog#write}). */
    private void transaction(BinaryLog log, List<Written> events, Transaction trx, List<Row> out) {
        List<String> statements = new ArrayList<>(); // the statements written as Query events, in order
        List<Integer> statementEnds = new ArrayList<>(); // where each ends: a rows event after it reads from there
        java.util.ArrayDeque<String> context = new java.util.ArrayDeque<>(); // the Intvar and User var events' Info
        for (int i = 0; i < trx.changes().size(); i++) {
            Transaction.RowChange c = trx.changes().get(i);
            if (c.logsStatement() && !c.rows()) {
                String db = c.statementDatabase(); // the Query event's `use`, none when no database was selected
                statements.add(db == null ? c.statement() : "use `" + db + "`; " + c.statement());
                statementEnds.add(trx.statementEnd(i));
                if (c.log() != null && c.log().lastInsertId() != null) {
                    context.add("LAST_INSERT_ID=" + c.log().lastInsertId());
                }
                if (c.insertId() != 0) {
                    context.add("INSERT_ID=" + c.insertId());
                }
                if (c.log() != null && c.log().rand() != null) { // Rand_log_event::pack_info
                    context.add("rand_seed1=" + c.log().rand().seed1() + ",rand_seed2=" + c.log().rand().seed2());
                }
                if (c.log() != null) {
                    c.log().userVars().forEach(v -> context.add(userVar(v)));
                }
            }
        }
        int statement = 0;
        int change = 0;
        int statementEnd = 0;
        long mapped = 0;
        int rowsEvents = 0;
        boolean asStatements = false; // as this server wrote it: a replica may log in rows what came as statements
        for (Written w : events) {
            BinlogEvent e = w.event();
            rowsEvents += e.type() == EventType.WRITE_ROWS || e.type() == EventType.UPDATE_ROWS
                    || e.type() == EventType.DELETE_ROWS ? 1 : 0;
            asStatements |= e.type() == EventType.QUERY;
        }
        boolean perStatement = rowsEvents < rowsLoggedChanges(trx, asStatements);
        for (Written w : events) {
            BinlogEvent e = w.event();
            long origin = trx.serverId() > 0 ? trx.serverId() : w.serverId();
            String type = e.type().name();
            String info;
            switch (e.type()) {
                case GTID -> {
                    if (e.gtid() == null) {
                        type = "ANONYMOUS_GTID";
                        info = style.anonymousGtidInfo();
                    } else {
                        String form = trx.query() != null ? style.standaloneGtidInfo() : style.gtidInfo();
                        info = form.replace("{gtid}", e.gtid().toString())
                                + (e.commitId() != 0 ? " cid=" + e.commitId() : "");
                    }
                }
                case QUERY_BEGIN -> {
                    type = "QUERY";
                    info = "BEGIN";
                }
                case QUERY -> {
                    if (trx.query() != null) {
                        info = ddl(trx);
                    } else if (trx.changes().isEmpty()) {
                        info = "COMMIT"; // an empty transaction (gtid_next)
                    } else {
                        change = Math.max(change, statementEnds.get(statement)); // MIXED: a statement between row events
                        info = statements.get(statement++);
                    }
                }
                case INTVAR, RAND, USER_VAR -> info = context.isEmpty() ? "" : context.poll(); // the next Query's
                case ANNOTATE_ROWS -> info = trx.changes().get(change).statement();
                case TABLE_MAP -> {
                    Transaction.RowChange c = trx.changes().get(change);
                    mapped = log.tableId(c);
                    info = "table_id: " + mapped + " (" + (c.db() == null ? Transaction.DATABASE : c.db()) + "."
                            + c.table() + ")";
                }
                case WRITE_ROWS, UPDATE_ROWS, DELETE_ROWS -> {
                    // a rows event per statement (RowFormat), or per row: the last of a statement has STMT_END_F
                    if (change >= statementEnd) {
                        statementEnd = trx.statementEnd(change);
                    }
                    change = perStatement ? trx.runEnd(change) : change + 1; // one event per run of one kind
                    boolean lastOfStatement = change == statementEnd;
                    info = "table_id: " + mapped + (lastOfStatement ? " flags: STMT_END_F" : "");
                }
                case XID -> info = "COMMIT /* xid=" + trx.id() + " */";
                case QUERY_COMMIT -> {
                    type = "QUERY";
                    info = "COMMIT";
                }
                default -> info = "";
            }
            out.add(row(w, type, origin, info));
        }
    }

    /** A User var event's Info (User_var_log_event::pack_info): {@code @`name`=value}, a string in hex with its collation. */
    private String userVar(Transaction.UserVar v) {
        Object value = v.value();
        String text;
        if (value == null) {
            text = "NULL";
        } else if (value instanceof String s) {
            StringBuilder hex = new StringBuilder();
            for (byte b : s.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
                hex.append(String.format("%02X", b & 0xff));
            }
            text = style.userVarString().replace("{hex}", hex);
        } else if (value instanceof java.math.BigDecimal d) {
            text = d.toPlainString();
        } else {
            text = value.toString();
        }
        return "@`" + v.name() + "`=" + text;
    }

    /** The changes written as rows: all of them, or in a transaction written as statements those of its unsafe ones. */
    private static int rowsLoggedChanges(Transaction trx, boolean statements) {
        int n = 0;
        for (int i = 0; i < trx.changes().size(); i = trx.statementEnd(i)) {
            if (!statements || trx.changes().get(i).rows()) {
                for (int k = i; k < trx.statementEnd(i); k++) {
                    n += trx.changes().get(k).changesRow() ? 1 : 0;
                }
            }
        }
        return n;
    }

    /** A DDL or account statement's Info: {@code use `db`; } when a database was selected, MySQL 8's XID after. */
    private String ddl(Transaction trx) {
        Transaction.Query q = trx.query();
        boolean use = q.db() != null && (q.effect() == null || !q.effect().suppressesUse());
        String text = (use ? "use `" + q.db() + "`; " : "") + q.sql();
        boolean xid = style.ddlShowsXid() && q.effect() != null && q.effect().loggedWithXid();
        return xid ? text + " /* xid=" + trx.id() + " */" : text;
    }

    /** A row; an event read only to render its transaction ({@link Written#hidden}) has position -1. */
    private Row row(Written w, String type, long server, String info) {
        String name = style.typeNames().getOrDefault(type, type);
        return new Row(w.event().file(), w.shown() ? w.pos() : -1, name, server, w.endLogPos(), info);
    }
}
