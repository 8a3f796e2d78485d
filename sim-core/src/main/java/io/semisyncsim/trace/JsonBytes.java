package io.semisyncsim.trace;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A growable UTF-8 byte buffer that trace lines are rendered into. Trace text is almost all ASCII,
 * so characters go straight in as bytes: no String, no char buffer and no encoder per line.
 */
public final class JsonBytes {
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] MIN_LONG = Long.toString(Long.MIN_VALUE).getBytes(StandardCharsets.US_ASCII);

    private byte[] buf;
    private int len;
    private final NameTable names = new NameTable();

    public JsonBytes(int capacity) {
        buf = new byte[Math.max(16, capacity)];
    }

    public int length() {
        return len;
    }

    public void clear() {
        len = 0;
    }

    private void ensure(int more) {
        if (len + more > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + more));
        }
    }

    /** Text known to be plain ASCII with nothing to escape (keys, punctuation). */
    public JsonBytes raw(String ascii) {
        int n = ascii.length();
        ensure(n);
        for (int i = 0; i < n; i++) {
            buf[len++] = (byte) ascii.charAt(i);
        }
        return this;
    }

    /** Bytes known to be plain ASCII JSON punctuation and keys, encoded once by the caller. */
    public JsonBytes raw(byte[] ascii) {
        ensure(ascii.length);
        System.arraycopy(ascii, 0, buf, len, ascii.length);
        len += ascii.length;
        return this;
    }

    public JsonBytes raw(char ascii) {
        ensure(1);
        buf[len++] = (byte) ascii;
        return this;
    }

    /** "00" to "99": two digits per division, as Long.toString writes them. */
    private static final byte[] PAIRS = new byte[200];

    static {
        for (int i = 0; i < 100; i++) {
            PAIRS[2 * i] = (byte) ('0' + i / 10);
            PAIRS[2 * i + 1] = (byte) ('0' + i % 10);
        }
    }

    /** The last number written by {@link #repeatedNumber}, and its digits. */
    private long memoValue = -1;
    private final byte[] memoDigits = new byte[20];
    private int memoLength;

    public JsonBytes number(long v) {
        if (v == Long.MIN_VALUE) {
            ensure(MIN_LONG.length);
            System.arraycopy(MIN_LONG, 0, buf, len, MIN_LONG.length);
            len += MIN_LONG.length;
            return this;
        }
        ensure(20);
        if (v < 0) {
            buf[len++] = '-';
            v = -v;
        }
        int digits = digits(v);
        int p = len + digits;
        byte[] b = buf;
        while (v >= 100) {
            int r = (int) (v % 100);
            v /= 100;
            b[--p] = PAIRS[2 * r + 1];
            b[--p] = PAIRS[2 * r];
        }
        int r = (int) v;
        b[--p] = PAIRS[2 * r + 1];
        if (r >= 10) {
            b[--p] = PAIRS[2 * r];
        }
        len += digits;
        return this;
    }

    /**
     * A number that is often the same as the last one written here (a trace line's time: several events
     * happen at each instant), copied instead of formatted when it is. Same bytes as {@link #number}.
     */
    public JsonBytes repeatedNumber(long v) {
        if (v != memoValue || v < 0) {
            int start = len;
            number(v);
            memoLength = len - start;
            System.arraycopy(buf, start, memoDigits, 0, memoLength);
            memoValue = v;
            return this;
        }
        ensure(memoLength);
        System.arraycopy(memoDigits, 0, buf, len, memoLength);
        len += memoLength;
        return this;
    }

    /** Decimal digits of {@code v >= 0}. */
    private static int digits(long v) {
        int d = 1;
        while (d < 19 && v >= POWERS[d]) {
            d++;
        }
        return d;
    }

    private static final long[] POWERS = new long[19];

    static {
        POWERS[0] = 1;
        for (int i = 1; i < POWERS.length; i++) {
            POWERS[i] = POWERS[i - 1] * 10;
        }
    }

    /**
     * A JSON string that recurs line after line (node, thread, kind and field names): encoded once per
     * String instance and copied after that (the trace's largest cost otherwise). Same bytes as
     * {@link #string(String)}.
     */
    public JsonBytes name(String s) {
        byte[] encoded = names.get(s);
        if (encoded != null) {
            return raw(encoded);
        }
        int start = len;
        string(s);
        names.put(s, Arrays.copyOfRange(buf, start, len));
        return this;
    }

    /** A JSON string: quoted, with quotes, backslashes and control characters escaped; UTF-8 beyond ASCII. */
    public JsonBytes string(String s) {
        raw('"');
        stringContent(s);
        return raw('"');
    }

    /** The inside of a JSON string, escaped; plain ASCII is copied in a tight loop. */
    public JsonBytes stringContent(String s) {
        int n = s.length();
        ensure(n);
        byte[] b = buf;
        int p = len;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c >= 0x80 || c == '"' || c == '\\') {
                len = p;
                return escapedTail(s, i);
            }
            b[p++] = (byte) c;
        }
        len = p;
        return this;
    }

    /** The rest of a string from its first character that is not plain ASCII. */
    private JsonBytes escapedTail(String s, int from) {
        int n = s.length();
        for (int i = from; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\') {
                raw(c);
            } else {
                escape(s, i, c);
                if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                    i++; // the pair was encoded as one code point
                }
            }
        }
        return this;
    }

    private void escape(String s, int i, char c) {
        switch (c) {
            case '"' -> raw("\\\"");
            case '\\' -> raw("\\\\");
            case '\n' -> raw("\\n");
            case '\r' -> raw("\\r");
            case '\t' -> raw("\\t");
            default -> {
                if (c < 0x20) {
                    raw("\\u00").raw((char) HEX[c >> 4]).raw((char) HEX[c & 0xF]);
                } else {
                    int cp = Character.isHighSurrogate(c) && i + 1 < s.length() ? s.codePointAt(i) : c;
                    byte[] utf8 = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8);
                    ensure(utf8.length);
                    System.arraycopy(utf8, 0, buf, len, utf8.length);
                    len += utf8.length;
                }
            }
        }
    }

    public void writeTo(OutputStream out) throws IOException {
        out.write(buf, 0, len);
    }

    @Override
    public String toString() {
        return new String(buf, 0, len, StandardCharsets.UTF_8);
    }
}
