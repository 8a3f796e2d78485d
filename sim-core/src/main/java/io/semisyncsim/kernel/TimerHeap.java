package io.semisyncsim.kernel;

import java.util.Arrays;

/**
 * The virtual timers, earliest first: a binary heap over (due time, insertion sequence), which is one
 * total order, so the timers come out in the same order as from any other correct queue. It is
 * {@code PriorityQueue<VirtualTimer>} without the {@code Comparable} call per comparison, which the
 * profile of the headline bench showed (several timers are queued and fired per commit).
 */
final class TimerHeap {
    private VirtualTimer[] heap = new VirtualTimer[256];
    private int size;

    int size() {
        return size;
    }

    VirtualTimer peek() {
        return size == 0 ? null : heap[0];
    }

    void add(VirtualTimer t) {
        if (size == heap.length) {
            heap = Arrays.copyOf(heap, size * 2);
        }
        int i = size++;
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            VirtualTimer p = heap[parent];
            if (!before(t, p)) {
                break;
            }
            heap[i] = p;
            i = parent;
        }
        heap[i] = t;
    }

    VirtualTimer poll() {
        if (size == 0) {
            return null;
        }
        VirtualTimer first = heap[0];
        VirtualTimer last = heap[--size];
        heap[size] = null;
        if (size > 0) {
            siftDown(0, last);
        }
        return first;
    }

    void clear() {
        Arrays.fill(heap, 0, size, null);
        size = 0;
    }

    /** Drops every cancelled timer in one pass and restores the heap. */
    void removeCancelled() {
        int kept = 0;
        for (int i = 0; i < size; i++) {
            if (!heap[i].isCancelled()) {
                heap[kept++] = heap[i];
            }
        }
        Arrays.fill(heap, kept, size, null);
        size = kept;
        for (int i = (size >>> 1) - 1; i >= 0; i--) {
            siftDown(i, heap[i]);
        }
    }

    private void siftDown(int i, VirtualTimer t) {
        int half = size >>> 1;
        while (i < half) {
            int child = 2 * i + 1;
            VirtualTimer c = heap[child];
            int right = child + 1;
            if (right < size && before(heap[right], c)) {
                child = right;
                c = heap[child];
            }
            if (!before(c, t)) {
                break;
            }
            heap[i] = c;
            i = child;
        }
        heap[i] = t;
    }

    private static boolean before(VirtualTimer a, VirtualTimer b) {
        return a.due < b.due || a.due == b.due && a.sequence < b.sequence;
    }
}
