package io.semisyncsim.trace;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/** The trace recorder of one run: stamps events with virtual time and hands them to its sinks. */
public final class Trace {
    private final LongSupplier clock;
    private final List<TraceSink> sinks = new ArrayList<>();
    private final TraceDigest digest = new TraceDigest();

    public Trace(LongSupplier clock) {
        this.clock = clock;
        sinks.add(digest);
    }

    public void addSink(TraceSink sink) {
        sinks.add(sink);
    }

    /** Records an event at the current virtual time; {@code fields} alternate name and value. */
    public void record(String node, String actor, String kind, Object... fields) {
        TraceEvent event = new TraceEvent(clock.getAsLong(), node, actor, kind, fields);
        for (int i = 0; i < sinks.size(); i++) {
            sinks.get(i).accept(event);
        }
    }

    public TraceDigest digest() {
        return digest;
    }

    public void close() {
        for (TraceSink sink : sinks) {
            sink.close();
        }
    }
}
