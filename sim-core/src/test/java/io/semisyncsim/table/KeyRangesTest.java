package io.semisyncsim.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class KeyRangesTest {

    @Test
    void keysAddedOutOfOrderMergeIntoOneRange() {
        KeyRanges keys = new KeyRanges();
        for (long k : List.of(3L, 1L, 2L, 5L, 4L)) {
            keys.add(k);
        }
        assertEquals(5, keys.size());
        assertEquals(new TreeSet<>(List.of(1L, 2L, 3L, 4L, 5L)), keys.toSortedSet());
    }

    @Test
    void increasingKeysAfterRemovalsAndGapsStayExact() {
        KeyRanges keys = new KeyRanges();
        TreeSet<Long> expected = new TreeSet<>();
        long[] adds = {1, 2, 3, 10, 11, 5, 4, 12, 6, 7, 8, 9, 13};
        for (long k : adds) {
            keys.add(k);
            expected.add(k);
        }
        keys.remove(13);
        expected.remove(13L);
        keys.remove(7);
        expected.remove(7L);
        keys.add(13); // extends the highest range again after it shrank
        expected.add(13L);
        keys.add(14);
        expected.add(14L);
        assertEquals(expected, keys.toSortedSet());
        assertEquals(expected.size(), keys.size());
        assertFalse(keys.contains(7));
    }

    @Test
    void addingAKeyTwiceCountsItOnce() {
        KeyRanges keys = new KeyRanges();
        keys.add(7);
        keys.add(7);
        assertEquals(1, keys.size());
    }

    @Test
    void removingFromTheMiddleSplitsARange() {
        KeyRanges keys = new KeyRanges();
        for (long k = 1; k <= 5; k++) {
            keys.add(k);
        }
        keys.remove(3);
        keys.remove(9); // absent: nothing happens
        assertEquals(4, keys.size());
        assertFalse(keys.contains(3));
        assertTrue(keys.contains(2) && keys.contains(4));
        assertEquals(new TreeSet<>(List.of(1L, 2L, 4L, 5L)), keys.toSortedSet());
    }

    @Test
    void extremeKeysDoNotOverflow() {
        KeyRanges keys = new KeyRanges();
        keys.add(Long.MAX_VALUE);
        keys.add(Long.MIN_VALUE);
        keys.add(Long.MAX_VALUE - 1);
        assertEquals(3, keys.size());
        assertTrue(keys.contains(Long.MIN_VALUE) && keys.contains(Long.MAX_VALUE - 1));
    }

    @Test
    void anyMixOfAddsRemovesAndCopiesMatchesAPlainSet() {
        java.util.Random random = new java.util.Random(19);
        KeyRanges keys = new KeyRanges();
        TreeSet<Long> expected = new TreeSet<>();
        for (int step = 0; step < 20_000; step++) {
            long k = random.nextInt(200);
            switch (random.nextInt(5)) {
                case 0, 1 -> {
                    keys.add(k);
                    expected.add(k);
                }
                case 2 -> {
                    keys.remove(k);
                    expected.remove(k);
                }
                case 3 -> {
                    long next = expected.isEmpty() ? 0 : expected.last() + 1; // a workload's next key
                    keys.add(next);
                    expected.add(next);
                }
                default -> keys = keys.copy();
            }
            assertEquals(expected.size(), keys.size());
            assertEquals(expected.contains(k), keys.contains(k));
        }
        assertEquals(expected, keys.toSortedSet());
    }
}
