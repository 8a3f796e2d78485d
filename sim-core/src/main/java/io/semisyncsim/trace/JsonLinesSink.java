package io.semisyncsim.trace;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/**
 * Streams the trace as JSON lines (trace.jsonl) to a byte stream, so a long run never holds its trace
 * in memory. Lines are rendered straight to UTF-8 bytes and written in blocks of about 64 KB.
 */
public final class JsonLinesSink implements TraceSink {
    private static final int BLOCK = 1 << 16;

    private final OutputStream out;
    private final JsonBytes block = new JsonBytes(BLOCK + 1024);
    private boolean closed;

    public JsonLinesSink(OutputStream out) {
        this.out = out;
    }

    @Override
    public void accept(TraceEvent event) {
        TraceJson.render(event, block);
        block.raw('\n');
        if (block.length() >= BLOCK) {
            write();
        }
    }

    private void write() {
        if (block.length() == 0) {
            return;
        }
        try {
            block.writeTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the trace", e);
        }
        block.clear();
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        write();
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close the trace", e);
        }
    }
}
