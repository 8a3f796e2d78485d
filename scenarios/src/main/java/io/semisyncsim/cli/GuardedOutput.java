package io.semisyncsim.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;

/**
 * A file a run streams into (the trace) that never throws into the simulation: the first write error
 * (a full disk, say) is kept, later writes are dropped, and the command checks {@link #check} between
 * steps and at the end, so the run stops with a usage error instead of a crash inside an actor.
 */
final class GuardedOutput extends OutputStream {
    private final OutputStream out;
    private final Path path;
    /** Volatile: the trace's writer thread writes, the run's thread checks. */
    private volatile IOException failure;

    GuardedOutput(OutputStream out, Path path) {
        this.out = out;
        this.path = path;
    }

    @Override
    public void write(int b) {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) {
        if (failure != null) {
            return;
        }
        try {
            out.write(b, off, len);
        } catch (IOException e) {
            failure = e;
        }
    }

    @Override
    public void flush() {
        if (failure == null) {
            try {
                out.flush();
            } catch (IOException e) {
                failure = e;
            }
        }
    }

    @Override
    public void close() {
        try {
            out.close();
        } catch (IOException e) {
            if (failure == null) {
                failure = e;
            }
        }
    }

    /** Throws the first write error as an {@link OutputProblem}. */
    void check() {
        if (failure != null) {
            throw OutputProblem.of("cannot write", path, failure);
        }
    }
}
