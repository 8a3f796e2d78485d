package io.semisyncsim.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The count of threads in a state, which the wait_sessions invariant compares with the plugin's counter. */
class ThreadsTest {
    private static final String WAITING = "Waiting for semi-sync ACK from replica";

    @Test
    void aThreadCountsInTheStateItIsIn() {
        Threads threads = new Threads(8);
        Threads.Thread a = threads.open(Threads.Kind.CLIENT, "root", "localhost", "Query", 0);
        Threads.Thread b = threads.open(Threads.Kind.CLIENT, "root", "localhost", "Query", 0);
        a.state(WAITING);
        b.set("Query", WAITING, "COMMIT", 1);
        assertEquals(2, threads.inState(WAITING));
        a.state("starting");
        assertEquals(1, threads.inState(WAITING));
        assertEquals(1, threads.inState("starting"));
    }

    @Test
    void aThreadThatEndsNoLongerCounts() {
        Threads threads = new Threads(8);
        Threads.Thread a = threads.open(Threads.Kind.CLIENT, "root", "localhost", "Query", 0);
        a.state(WAITING);
        threads.close(a.id());
        assertEquals(0, threads.inState(WAITING));
        a.state(WAITING); // its session object may still be told of a stage: it is not the server's any more
        assertEquals(0, threads.inState(WAITING));
    }

    @Test
    void aRestartForgetsEveryThreadsState() {
        Threads threads = new Threads(8);
        Threads.Thread a = threads.open(Threads.Kind.CLIENT, "root", "localhost", "Query", 0);
        a.state(WAITING);
        threads.restart();
        assertEquals(0, threads.inState(WAITING));
        threads.open(Threads.Kind.CLIENT, "root", "localhost", "Query", 0).state(WAITING);
        assertEquals(1, threads.inState(WAITING));
    }
}
