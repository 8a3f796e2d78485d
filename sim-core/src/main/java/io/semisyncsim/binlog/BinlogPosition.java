package io.semisyncsim.binlog;

import io.semisyncsim.trace.JsonBytes;
import io.semisyncsim.trace.TraceValue;
import java.util.Objects;

/**
 * Binary log coordinates. Ordered as MySQL orders them ({@code ActiveTranx::compare} in
 * semisync_source.cc): file name first, compared as strings, then the offset in the file.
 */
public record BinlogPosition(String file, long pos) implements Comparable<BinlogPosition>, TraceValue {

    public BinlogPosition {
        Objects.requireNonNull(file, "file");
        if (pos < 0) {
            throw new IllegalArgumentException("negative binlog offset " + pos);
        }
    }

    @Override
    public int compareTo(BinlogPosition o) {
        int byFile = file == o.file ? 0 : file.compareTo(o.file); // positions of one file share its name
        return byFile != 0 ? byFile : Long.compare(pos, o.pos);
    }

    public boolean isBefore(BinlogPosition o) {
        return compareTo(o) < 0;
    }

    public boolean isAtOrAfter(BinlogPosition o) {
        return compareTo(o) >= 0;
    }

    /** {@code (binlog.000001, 157)}, as the semisync log lines print coordinates. */
    @Override
    public String toString() {
        return "(" + file + ", " + pos + ")";
    }

    /** The same text as {@link #toString()}, straight into a trace line. */
    @Override
    public void appendText(JsonBytes out) {
        out.raw('(').stringContent(file).raw(", ").number(pos).raw(')');
    }

    @Override
    public long digest() {
        return file.hashCode() * 0x9E37_79B9_7F4A_7C15L ^ pos;
    }
}
