package io.semisyncsim.binlog;

import io.semisyncsim.gtid.Gtid;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A binlog event as a few bytes for an {@link EventStore}: its type, file, end, size, transaction and
 * timestamp, its GTID, and the transaction it carries (an Xid's row changes). File and table names are kept once
 * in a table, and handed back as the instance first seen, so positions of one file share their name as
 * they did when written. A generated row value ({@code row-KEY}) costs one byte. A transaction whose
 * compact form would not read back equal (rows written in SQL with their images, DDL) is kept as the
 * object: those are few, and the commit and workload paths that make millions of rows are compact.
 */
public final class BinlogEventCodec implements EventStore.Codec<BinlogEvent> {
    private static final EventType[] TYPES = EventType.values();
    /** The type byte's flag for an event that records an Info string (fewer than 64 types). */
    private static final int HAS_INFO = 0x40;
    private final List<String> names = new ArrayList<>();
    private final Map<String, Integer> ids = new HashMap<>(); // looked up only, never iterated
    /** Transactions the compact form cannot give back equal (SQL row images, DDL): kept as they are. */
    private final List<Transaction> kept = new ArrayList<>();
    private final String[] recent = new String[2];
    private final int[] recentIds = new int[2];

    @Override
    public void write(BinlogEvent e, EventStore.Out out) {
        out.writeByte(e.type().ordinal() | (e.info() != null ? HAS_INFO : 0));
        if (e.info() != null) {
            out.writeString(e.info()); // a header event or a Rotate: once per file
        }
        out.writeLong(name(e.file()));
        out.writeLong(e.endPos());
        out.writeLong(e.size());
        out.writeSigned(e.trx());
        out.writeSigned(e.timestamp());
        writeGtid(e.gtid(), out);
        out.writeLong(e.commitId());
        Transaction t = e.transaction();
        if (t == null) {
            out.writeByte(0);
        } else if (isPlain(t)) {
            out.writeByte(1);
            plain(t, out);
        } else {
            out.writeByte(2); // kept as it is: written back from what is encoded, it would not be equal
            out.writeLong(kept.size());
            kept.add(t);
        }
    }

    /** The last session logging decoded, given again while the next ones equal it. */
    private Transaction.Logging lastLogging;

    /**
     * Whether the compact form gives back an equal transaction: the commit and workload steps' rows (a
     * table, a key, a generated value). Anything else (SQL row images, DDL) is kept as the object, so
     * nothing is ever lost in the encoding. The test {@code theCompactFormCoversEveryComponent} fails
     * when a record gains a component this encoding does not write, so no round trip is needed here.
     */
    private static boolean isPlain(Transaction t) {
        if (t.query() != null) {
            return false;
        }
        for (Transaction.RowChange c : t.changes()) {
            if (c.before() != null || c.after() != null || c.sql() != null || c.log() != null) {
                return false;
            }
        }
        return true;
    }

    private void plain(Transaction t, EventStore.Out out) {
        out.writeSigned(t.id());
        writeGtid(t.gtid(), out);
        out.writeSigned(t.timestamp());
        out.writeLong(t.serverId());
        Transaction.Logging l = t.logging();
        out.writeByte(l == null ? 0 : 1 | (l.statements() ? 2 : 0) | (l.annotate() ? 4 : 0));
        if (l != null) {
            out.writeLong(l.domainId());
        }
        out.writeLong(t.changes().size());
        for (Transaction.RowChange c : t.changes()) {
            out.writeByte(c.kind().ordinal());
            out.writeLong(c.db() == null ? 0 : name(c.db()) + 1L);
            out.writeLong(name(c.table()));
            out.writeSigned(c.key());
            if (c.value() == null) {
                out.writeByte(0);
            } else if (isGenerated(c.value(), c.key())) {
                out.writeByte(1);
            } else {
                out.writeByte(2);
                out.writeString(c.value());
            }
        }
    }

    /** Whether {@code value} is {@code row-KEY}, the generated value, compared without building that text. */
    private static boolean isGenerated(String value, long key) {
        if (key < 0) {
            return value.equals("row-" + key);
        }
        int i = value.length();
        long rest = key;
        do {
            if (--i < 4 || value.charAt(i) != (char) ('0' + rest % 10)) {
                return false;
            }
            rest /= 10;
        } while (rest > 0);
        return i == 4 && value.startsWith("row-");
    }

    private Transaction plain(EventStore.In in) {
        long id = in.readSigned();
        Gtid gtid = readGtid(in);
        long at = in.readSigned();
        long serverId = in.readLong();
        Transaction.Logging logging = logging(in.readByte(), in);
        int n = (int) in.readLong();
        List<Transaction.RowChange> changes = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            EventType kind = TYPES[in.readByte()];
            long db = in.readLong();
            String table = names.get((int) in.readLong());
            long key = in.readSigned();
            int tag = in.readByte();
            String value = tag == 0 ? null : tag == 1 ? "row-" + key : in.readString();
            changes.add(new Transaction.RowChange(kind, db == 0 ? null : names.get((int) db - 1), table, key, value,
                    null, null));
        }
        return new Transaction(id, gtid, at, changes, null, serverId, logging);
    }

    /** The session logging a flags byte (and its domain) encodes; one object for a run of equal ones. */
    private Transaction.Logging logging(int flags, EventStore.In in) {
        if (flags == 0) {
            return null;
        }
        boolean statements = (flags & 2) != 0;
        boolean annotate = (flags & 4) != 0;
        long domain = in.readLong();
        Transaction.Logging l = lastLogging;
        if (l == null || l.statements() != statements || l.annotate() != annotate || l.domainId() != domain) {
            lastLogging = l = new Transaction.Logging(statements, annotate, domain);
        }
        return l;
    }

    @Override
    public BinlogEvent read(EventStore.In in) {
        int typeByte = in.readByte();
        EventType type = TYPES[typeByte & ~HAS_INFO];
        String info = (typeByte & HAS_INFO) != 0 ? in.readString() : null;
        String file = names.get((int) in.readLong());
        long end = in.readLong();
        int size = (int) in.readLong();
        long trx = in.readSigned();
        long timestamp = in.readSigned();
        Gtid gtid = readGtid(in);
        long commitId = in.readLong();
        int tag = in.readByte();
        Transaction carried = tag == 0 ? null : tag == 1 ? plain(in) : kept.get((int) in.readLong());
        return new BinlogEvent(type, new BinlogPosition(file, end), size, trx, timestamp, carried, gtid, commitId, info);
    }

    /** A GTID: none, MySQL's (the server_uuid from the name table, the number) or MariaDB's three numbers. */
    private void writeGtid(Gtid g, EventStore.Out out) {
        if (g == null) {
            out.writeByte(0);
        } else if (g instanceof Gtid.Uuid u) {
            out.writeByte(1);
            out.writeLong(name(u.sid()));
            out.writeLong(u.gno());
        } else {
            Gtid.Domain d = (Gtid.Domain) g;
            out.writeByte(2);
            out.writeLong(d.domain());
            out.writeLong(d.server());
            out.writeLong(d.seq());
        }
    }

    private Gtid readGtid(EventStore.In in) {
        return switch (in.readByte()) {
            case 0 -> null;
            case 1 -> new Gtid.Uuid(names.get((int) in.readLong()), in.readLong());
            default -> new Gtid.Domain(in.readLong(), in.readLong(), in.readLong());
        };
    }

    private int name(String s) {
        // Every event names its file and most rows the same table: two remembered names spare the lookup.
        if (s == recent[0]) {
            return recentIds[0];
        }
        if (s == recent[1]) {
            return recentIds[1];
        }
        Integer id = ids.get(s);
        if (id == null) {
            id = names.size();
            names.add(s);
            ids.put(s, id);
        }
        recent[1] = recent[0];
        recentIds[1] = recentIds[0];
        recent[0] = s;
        recentIds[0] = id;
        return id;
    }
}
