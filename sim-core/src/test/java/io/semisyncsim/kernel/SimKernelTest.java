package io.semisyncsim.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.Behaviors;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SimKernelTest {

    record Note(String text) {
    }

    /** Records what it receives together with the virtual time it received it at. */
    private static Behavior<Note> recorder(SimKernel kernel, List<String> seen) {
        return Behaviors.receiveMessage(note -> {
            seen.add(kernel.now() + ":" + note.text());
            return Behaviors.same();
        });
    }

    @Test
    void timerFiresAtItsVirtualDueTime() {
        List<String> seen = new ArrayList<>();
        try (SimKernel kernel = SimKernel.start(1)) {
            ActorRef<Note> ref = kernel.spawn(Behaviors.<Note>withTimers(timers -> {
                timers.startSingleTimer(new Note("late"), Duration.ofMillis(1500));
                timers.startSingleTimer(new Note("early"), Duration.ofMillis(2));
                return recorder(kernel, seen);
            }), "timed");
            kernel.runUntilIdle(Long.MAX_VALUE);
            assertEquals(List.of("2000:early", "1500000:late"), seen);
            assertEquals(1_500_000, kernel.now());
            assertTrue(ref != null);
        }
    }

    @Test
    void timersDueAtTheSameInstantFireInTheOrderTheyWereStarted() {
        List<String> seen = new ArrayList<>();
        try (SimKernel kernel = SimKernel.start(1)) {
            kernel.spawn(Behaviors.<Note>withTimers(timers -> {
                for (int i = 0; i < 5; i++) {
                    timers.startSingleTimer("k" + i, new Note("t" + i), Duration.ofMillis(10));
                }
                return recorder(kernel, seen);
            }), "timed");
            kernel.runUntilIdle(Long.MAX_VALUE);
            assertEquals(List.of("10000:t0", "10000:t1", "10000:t2", "10000:t3", "10000:t4"), seen);
        }
    }

    @Test
    void theInstantObserverSeesAnInstantOnceAllItsTimersHaveFired() {
        List<String> seen = new ArrayList<>();
        try (SimKernel kernel = SimKernel.start(1)) {
            kernel.spawn(Behaviors.<Note>withTimers(timers -> {
                for (int i = 0; i < 3; i++) {
                    timers.startSingleTimer("k" + i, new Note("t" + i), Duration.ofMillis(10));
                }
                timers.startSingleTimer("later", new Note("later"), Duration.ofMillis(20));
                return recorder(kernel, seen);
            }), "timed");
            kernel.setInstantObserver(() -> seen.add("observed at " + kernel.now()));
            kernel.runUntilTime(30_000);
            assertEquals(List.of("observed at 0", "10000:t0", "10000:t1", "10000:t2", "observed at 10000", "20000:later",
                    "observed at 20000"), seen);
        }
    }

    @Test
    void theInstantObserverSeesWhatTheDriverSeesWhenRunUntilStopsMidInstant() {
        List<String> seen = new ArrayList<>();
        try (SimKernel kernel = SimKernel.start(1)) {
            kernel.spawn(Behaviors.<Note>withTimers(timers -> {
                timers.startSingleTimer("first", new Note("first"), Duration.ofMillis(10));
                timers.startSingleTimer("second", new Note("second"), Duration.ofMillis(10));
                return recorder(kernel, seen);
            }), "timed");
            kernel.setInstantObserver(() -> seen.add("observed at " + kernel.now()));
            assertTrue(kernel.runUntil(() -> seen.contains("10000:first"), 30_000));
            assertEquals(List.of("observed at 0", "10000:first", "observed at 10000"), seen);
        }
    }

    @Test
    void cancelledTimerNeverFires() {
        List<String> seen = new ArrayList<>();
        try (SimKernel kernel = SimKernel.start(1)) {
            kernel.spawn(Behaviors.<Note>withTimers(timers -> {
                timers.startSingleTimer("k", new Note("cancelled"), Duration.ofSeconds(1));
                timers.cancel("k");
                return recorder(kernel, seen);
            }), "timed");
            assertTrue(kernel.runUntilIdle(Long.MAX_VALUE));
            assertEquals(List.of(), seen);
        }
    }

    @Test
    void periodicTimerRepeatsOnVirtualTime() {
        List<String> seen = new ArrayList<>();
        try (SimKernel kernel = SimKernel.start(1)) {
            kernel.spawn(Behaviors.<Note>withTimers(timers -> {
                timers.startTimerWithFixedDelay("tick", new Note("tick"), Duration.ofSeconds(1));
                return recorder(kernel, seen);
            }), "ticker");
            kernel.runFor(3_500_000);
            assertEquals(List.of("1000000:tick", "2000000:tick", "3000000:tick"), seen);
            assertEquals(3_500_000, kernel.now());
        }
    }

    @Test
    void runUntilStopsAtTheEarliestInstantTheConditionHolds() {
        List<String> seen = new ArrayList<>();
        try (SimKernel kernel = SimKernel.start(1)) {
            kernel.spawn(Behaviors.<Note>withTimers(timers -> {
                timers.startTimerAtFixedRate("tick", new Note("tick"), Duration.ofMillis(100));
                return recorder(kernel, seen);
            }), "ticker");
            assertTrue(kernel.runUntil(() -> seen.size() == 3, 10_000_000));
            assertEquals(300_000, kernel.now());
            assertFalse(kernel.runUntil(() -> seen.size() == 100, 1_000_000));
            assertEquals(1_000_000, kernel.now());
        }
    }

    @Test
    void messageAdapterWorksOnTheSimulationDispatcher() {
        List<String> seen = new ArrayList<>();
        try (SimKernel kernel = SimKernel.start(1)) {
            ActorRef<Note> sink = kernel.spawn(recorder(kernel, seen), "sink");
            ActorRef<Integer> adapterOwner = kernel.spawn(Behaviors.<Integer>setup(ctx -> {
                ActorRef<String> adapter = ctx.messageAdapter(String.class, s -> s.length());
                adapter.tell("four");
                return Behaviors.receiveMessage(n -> {
                    sink.tell(new Note("len=" + n));
                    return Behaviors.same();
                });
            }), "adapter");
            kernel.runUntilQuiescent();
            assertEquals(List.of("0:len=4"), seen);
            assertTrue(adapterOwner != null);
            assertEquals(0, kernel.foreignSubmissions());
        }
    }

    @Test
    void anActorDyingOfAnExceptionFailsTheRunInsteadOfGoingQuiet() {
        try (SimKernel kernel = SimKernel.start(1)) {
            ActorRef<Note> fragile = kernel.spawn(Behaviors.<Note>receiveMessage(n -> {
                throw new IllegalStateException("bug: " + n.text());
            }), "fragile");
            fragile.tell(new Note("boom"));
            SimKernel.SimulationFailure failure = org.junit.jupiter.api.Assertions.assertThrows(
                    SimKernel.SimulationFailure.class, kernel::runUntilQuiescent);
            assertTrue(failure.getCause().getMessage().contains("bug: boom"));
        }
    }

    @Test
    void aPausedActorRunsNothingUntilResumedThenHandlesWhatQueuedInOrder() {
        List<String> seen = new ArrayList<>();
        try (SimKernel kernel = SimKernel.start(1)) {
            ActorRef<Note> frozen = kernel.spawn(Behaviors.<Note>withTimers(timers -> {
                timers.startSingleTimer(new Note("timer"), Duration.ofSeconds(1));
                return recorder(kernel, seen);
            }), "frozen");
            kernel.pause("/user/frozen");
            frozen.tell(new Note("first"));
            kernel.runFor(5_000_000);
            assertEquals(List.of(), seen, "nothing runs while paused, not even an expired timer");
            frozen.tell(new Note("second"));
            kernel.resume("/user/frozen");
            kernel.runUntilQuiescent();
            assertEquals(List.of("5000000:first", "5000000:timer", "5000000:second"), seen);
        }
    }

    @Test
    void pausingOneActorDoesNotPauseAnotherWithASimilarName() {
        List<String> seen = new ArrayList<>();
        try (SimKernel kernel = SimKernel.start(1)) {
            kernel.spawn(recorder(kernel, seen), "node1");
            ActorRef<Note> other = kernel.spawn(recorder(kernel, seen), "node10");
            kernel.pause("/user/node1");
            other.tell(new Note("runs"));
            kernel.runUntilQuiescent();
            assertEquals(List.of("0:runs"), seen);
        }
    }

    @Test
    void quiescenceDoesNotAdvanceTheClock() {
        try (SimKernel kernel = SimKernel.start(1)) {
            kernel.spawn(Behaviors.<Note>withTimers(timers -> {
                timers.startSingleTimer(new Note("x"), Duration.ofSeconds(5));
                return Behaviors.ignore();
            }), "idle");
            kernel.runUntilQuiescent();
            assertEquals(0, kernel.now());
        }
    }

    @Test
    void aPacerHearsEveryMoveOfTheClockInOrderAndChangesNothing() {
        List<String> plain = new ArrayList<>();
        List<String> paced = new ArrayList<>();
        List<long[]> moves = new ArrayList<>();
        for (List<String> seen : List.of(plain, paced)) {
            try (SimKernel kernel = SimKernel.start(1)) {
                if (seen == paced) {
                    kernel.setPacer((from, to) -> {
                        assertEquals(kernel.now(), from, "told before the clock moves");
                        moves.add(new long[] {from, to});
                    });
                }
                kernel.spawn(Behaviors.<Note>withTimers(timers -> {
                    timers.startSingleTimer("a", new Note("a"), Duration.ofMillis(2));
                    timers.startSingleTimer("b", new Note("b"), Duration.ofMillis(7));
                    return recorder(kernel, seen);
                }), "timed");
                assertEquals(2000, kernel.nextDue());
                kernel.runFor(5_000);
                kernel.runUntil(() -> false, 10_000);
                assertEquals(Long.MAX_VALUE, kernel.nextDue());
            }
        }
        assertEquals(plain, paced);
        List<String> told = moves.stream().map(m -> m[0] + "->" + m[1]).toList();
        assertEquals(List.of("0->2000", "2000->5000", "5000->7000", "7000->10000"), told);
    }

    @Test
    void theThreadsNextRunGetsItsActorSystemBackAsCleanAsANewOne() {
        List<String> first = new ArrayList<>();
        Object system;
        try (SimKernel kernel = SimKernel.start(1)) {
            system = kernel.actorSystem();
            ActorRef<Note> frozen = kernel.spawn(Behaviors.<Note>withTimers(timers -> {
                timers.startSingleTimer(new Note("due after the run"), Duration.ofSeconds(9));
                return recorder(kernel, first);
            }), "node");
            kernel.pause("/user/node");
            frozen.tell(new Note("queued while paused"));
            kernel.runFor(1_000_000);
        }
        assertEquals(List.of(), first, "the run's end stops its actors: nothing they held is handled");
        List<String> second = new ArrayList<>();
        try (SimKernel kernel = SimKernel.start(1)) {
            assertTrue(kernel.actorSystem() == system, "the same ActorSystem");
            assertEquals(0, kernel.now());
            assertEquals(Long.MAX_VALUE, kernel.nextDue(), "no timer of the last run");
            kernel.spawn(Behaviors.<Note>withTimers(timers -> {
                for (int i = 0; i < 3; i++) {
                    timers.startSingleTimer("k" + i, new Note("t" + i), Duration.ofMillis(10));
                }
                return recorder(kernel, second);
            }), "node"); // the last run's name is free again
            kernel.runUntilIdle(Long.MAX_VALUE);
        }
        assertEquals(List.of("10000:t0", "10000:t1", "10000:t2"), second);
    }

    @Test
    void aRunWhoseActorFailedDoesNotHandItsActorSystemOn() {
        Object system;
        try (SimKernel kernel = SimKernel.start(1)) {
            system = kernel.actorSystem();
            kernel.spawn(Behaviors.<Note>receiveMessage(n -> {
                throw new IllegalStateException("bug");
            }), "fragile").tell(new Note("boom"));
            org.junit.jupiter.api.Assertions.assertThrows(SimKernel.SimulationFailure.class, kernel::runUntilQuiescent);
        }
        try (SimKernel kernel = SimKernel.start(1)) {
            assertFalse(kernel.actorSystem() == system);
        }
    }
}
