package io.semisyncsim.trace;

/** Where trace events go: a file writer, a digest, a report's collector. Called on the driver thread. */
public interface TraceSink extends AutoCloseable {
    void accept(TraceEvent event);

    @Override
    default void close() {
    }
}
