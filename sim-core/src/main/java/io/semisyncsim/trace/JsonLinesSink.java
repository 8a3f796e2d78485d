package io.semisyncsim.trace;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Streams the trace as JSON lines (trace.jsonl) to a byte stream, so a long run never holds its trace
 * in memory. The simulation thread only hands events over, in batches; a writer thread of this sink
 * renders them straight to UTF-8 bytes and writes them in blocks of about 64 KB. Rendering was a sixth
 * of the simulation thread's work on the headline workload (docs/PERFORMANCE.md), and the run uses one
 * core of several. The file is the same byte for byte: one writer, the events in the order recorded,
 * and events are immutable (their values are strings, numbers, booleans and {@link TraceValue}s).
 */
public final class JsonLinesSink implements TraceSink {
    private static final int BLOCK = 1 << 16;
    /** Events per hand-over: the queue's lock and the writer's wake-up are paid once per batch. */
    private static final int BATCH = 4096;
    /** The last hand-over; the writer stops after it. */
    private static final TraceEvent[] END = new TraceEvent[0];

    private final OutputStream out;
    /** Batches in flight: when the writer falls this far behind, the simulation waits for it. */
    private final BlockingQueue<TraceEvent[]> queue = new ArrayBlockingQueue<>(8);
    private final Thread writer;
    private TraceEvent[] batch = new TraceEvent[BATCH];
    private int size;
    /** The writer's first error: a write's, or a bug's (it keeps draining, so no one waits on it). */
    private volatile Throwable failure;
    private boolean closed;

    public JsonLinesSink(OutputStream out) {
        this.out = out;
        this.writer = new Thread(this::writeAll, "trace-writer");
        writer.setDaemon(true); // an interrupted run's JVM must not wait for it
        writer.start();
    }

    @Override
    public void accept(TraceEvent event) {
        batch[size++] = event;
        if (size == BATCH) {
            rethrowFailure();
            handOver(batch);
            batch = new TraceEvent[BATCH];
            size = 0;
        }
    }

    private void handOver(TraceEvent[] events) {
        boolean interrupted = false;
        while (true) {
            try {
                queue.put(events);
                break;
            } catch (InterruptedException e) {
                interrupted = true; // the hand-over must happen, or the file loses events
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** The writer thread: renders each batch; after an error it keeps taking batches, so no one waits. */
    private void writeAll() {
        JsonBytes block = new JsonBytes(BLOCK + 1024);
        for (TraceEvent[] events = take(); events != END; events = take()) {
            if (failure == null) {
                try {
                    render(events, block);
                } catch (IOException | RuntimeException | Error e) {
                    failure = e; // the file is incomplete: the run is told at its next hand-over or close
                }
            }
        }
        try {
            if (failure == null) {
                write(block);
            }
            out.close();
        } catch (IOException | RuntimeException | Error e) {
            if (failure == null) {
                failure = e;
            }
        }
    }

    private void render(TraceEvent[] events, JsonBytes block) throws IOException {
        for (TraceEvent e : events) {
            TraceJson.render(e, block);
            block.raw('\n');
            if (block.length() >= BLOCK) {
                write(block);
            }
        }
    }

    private TraceEvent[] take() {
        while (true) {
            try {
                return queue.take();
            } catch (InterruptedException e) {
                // only close() ends the writer, so that no event handed over is lost
            }
        }
    }

    private void write(JsonBytes block) throws IOException {
        if (block.length() > 0) {
            block.writeTo(out);
            block.clear();
        }
    }

    /** Writes what is left, closes the stream, and reports the first write error. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (size > 0) {
            handOver(Arrays.copyOf(batch, size));
        }
        handOver(END);
        boolean interrupted = false;
        while (writer.isAlive()) {
            try {
                writer.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        rethrowFailure();
    }

    private void rethrowFailure() {
        Throwable f = failure;
        if (f instanceof IOException io) {
            throw new UncheckedIOException("cannot write the trace", io);
        } else if (f instanceof Error e) {
            throw e;
        } else if (f != null) {
            throw (RuntimeException) f;
        }
    }
}
