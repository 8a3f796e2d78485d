package io.semisyncsim.kernel;

import java.util.Arrays;

/**
 * The live virtual timers, earliest first: a binary heap over (due time, insertion sequence), which is
 * one total order, so the timers come out in the same order as from any other correct queue. It is
 * {@code PriorityQueue<VirtualTimer>} without the {@code Comparable} call per comparison, and each timer
 * knows its place in it, so a cancelled timer leaves at once. Actors re-arm timers all the time (a
 * replica's net timeout per event, a semisync wait's deadline per transaction): left in until their due
 * time, as before, they were most of the heap, and every new timer sifted up through them.
 */
final class TimerHeap {
    private VirtualTimer[] heap = new VirtualTimer[64];
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
        siftUp(size++, t);
    }

    VirtualTimer poll() {
        if (size == 0) {
            return null;
        }
        VirtualTimer first = heap[0];
        removeAt(0);
        return first;
    }

    /** Takes a timer out wherever it is; nothing when it is not queued (fired, removed, or cleared). */
    void remove(VirtualTimer t) {
        int i = t.heapIndex;
        if (i >= 0 && i < size && heap[i] == t) {
            removeAt(i);
        }
    }

    void clear() {
        for (int i = 0; i < size; i++) {
            heap[i].heapIndex = -1;
            heap[i] = null;
        }
        size = 0;
    }

    private void removeAt(int i) {
        VirtualTimer gone = heap[i];
        gone.heapIndex = -1;
        VirtualTimer last = heap[--size];
        heap[size] = null;
        if (i < size) {
            siftDown(i, last);
            if (heap[i] == last) {
                siftUp(i, last);
            }
        }
    }

    private void siftUp(int i, VirtualTimer t) {
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            VirtualTimer p = heap[parent];
            if (!before(t, p)) {
                break;
            }
            place(i, p);
            i = parent;
        }
        place(i, t);
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
            place(i, c);
            i = child;
        }
        place(i, t);
    }

    private void place(int i, VirtualTimer t) {
        heap[i] = t;
        t.heapIndex = i;
    }

    private static boolean before(VirtualTimer a, VirtualTimer b) {
        return a.due < b.due || a.due == b.due && a.sequence < b.sequence;
    }
}
