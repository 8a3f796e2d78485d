package io.semisyncsim.binlog;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * SHOW BINLOG EVENTS [IN 'file'] [FROM pos] [LIMIT [offset,] count]: one binlog file's events as rows
 * (MySQL binlog.cc and MariaDB sql_repl.cc {@code show_binlog_events}), each event's Info as its
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
     * file's end ({@code {pos}}, {@code {size}}; null: an empty result, as MySQL's reader meets the end).
     */
    public record Style(Map<String, String> typeNames, String gtidInfo, String standaloneGtidInfo,
                        String anonymousGtidInfo, boolean ddlShowsXid, String pastEnd) {
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
        long pos = Math.max(4, from);
        if (pos > f.size()) {
            if (style.pastEnd() == null) {
                return List.of();
            }
            throw new Refused(style.pastEnd().replace("{pos}", Long.toString(pos))
                    .replace("{size}", Long.toString(f.size())));
        }
        List<Row> all = render(log, f);
        int first = 0;
        while (first < all.size() && all.get(first).pos() < pos) {
            first++;
        }
        boolean boundary = first < all.size() ? all.get(first).pos() == pos : pos == f.size();
        if (!boundary && (limit == null || limit > 0)) {
            throw new Refused("Wrong offset or I/O error"); // the reader found no event header there
        }
        int start = (int) Math.min(all.size(), first + offset);
        int end = limit == null ? all.size() : (int) Math.min(all.size(), start + limit);
        return all.subList(start, end);
    }

    /** Every event of the file as a row; a transaction's events are rendered once its last one, which carries it, is read. */
    private List<Row> render(BinaryLog log, BinaryLog.FileContents f) {
        List<Row> out = new ArrayList<>(f.events().size());
        List<BinlogEvent> pending = new ArrayList<>();
        boolean checkpointSeen = false;
        for (BinlogEvent e : f.events()) {
            if (e.trx() == 0) {
                String info = switch (e.type()) {
                    case FORMAT_DESCRIPTION -> "Server ver: " + version + ", Binlog ver: 4";
                    case PREVIOUS_GTIDS -> f.gtids() == null ? "" : f.gtids().toString();
                    case GTID_LIST -> gtidList(f.gtids());
                    case BINLOG_CHECKPOINT -> checkpointSeen ? f.name() : f.checkpoint();
                    case ROTATE -> rotatedTo(f.name()) + ";pos=4";
                    default -> "";
                };
                checkpointSeen |= e.type() == EventType.BINLOG_CHECKPOINT;
                out.add(row(e, e.type().name(), serverId, info));
                continue;
            }
            pending.add(e);
            if (e.endsTransaction()) {
                transaction(log, pending, e.transaction(), out);
                pending.clear();
            }
        }
        return out;
    }

    /** A transaction's events, in the order written ({@link BinaryLog#write}). */
    private void transaction(BinaryLog log, List<BinlogEvent> events, Transaction trx, List<Row> out) {
        long origin = trx.serverId() > 0 ? trx.serverId() : serverId;
        List<String> statements = new ArrayList<>();
        for (Transaction.RowChange c : trx.changes()) {
            if (c.logsStatement()) {
                statements.add(c.statement());
            }
        }
        int statement = 0;
        int change = 0;
        int statementEnd = 0;
        long mapped = 0;
        int rowsEvents = 0;
        for (BinlogEvent e : events) {
            rowsEvents += e.type() == EventType.WRITE_ROWS || e.type() == EventType.UPDATE_ROWS
                    || e.type() == EventType.DELETE_ROWS ? 1 : 0;
        }
        boolean perStatement = rowsEvents < trx.changes().size();
        for (BinlogEvent e : events) {
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
                        info = "use `" + Transaction.DATABASE + "`; " + statements.get(statement++);
                    }
                }
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
                    change = perStatement ? statementEnd : change + 1;
                    boolean lastOfStatement = change == statementEnd;
                    info = "table_id: " + mapped + (lastOfStatement ? " flags: STMT_END_F" : "");
                }
                case XID -> info = "COMMIT /* xid=" + trx.id() + " */";
                default -> info = "";
            }
            out.add(row(e, type, origin, info));
        }
    }

    /** A DDL or account statement's Info: {@code use `db`; } when a database was selected, MySQL 8's XID after. */
    private String ddl(Transaction trx) {
        Transaction.Query q = trx.query();
        boolean use = q.db() != null && (q.effect() == null || !q.effect().suppressesUse());
        String text = (use ? "use `" + q.db() + "`; " : "") + q.sql();
        boolean xid = style.ddlShowsXid() && q.effect() != null && q.effect().loggedWithXid();
        return xid ? text + " /* xid=" + trx.id() + " */" : text;
    }

    private Row row(BinlogEvent e, String type, long server, String info) {
        String name = style.typeNames().getOrDefault(type, type);
        return new Row(e.file(), e.start().pos(), name, server, e.endPos(), info);
    }

    private static String gtidList(Object gtids) {
        StringBuilder out = new StringBuilder("[");
        if (gtids instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                out.append(i == 0 ? "" : ",").append(list.get(i));
            }
        }
        return out.append(']').toString();
    }

    /** The file after {@code file}: a Rotate names the next number (BinaryLog#rotate). */
    private static String rotatedTo(String file) {
        int dot = file.lastIndexOf('.');
        int n = Integer.parseInt(file.substring(dot + 1)) + 1;
        return String.format("%s.%06d", file.substring(0, dot), n);
    }
}
