package io.semisyncsim.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The timer queue gives its live timers back by (due time, insertion sequence), as a PriorityQueue would. */
class TimerHeapTest {
    private static final Comparator<VirtualTimer> ORDER =
            Comparator.<VirtualTimer>comparingLong(t -> t.due).thenComparingLong(t -> t.sequence);

    private static VirtualTimer timer(TimerHeap heap, long due, long sequence) {
        return new VirtualTimer(due, 0, sequence, () -> { }, heap);
    }

    @Test
    void timersDueTogetherComeOutInTheOrderTheyWereSet() {
        TimerHeap heap = new TimerHeap();
        heap.add(timer(heap, 5, 2));
        heap.add(timer(heap, 5, 0));
        heap.add(timer(heap, 3, 1));
        heap.add(timer(heap, 5, 1));
        assertEquals(List.of("3/1", "5/0", "5/1", "5/2"), drain(heap));
        assertNull(heap.poll());
    }

    @Test
    void aCancelledTimerLeavesTheQueueAtOnce() {
        TimerHeap heap = new TimerHeap();
        VirtualTimer early = timer(heap, 1, 0);
        VirtualTimer late = timer(heap, 9, 1);
        heap.add(early);
        heap.add(late);
        early.cancel();
        assertEquals(1, heap.size());
        assertEquals(late, heap.peek());
    }

    @Test
    void cancellingATimerThatFiredOrWasClearedChangesNothing() {
        TimerHeap heap = new TimerHeap();
        VirtualTimer fired = timer(heap, 1, 0);
        heap.add(fired);
        assertEquals(fired, heap.poll());
        VirtualTimer other = timer(heap, 2, 1);
        heap.add(other);
        fired.cancel();
        assertEquals(1, heap.size());
        heap.clear();
        other.cancel();
        assertEquals(0, heap.size());
        assertNull(heap.poll());
    }

    @Test
    void anyMixOfAddsPollsAndCancelsMatchesAPriorityQueue() {
        Random random = new Random(42);
        TimerHeap heap = new TimerHeap();
        PriorityQueue<VirtualTimer> reference = new PriorityQueue<>(ORDER);
        List<VirtualTimer> set = new ArrayList<>();
        long sequence = 0;
        for (int step = 0; step < 50_000; step++) {
            int op = random.nextInt(10);
            if (op < 5) {
                VirtualTimer t = timer(heap, random.nextInt(500), sequence++);
                heap.add(t);
                reference.add(t);
                set.add(t);
            } else if (op < 8) {
                assertEquals(reference.poll(), heap.poll());
            } else if (!set.isEmpty()) {
                // any timer ever set, queued or not: cancelling one already gone is a no-op
                VirtualTimer t = set.get(random.nextInt(set.size()));
                t.cancel();
                reference.remove(t);
                assertEquals(reference.size(), heap.size());
                assertEquals(reference.peek(), heap.peek());
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
