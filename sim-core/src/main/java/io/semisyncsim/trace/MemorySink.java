package io.semisyncsim.trace;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Keeps every event in memory: for tests and small runs; large runs stream to a file instead. */
public final class MemorySink implements TraceSink {
    private final List<TraceEvent> events = new ArrayList<>();

    @Override
    public void accept(TraceEvent event) {
        events.add(event);
    }

    public List<TraceEvent> events() {
        return Collections.unmodifiableList(events);
    }

    /** The trace as trace.jsonl text. */
    public String jsonl() {
        JsonBytes out = new JsonBytes(128 * events.size());
        for (TraceEvent e : events) {
            TraceJson.render(e, out);
            out.raw('\n');
        }
        return out.toString();
    }
}
