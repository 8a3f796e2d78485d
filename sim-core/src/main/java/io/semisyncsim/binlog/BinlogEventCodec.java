package io.semisyncsim.binlog;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A binlog event as a few bytes for an {@link EventStore}: its type, file, end, size, transaction and
 * timestamp, and the transaction it carries (an Xid's row changes). File and table names are kept once
 * in a table, and handed back as the instance first seen, so positions of one file share their name as
 * they did when written. A generated row value ({@code row-KEY}) costs one byte.
 */
public final class BinlogEventCodec implements EventStore.Codec<BinlogEvent> {
    private static final EventType[] TYPES = EventType.values();
    private final List<String> names = new ArrayList<>();
    private final Map<String, Integer> ids = new HashMap<>(); // looked up only, never iterated

    @Override
    public void write(BinlogEvent e, EventStore.Out out) {
        out.writeByte(e.type().ordinal());
        out.writeLong(name(e.file()));
        out.writeLong(e.endPos());
        out.writeLong(e.size());
        out.writeSigned(e.trx());
        out.writeSigned(e.timestamp());
        Transaction t = e.transaction();
        if (t == null) {
            out.writeByte(0);
            return;
        }
        out.writeByte(1);
        out.writeSigned(t.id());
        out.writeString(t.gtid());
        out.writeSigned(t.timestamp());
        out.writeLong(t.changes().size());
        for (Transaction.RowChange c : t.changes()) {
            out.writeByte(c.kind().ordinal());
            out.writeLong(name(c.table()));
            out.writeSigned(c.key());
            if (c.value() == null) {
                out.writeByte(0);
            } else if (c.value().equals("row-" + c.key())) {
                out.writeByte(1);
            } else {
                out.writeByte(2);
                out.writeString(c.value());
            }
        }
    }

    @Override
    public BinlogEvent read(EventStore.In in) {
        EventType type = TYPES[in.readByte()];
        String file = names.get((int) in.readLong());
        long end = in.readLong();
        int size = (int) in.readLong();
        long trx = in.readSigned();
        long timestamp = in.readSigned();
        Transaction carried = null;
        if (in.readByte() == 1) {
            long id = in.readSigned();
            String gtid = in.readString();
            long at = in.readSigned();
            int n = (int) in.readLong();
            List<Transaction.RowChange> changes = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                EventType kind = TYPES[in.readByte()];
                String table = names.get((int) in.readLong());
                long key = in.readSigned();
                int tag = in.readByte();
                String value = tag == 0 ? null : tag == 1 ? "row-" + key : in.readString();
                changes.add(new Transaction.RowChange(kind, table, key, value));
            }
            carried = new Transaction(id, gtid, at, changes);
        }
        return new BinlogEvent(type, file, end, size, trx, timestamp, carried);
    }

    private int name(String s) {
        Integer id = ids.get(s);
        if (id == null) {
            id = names.size();
            names.add(s);
            ids.put(s, id);
        }
        return id;
    }
}
