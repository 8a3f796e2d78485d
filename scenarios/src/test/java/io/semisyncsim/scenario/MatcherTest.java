package io.semisyncsim.scenario;

import io.semisyncsim.scenario.lang.Durations;
import io.semisyncsim.scenario.lang.Matcher;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MatcherTest {
    private static Matcher parse(String text) {
        String[] error = new String[1];
        Matcher m = Matcher.parse(text, error);
        if (m == null) {
            throw new AssertionError(error[0]);
        }
        return m;
    }

    @Test
    void literalComparesAsMysqlPrints() {
        assertTrue(parse("ON").test("ON"));
        assertTrue(parse("No").test("no"));
        assertFalse(parse("ON").test("OFF"));
        assertFalse(parse("ON").test(null));
    }

    @Test
    void numbersCompareNumerically() {
        assertTrue(parse("1000").test("1000"));
        assertTrue(parse(">= 2").test("10"));
        assertFalse(parse("< 2").test("10"));
        assertTrue(parse("!= 0").test("3"));
    }

    @Test
    void unitsBecomeMicroseconds() {
        assertTrue(parse(">= 1000ms").test("1000000"));
        assertFalse(parse(">= 1s").test("999999"));
    }

    @Test
    void absentMeansTheValueDoesNotExist() {
        assertTrue(parse("absent").test(null));
        assertFalse(parse("absent").test("OFF"));
    }

    @Test
    void containsLooksInsideText() {
        assertTrue(parse("contains \"switched OFF\"").test("... Semi-sync replication switched OFF."));
        assertFalse(parse("contains 'switched ON'").test("switched OFF"));
    }

    @Test
    void orderingNeedsANumber() {
        String[] error = new String[1];
        assertNull(Matcher.parse("> ON", error));
        assertEquals("'>' needs a number, got 'ON'", error[0]);
    }

    @Test
    void durationsParseAndFormat() {
        assertEquals(500, Durations.parse("0.5ms"));
        assertEquals(2_000_000, Durations.parse("2s"));
        assertEquals(60_000_000, Durations.parse("1m"));
        assertEquals(-1, Durations.parse("2 fortnights"));
        assertEquals("1.5s", Durations.format(1_500_000));
        assertEquals("20ms", Durations.format(20_000));
    }
}
