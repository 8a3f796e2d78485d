package io.semisyncsim.binlog;

import java.util.List;

/**
 * A flavour's binlog layout (flavors.conf {@code binlog}), from the servers' own code and measured on
 * MariaDB 10.11: the Format_description event and the header events each file starts with (MySQL's
 * Previous_gtids; MariaDB's Gtid_list and Binlog_checkpoint, which names the file), the relay log's
 * own header, and the sizes of a transaction's events. Row format writes Gtid, BEGIN (MySQL), Table_map,
 * rows and Xid; statement format (MariaDB's default MIXED for these statements) writes Gtid, a Query
 * event per statement ({@code queryBase} + default database + text) and Xid. A DDL or account statement
 * is a Gtid event and one Query event ({@code ddlQueryBase} + database + text: 8.0's carries more status
 * variables than its BEGIN; log_event.cc Query_log_event::write).
 */
public record EventSizes(String basename, int formatDescription, List<Header> header, List<Header> relayHeader,
                         int gtid, boolean beginEvent, int queryBase, int ddlQueryBase, int ddlXidExtra,
                         int invokerBase, int tableMap,
                         int rowsBase, int rowBytes, int xid, int intvar, int rotateBase, int stop, GtidSizes gtids,
                         boolean replicatedEndsWithXid) {

    /**
     * {@code replicatedEndsWithXid}: a replica's applier records where it is in an InnoDB table inside each
     * transaction it applies (MariaDB's mysql.gtid_slave_pos, rpl_slave_state::record_gtid), so the engine takes
     * part in every one and the replica's binlog ends it with an Xid, even where its source's ended a transaction
     * of statements that matched no row with a COMMIT Query event.
     */
    public EventSizes(String basename, int formatDescription, List<Header> header, List<Header> relayHeader,
                      int gtid, boolean beginEvent, int queryBase, int ddlQueryBase, int ddlXidExtra,
                      int invokerBase, int tableMap,
                      int rowsBase, int rowBytes, int xid, int intvar, int rotateBase, int stop, GtidSizes gtids) {
        this(basename, formatDescription, header, relayHeader, gtid, beginEvent, queryBase, ddlQueryBase, ddlXidExtra,
                invokerBase, tableMap, rowsBase, rowBytes, xid, intvar, rotateBase, stop, gtids, false);
    }

    /**
     * How GTIDs grow a binlog: the Gtid event a replica logs for a replicated transaction (8.0's also
     * carries the original commit timestamp: log_event.cc Gtid_log_event::write_data_body), and how the
     * header events grow with the GTID state they record: MySQL's Previous_gtids by 24 bytes per server
     * and 16 per interval (Gtid_set::get_encoded_length), MariaDB's Gtid_list, measured on 10.11.18 at
     * 29 bytes empty, 43 with one GTID and 75 with three: {@code listFirstEntry} for the first, then
     * {@code listPerEntry} each; and what MariaDB's Gtid event of a transaction committed in a group of
     * several grows by ({@code groupCommitId}: its 8-byte commit_id replaces 6 bytes of padding, measured 42
     * to 44 on 10.11.19; 0 where the flavour writes none). {@code transactionLength}: MySQL 8's Gtid event
     * also carries the whole transaction's length as a packed integer, which the Gtid sizes above leave out
     * ({@link #gtidEvent}).
     */
    public record GtidSizes(int replicatedGtid, int previousPerSid, int previousPerInterval, int listFirstEntry,
                            int listPerEntry, int groupCommitId, boolean transactionLength) {
        public GtidSizes(int replicatedGtid, int previousPerSid, int previousPerInterval, int listFirstEntry,
                         int listPerEntry, int groupCommitId) {
            this(replicatedGtid, previousPerSid, previousPerInterval, listFirstEntry, listPerEntry, groupCommitId,
                    false);
        }

        public GtidSizes(int replicatedGtid, int previousPerSid, int previousPerInterval, int listFirstEntry,
                         int listPerEntry) {
            this(replicatedGtid, previousPerSid, previousPerInterval, listFirstEntry, listPerEntry, 0);
        }
    }

    /**
     * The Gtid event of a transaction whose other events take {@code rest} bytes ({@code replicated}: as a
     * replica logs it). Where the flavour writes the transaction's length, that length includes the Gtid
     * event and the length field itself, packed in 1, 3, 4 or 9 bytes (pack.cc net_length_size;
     * control_events.cpp Gtid_event::update_untagged_transaction_length, net_length_size_including_self):
     * a transaction of fewer than 251 bytes in all (a short DDL, an empty transaction) has a 1-byte field.
     */
    public int gtidEvent(boolean replicated, long rest) {
        int fixed = replicated && gtids.replicatedGtid() > 0 ? gtids.replicatedGtid() : gtid;
        if (!gtids.transactionLength()) {
            return fixed;
        }
        long without = rest + fixed;
        int field = without + 1 < 251 ? 1 : without + 3 < (1L << 16) ? 3 : without + 4 < (1L << 24) ? 4 : 9;
        return fixed + field;
    }

    /** A header event: its type, and its size (plus the file name's length for a Binlog_checkpoint). */
    public record Header(EventType type, int size, boolean plusFileName) {
        public int sizeFor(String file) {
            return size + (plusFileName ? file.length() : 0);
        }
    }

    /** Where the first transaction starts in a fresh file named {@code file}. */
    public long firstEventPos(String file) {
        long pos = 4 + formatDescription;
        for (Header h : header) {
            pos += h.sizeFor(file);
        }
        return pos;
    }

    /** Whether a file's header has a Binlog_checkpoint event (MariaDB). */
    public boolean writesCheckpoints() {
        for (Header h : header) {
            if (h.type() == EventType.BINLOG_CHECKPOINT) {
                return true;
            }
        }
        return false;
    }

    /** Where a fresh file of the first name starts its transactions (the common case, as MySQL quotes it). */
    public long firstEventPos() {
        return firstEventPos(LogFileName.of(basename, 1));
    }

    /** Where the first event after a relay log file's own header is written. */
    public long relayFirstPos() {
        long pos = 4 + formatDescription;
        for (Header h : relayHeader) {
            pos += h.size();
        }
        return pos;
    }

    /** A Rotate event naming {@code file}: header, position and name (log_event.cc Rotate_log_event). */
    public int rotate(String file) {
        return rotateBase + file.length();
    }

    /** A statement-format Query event: {@code queryBase} + the default database + the statement text. */
    /**
     * A Rand event (log_event.h Rand_log_event): an Intvar's header and checksum around 16 bytes of the two
     * seeds. Measured on MariaDB 10.11.18: 39.
     */
    public int rand() {
        return intvar - 9 + 16;
    }

    /**
     * A User var event (log_event_server.cc User_var_log_event::write): the event header and checksum (an
     * Intvar's less its 9 bytes of body), the name's length and bytes, then 1 byte for NULL, or the type,
     * charset and value length (10) and the value (8 for a whole number, which adds a flags byte, or a double;
     * a decimal's precision and scale and its binary form; a string's bytes). Measured on MariaDB 10.11.18:
     * 47 for @x = 5, 41 for @s = 'abc', 29 for @z = NULL, 42 for @d = 1.5.
     */
    public int userVar(Transaction.UserVar v) {
        int head = intvar - 9 + 4 + v.name().getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        Object value = v.value();
        if (value == null) {
            return head + 1;
        }
        int length;
        if (value instanceof Long || value instanceof Double) {
            length = 8;
        } else if (value instanceof java.math.BigDecimal d) {
            int scale = Math.max(d.scale(), 0);
            int integer = Math.max(d.precision() - d.scale(), 1);
            length = 2 + decimalBinSize(integer) + decimalBinSize(scale);
        } else {
            length = value.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        }
        return head + 10 + length + (value instanceof Long ? 1 : 0);
    }

    /** strings/decimal.c decimal_bin_size for one side: 4 bytes per 9 digits, then dig2bytes of the rest. */
    private static int decimalBinSize(int digits) {
        int[] dig2bytes = {0, 1, 1, 2, 2, 3, 3, 4, 4, 4};
        return digits / 9 * 4 + dig2bytes[digits % 9];
    }

    public int query(String db, String text) {
        return queryBase + bytes(db) + bytes(text);
    }

    /**
     * A DDL or account statement's Query event, run in database {@code db} (null: none selected);
     * {@code withXid}: atomic DDL, whose status variables carry an XID ({@code ddlXidExtra} bytes).
     */
    public int ddlQuery(String db, String text, boolean withXid) {
        return ddlQueryBase + bytes(db) + bytes(text) + (withXid ? ddlXidExtra : 0);
    }

    /**
     * What a Q_INVOKER status variable adds to a Query event ({@code invokerBase}: its code and two
     * length bytes, then the user and the host); 0 where the flavour's layout does not count it.
     */
    public int invoker(Transaction.Invoker invoker) {
        return invoker == null || invokerBase == 0 ? 0 : invokerBase + bytes(invoker.user()) + bytes(invoker.host());
    }

    private static int bytes(String s) {
        return s == null ? 0 : s.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
    }
}
