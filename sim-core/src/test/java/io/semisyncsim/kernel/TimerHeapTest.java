package io.semisyncsim.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The timer queue gives timers back by (due time, insertion sequence), as a PriorityQueue would. */
class TimerHeapTest {
    private static final Comparator<VirtualTimer> ORDER =
            Comparator.<VirtualTimer>comparingLong(t -> t.due).thenComparingLong(t -> t.sequence);

    private static VirtualTimer timer(long due, long sequence) {
        return new VirtualTimer(due, 0, sequence, () -> { }, () -> { });
    }

    @Test
    void timersDueTogetherComeOutInTheOrderTheyWereSet() {
        TimerHeap heap = new TimerHeap();
        heap.add(timer(5, 2));
        heap.add(timer(5, 0));
        heap.add(timer(3, 1));
        heap.add(timer(5, 1));
        assertEquals(List.of("3/1", "5/0", "5/1", "5/2"), drain(heap));
        assertNull(heap.poll());
    }

    @Test
    void anyMixOfAddsPollsAndCompactionsMatchesAPriorityQueue() {
        Random random = new Random(42);
        TimerHeap heap = new TimerHeap();
        PriorityQueue<VirtualTimer> reference = new PriorityQueue<>(ORDER);
        List<VirtualTimer> live = new ArrayList<>();
        long sequence = 0;
        for (int step = 0; step < 20_000; step++) {
            int op = random.nextInt(10);
            if (op < 6) {
                VirtualTimer t = timer(random.nextInt(500), sequence++);
                heap.add(t);
                reference.add(t);
                live.add(t);
            } else if (op < 9) {
                assertEquals(reference.poll(), heap.poll());
            } else {
                for (VirtualTimer t : live) {
                    if (random.nextInt(4) == 0) {
                        t.cancel();
                    }
                }
                heap.removeCancelled();
                reference.removeIf(VirtualTimer::isCancelled);
                assertEquals(reference.size(), heap.size());
            }
        }
        while (!reference.isEmpty()) {
            assertEquals(reference.poll(), heap.poll());
        }
        assertNull(heap.poll());
    }

    private static List<String> drain(TimerHeap heap) {
        List<String> out = new ArrayList<>();
        for (VirtualTimer t; (t = heap.poll()) != null; ) {
            out.add(t.due + "/" + t.sequence);
        }
        return out;
    }
}
