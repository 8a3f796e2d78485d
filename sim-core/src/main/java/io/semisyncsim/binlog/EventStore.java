package io.semisyncsim.binlog;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A log's items held so that memory does not grow with the log, as a real server keeps its binlog on
 * disk: the newest {@code hotLimit} stay objects (dump threads and the SQL thread read at the tail), older
 * ones are encoded into compact chunks of {@link #CHUNK}, and chunks past {@code memoryBudget} bytes go
 * to a scratch file. Index 0 is the oldest item held. It does what a log does: append, read anywhere,
 * drop from the front (purge, apply) and cut from the back (a crash losing what was not synced).
 *
 * <p>Items read back from a chunk are new objects equal to those written; the codec decides what
 * "equal" keeps (file names are handed back as the instance first seen, so positions of one file still
 * share their name).
 */
public final class EventStore<T> {
    /** Items per encoded chunk. */
    static final int CHUNK = 4096;
    /** The defaults: 16 Ki items as objects, 32 MB of encoded chunks, the rest on disk. */
    public static final int DEFAULT_HOT = 16 * 1024;
    public static final long DEFAULT_BUDGET = 32L << 20;

    /** How an item becomes bytes and back. */
    public interface Codec<T> {
        void write(T item, Out out);

        T read(In in);
    }

    private final Codec<T> codec;
    private final int hotLimit;
    private final long memoryBudget;
    private final List<Chunk> chunks = new ArrayList<>(); // oldest first
    /** Items dropped from the front of the first chunk. */
    private int skip;
    private int coldCount; // items in chunks, less skip
    private final Ring<T> hot = new Ring<>();
    /** Eager stores only: the hot items' encodings, written as each item is added. */
    private final Pending pending;
    private long bytesInMemory;
    private int firstInMemory; // chunks before it are in the scratch file
    private Scratch scratch;
    /** The last chunks decoded, for readers that go through cold items in order. */
    private Chunk cachedA;
    private Object[] itemsA;
    private Chunk cachedB;
    private Object[] itemsB;

    private static final class Chunk {
        final int count;
        byte[] data; // null once in the scratch file
        long fileOffset = -1;
        final int length;

        Chunk(int count, byte[] data) {
            this.count = count;
            this.data = data;
            this.length = data.length;
        }
    }

    public EventStore(Codec<T> codec) {
        this(codec, DEFAULT_HOT, DEFAULT_BUDGET, false);
    }

    /**
     * {@code eager}: each item is encoded when it is added, while its objects are still in the processor's
     * cache, instead of when it leaves the hot window thousands of items later, where reading it back
     * cost a cache miss per object (a binlog's events: about an eighth of the headline's samples). For a
     * log whose items all grow cold (a binlog); a relay log drops its items while they are hot, and
     * encoding them would be work for nothing.
     */
    public EventStore(Codec<T> codec, boolean eager) {
        this(codec, DEFAULT_HOT, DEFAULT_BUDGET, eager);
    }

    public EventStore(Codec<T> codec, int hotLimit, long memoryBudget) {
        this(codec, hotLimit, memoryBudget, false);
    }

    public EventStore(Codec<T> codec, int hotLimit, long memoryBudget, boolean eager) {
        if (hotLimit < CHUNK) {
            throw new IllegalArgumentException("hotLimit " + hotLimit + " is below one chunk (" + CHUNK + ")");
        }
        this.codec = codec;
        this.hotLimit = hotLimit;
        this.memoryBudget = memoryBudget;
        this.pending = eager ? new Pending() : null;
    }

    public int size() {
        return coldCount + hot.size();
    }

    public boolean isEmpty() {
        return size() == 0;
    }

    public void add(T item) {
        hot.addLast(item);
        if (pending != null) {
            pending.add(item);
        }
        if (hot.size() >= hotLimit + CHUNK) {
            encodeOldest();
        }
    }

    public T get(int index) {
        if (index < 0 || index >= size()) {
            throw new IndexOutOfBoundsException(index + " of " + size());
        }
        if (index >= coldCount) {
            return hot.get(index - coldCount);
        }
        int i = index + skip;
        int c = i / CHUNK; // every chunk but the last pushed back holds exactly CHUNK
        @SuppressWarnings("unchecked")
        T item = (T) decoded(chunks.get(c))[i - c * CHUNK];
        return item;
    }

    public T first() {
        return get(0);
    }

    public T last() {
        return get(size() - 1);
    }

    /** Drops the {@code n} oldest items. */
    public void dropFirst(int n) {
        if (n < 0 || n > size()) {
            throw new IndexOutOfBoundsException("drop " + n + " of " + size());
        }
        int fromCold = Math.min(n, coldCount);
        skip += fromCold;
        coldCount -= fromCold;
        while (!chunks.isEmpty() && skip >= chunks.get(0).count) {
            Chunk gone = chunks.remove(0);
            skip -= gone.count;
            forget(gone);
            firstInMemory = Math.max(0, firstInMemory - 1);
        }
        for (int i = fromCold; i < n; i++) {
            hot.removeFirst();
        }
        if (pending != null) {
            pending.dropFirst(n - fromCold);
        }
    }

    /** Keeps the {@code n} oldest items and drops the rest. */
    public void truncate(int n) {
        if (n < 0 || n > size()) {
            throw new IndexOutOfBoundsException("truncate to " + n + " of " + size());
        }
        while (n < coldCount) {
            thawLast();
        }
        while (size() > n) {
            hot.removeLast();
            if (pending != null) {
                pending.removeLast();
            }
        }
    }

    public void removeLast() {
        truncate(size() - 1);
    }

    public void clear() {
        chunks.clear();
        hot.clear();
        skip = 0;
        coldCount = 0;
        bytesInMemory = 0;
        firstInMemory = 0;
        cachedA = cachedB = null;
        itemsA = itemsB = null;
        if (pending != null) {
            pending.clear();
        }
        if (scratch != null) {
            scratch.close();
            scratch = null;
        }
    }

    /** Bytes of encoded items held in memory (the rest of the cold items are in the scratch file). */
    public long bytesInMemory() {
        return bytesInMemory;
    }

    /** Whether any chunk went to the scratch file. */
    public boolean spilled() {
        return scratch != null;
    }

    // --- cold storage

    private void encodeOldest() {
        byte[] data;
        if (pending != null) {
            data = pending.takeFirst(CHUNK);
            for (int i = 0; i < CHUNK; i++) {
                hot.removeFirst();
            }
        } else {
            Out out = new Out();
            for (int i = 0; i < CHUNK; i++) {
                codec.write(hot.removeFirst(), out);
            }
            data = out.toArray();
        }
        Chunk c = new Chunk(CHUNK, data);
        chunks.add(c);
        coldCount += CHUNK;
        bytesInMemory += c.length;
        while (bytesInMemory > memoryBudget && firstInMemory < chunks.size()) {
            spill(chunks.get(firstInMemory++));
        }
    }

    private void spill(Chunk c) {
        if (scratch == null) {
            scratch = new Scratch();
        }
        c.fileOffset = scratch.append(c.data);
        c.data = null;
        bytesInMemory -= c.length;
    }

    /** The last chunk becomes objects at the front of the hot items again (a cut reaches into it). */
    private void thawLast() {
        Chunk c = chunks.remove(chunks.size() - 1);
        Object[] items = decoded(c);
        int first = chunks.isEmpty() ? skip : 0;
        for (int i = c.count - 1; i >= first; i--) {
            @SuppressWarnings("unchecked")
            T item = (T) items[i];
            hot.addFirst(item);
        }
        coldCount -= c.count - first;
        if (chunks.isEmpty()) {
            skip = 0;
        }
        firstInMemory = Math.min(firstInMemory, chunks.size());
        forget(c);
        if (pending != null) {
            // Rare (a crash's cut reaching back past the hot window): the hot items are encoded afresh.
            pending.clear();
            for (int i = 0; i < hot.size(); i++) {
                pending.add(hot.get(i));
            }
        }
    }

    private void forget(Chunk c) {
        if (c.data != null) {
            bytesInMemory -= c.length;
        }
        if (c == cachedA) {
            cachedA = null;
            itemsA = null;
        }
        if (c == cachedB) {
            cachedB = null;
            itemsB = null;
        }
    }

    private Object[] decoded(Chunk c) {
        if (c == cachedA) {
            return itemsA;
        }
        if (c == cachedB) {
            Chunk swapC = cachedA;
            Object[] swapI = itemsA;
            cachedA = cachedB;
            itemsA = itemsB;
            cachedB = swapC;
            itemsB = swapI;
            return itemsA;
        }
        In in = new In(c.data != null ? c.data : scratch.read(c.fileOffset, c.length));
        Object[] items = new Object[c.count];
        for (int i = 0; i < c.count; i++) {
            items[i] = codec.read(in);
        }
        cachedB = cachedA;
        itemsB = itemsA;
        cachedA = c;
        itemsA = items;
        return items;
    }

    /**
     * The encodings of the hot items, oldest first: item i of the hot window is the bytes from
     * {@code start(i)} to the next start (or the end). Bytes before the first start belong to items
     * that left; they are compacted away once they are half of the buffer.
     */
    private final class Pending {
        private final Out out = new Out(4096); // grows as the hot window fills; most runs are short
        private int[] starts = new int[1024];
        private int head;
        private int count;

        void add(T item) {
            if (count == starts.length) {
                int[] bigger = new int[starts.length * 2];
                for (int i = 0; i < count; i++) {
                    bigger[i] = start(i);
                }
                starts = bigger;
                head = 0;
            }
            if (out.len > (1 << 16) && garbage() > out.len / 2) {
                compact();
            }
            starts[(head + count++) & (starts.length - 1)] = out.len;
            codec.write(item, out);
        }

        /** The bytes of the {@code n} oldest items, which leave. */
        byte[] takeFirst(int n) {
            int from = start(0);
            int to = n < count ? start(n) : out.len;
            byte[] data = Arrays.copyOfRange(out.buf, from, to);
            dropFirst(n);
            return data;
        }

        void dropFirst(int n) {
            head = (head + n) & (starts.length - 1);
            count -= n;
            if (count == 0) {
                out.len = 0;
            }
        }

        void removeLast() {
            out.len = start(--count);
        }

        void clear() {
            head = 0;
            count = 0;
            out.len = 0;
        }

        private int start(int i) {
            return starts[(head + i) & (starts.length - 1)];
        }

        private int garbage() {
            return count == 0 ? out.len : start(0);
        }

        private void compact() {
            int shift = garbage();
            System.arraycopy(out.buf, shift, out.buf, 0, out.len - shift);
            out.len -= shift;
            for (int i = 0; i < count; i++) {
                starts[(head + i) & (starts.length - 1)] -= shift;
            }
        }
    }

    /** The scratch file: deleted at once where the system allows (the open channel keeps its data). */
    private static final class Scratch {
        private final FileChannel channel;
        private long end;

        Scratch() {
            try {
                Path file = Files.createTempFile("semisync-sim-log-", ".spill");
                channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
                try {
                    Files.delete(file);
                } catch (IOException stillOpen) {
                    file.toFile().deleteOnExit(); // a system that cannot delete an open file
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create the binlog's scratch file", e);
            }
        }

        long append(byte[] data) {
            long at = end;
            try {
                ByteBuffer b = ByteBuffer.wrap(data);
                while (b.hasRemaining()) {
                    end += channel.write(b, end);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the binlog's scratch file", e);
            }
            return at;
        }

        byte[] read(long offset, int length) {
            byte[] data = new byte[length];
            ByteBuffer b = ByteBuffer.wrap(data);
            try {
                while (b.hasRemaining()) {
                    if (channel.read(b, offset + b.position()) < 0) {
                        throw new IOException("the scratch file ends early");
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the binlog's scratch file", e);
            }
            return data;
        }

        void close() {
            try {
                channel.close();
            } catch (IOException ignored) {
                // nothing to keep: the file was deleted when opened
            }
        }
    }

    // --- bytes

    /** Where a codec writes: variable-length whole numbers and strings. */
    public static final class Out {
        private byte[] buf;
        private int len;

        public Out() {
            this(64 * 1024); // a chunk's worth, about
        }

        Out(int capacity) {
            buf = new byte[Math.max(16, capacity)];
        }

        public void writeByte(int b) {
            if (len == buf.length) {
                buf = Arrays.copyOf(buf, buf.length * 2);
            }
            buf[len++] = (byte) b;
        }

        /** A non-negative number in 7-bit groups; negative numbers take ten bytes (use {@link #writeSigned}). */
        public void writeLong(long v) {
            // Room for the longest (ten bytes) checked once, and the loop on locals: every event of every
            // log goes through here once, about ten numbers each (a tenth of the headline's samples).
            if (len + 10 > buf.length) {
                buf = Arrays.copyOf(buf, buf.length * 2);
            }
            byte[] b = buf;
            int n = len;
            while ((v & ~0x7FL) != 0) {
                b[n++] = (byte) ((v & 0x7F) | 0x80);
                v >>>= 7;
            }
            b[n++] = (byte) v;
            len = n;
        }

        public void writeSigned(long v) {
            writeLong((v << 1) ^ (v >> 63));
        }

        /** A string, or null. */
        public void writeString(String s) {
            if (s == null) {
                writeLong(0);
                return;
            }
            byte[] b = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            writeLong(b.length + 1L);
            for (byte x : b) {
                writeByte(x);
            }
        }

        byte[] toArray() {
            return Arrays.copyOf(buf, len);
        }
    }

    /** Where a codec reads what {@link Out} wrote. */
    public static final class In {
        private final byte[] buf;
        private int pos;

        In(byte[] buf) {
            this.buf = buf;
        }

        public int readByte() {
            return buf[pos++] & 0xFF;
        }

        public long readLong() {
            long v = 0;
            int shift = 0;
            while (true) {
                int b = readByte();
                v |= (long) (b & 0x7F) << shift;
                if ((b & 0x80) == 0) {
                    return v;
                }
                shift += 7;
            }
        }

        public long readSigned() {
            long v = readLong();
            return (v >>> 1) ^ -(v & 1);
        }

        public String readString() {
            int n = (int) readLong();
            if (n == 0) {
                return null;
            }
            String s = new String(buf, pos, n - 1, java.nio.charset.StandardCharsets.UTF_8);
            pos += n - 1;
            return s;
        }
    }

    /** A growable circular array: add and remove at both ends, read by index. */
    private static final class Ring<T> {
        private Object[] items = new Object[1024];
        private int head;
        private int size;

        int size() {
            return size;
        }

        @SuppressWarnings("unchecked")
        T get(int i) {
            return (T) items[(head + i) & (items.length - 1)];
        }

        void addLast(T item) {
            grow();
            items[(head + size++) & (items.length - 1)] = item;
        }

        void addFirst(T item) {
            grow();
            head = (head - 1) & (items.length - 1);
            items[head] = item;
            size++;
        }

        @SuppressWarnings("unchecked")
        T removeFirst() {
            T item = (T) items[head];
            items[head] = null;
            head = (head + 1) & (items.length - 1);
            size--;
            return item;
        }

        void removeLast() {
            items[(head + --size) & (items.length - 1)] = null;
        }

        void clear() {
            for (int i = 0; i < size; i++) { // not the whole array: a relay log's is cleared at each restart
                items[(head + i) & (items.length - 1)] = null;
            }
            head = 0;
            size = 0;
        }

        private void grow() {
            if (size < items.length) {
                return;
            }
            Object[] bigger = new Object[items.length * 2];
            for (int i = 0; i < size; i++) {
                bigger[i] = get(i);
            }
            items = bigger;
            head = 0;
        }
    }
}
