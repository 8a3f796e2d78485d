package io.semisyncsim.trace;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;

/** Streams the trace as JSON lines to a writer, so a long run never holds its trace in memory. */
public final class WriterSink implements TraceSink {
    private final Writer out;
    private final StringBuilder line = new StringBuilder(256);

    public WriterSink(Writer out) {
        this.out = out;
    }

    @Override
    public void accept(TraceEvent event) {
        line.setLength(0);
        TraceJson.render(event, line);
        line.append('\n');
        try {
            out.append(line);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the trace", e);
        }
    }

    @Override
    public void close() {
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close the trace", e);
        }
    }
}
