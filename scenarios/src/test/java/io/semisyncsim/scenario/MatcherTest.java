package io.semisyncsim.scenario;

import io.semisyncsim.scenario.lang.Durations;
import io.semisyncsim.scenario.lang.Matcher;
import io.semisyncsim.scenario.lang.Template;
import java.util.List;
import java.util.Map;
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
    void anEmptyValueMeansAnEmptyValueNotAnAbsentOne() {
        assertTrue(parse("").test(""));
        assertFalse(parse("").test("0-1-4"));
        assertFalse(parse("").test(null));
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
    void notContainsHoldsWhenTheTextIsMissingFromAValueThatExists() {
        assertTrue(parse("not contains \"switched OFF\"").test("switched ON"));
        assertFalse(parse("not contains \"switched OFF\"").test("... switched OFF."));
        assertFalse(parse("not contains \"x\"").test(null), "an absent value holds no verdict either way");
    }

    @Test
    void matchesFindsARegexAnywhereWithLineAnchors() {
        assertTrue(parse("matches \"switched (ON|OFF)\"").test("a\nSemi-sync replication switched OFF.\nb"));
        assertTrue(parse("matches \"^b$\"").test("a\nb\nc"), "^ and $ match at line ends");
        assertFalse(parse("matches \"^switched\"").test("Semi-sync switched"));
        assertTrue(parse("not matches \"ERROR\"").test("all well"));
    }

    @Test
    void aBadRegexIsRefusedWhenRead() {
        String[] error = new String[1];
        assertNull(Matcher.parse("matches \"(unclosed\"", error));
        assertEquals("bad regular expression in matches \"(unclosed\": Unclosed group near index 9", error[0]);
    }

    @Test
    void countComparesHowOftenTheTextOccurs() {
        String log = "switched OFF\nswitched ON\nswitched OFF\n";
        assertTrue(parse("count(\"switched OFF\") == 2").test(log));
        assertTrue(parse("count('switched') >= 3").test(log));
        assertFalse(parse("count(\"switched ON\") > 1").test(log));
        assertTrue(parse("count(\"aa\") == 2").test("aaaa"), "occurrences do not overlap");
        assertTrue(parse("count(\"x\") == 0").test(""));
    }

    @Test
    void operatorsThatDoNotExistAreRefusedWithTheNearestOne() {
        String[] error = new String[1];
        assertNull(Matcher.parse("=> 5ms", error));
        assertTrue(error[0].startsWith("unknown operator '=>' in '=> 5ms'; did you mean '>='?"), error[0]);
        assertNull(Matcher.parse("= 0", error));
        assertTrue(error[0].startsWith("unknown operator '=' in '= 0'; did you mean '=='?"), error[0]);
        assertNull(Matcher.parse("=~ 0", error));
        assertTrue(error[0].startsWith("unknown operator '=~'"), error[0]);
        assertNull(Matcher.parse("count(\"x\") =< 1", error));
        assertTrue(error[0].startsWith("unknown operator '=<' in 'count(\"x\") =< 1'; did you mean '<='?"), error[0]);
    }

    @Test
    void numbersOutOfRangeAndNotANumberAreRefused() {
        String[] error = new String[1];
        assertNull(Matcher.parse("> 1e309", error));
        assertEquals("'1e309' is out of range: larger than any number MySQL prints", error[0]);
        assertNull(Matcher.parse("NaN", error));
        assertNull(Matcher.parse("== -Infinity", error));
        assertNull(Matcher.parse(">= 9999999999999999999s", error));
        assertEquals("'9999999999999999999s' is longer than a year of virtual time", error[0]);
        assertTrue(parse("< 1e308").test("5"), "a large finite number is a number");
    }

    @Test
    void capturedValuesAreFilledInAndAddedUp() {
        String[] error = new String[1];
        Matcher m = Matcher.parse("== ${before} + 10", Map.of("before", "5"), error);
        assertTrue(m.test("15"));
        assertFalse(m.test("5"));
        assertEquals("== 15", m.toString());
        Matcher lat = Matcher.parse("<= ${t} + 1ms - 500us", Map.of("t", "215us"), error);
        assertEquals("<= 715us", lat.toString());
        assertTrue(lat.test("715us"));
        Matcher word = Matcher.parse("${status}", Map.of("status", "ON"), error);
        assertTrue(word.test("on"));
        Matcher text = Matcher.parse("contains \"(server_id: ${id})\"", Map.of("id", "2"), error);
        assertTrue(text.test("Start semi-sync binlog_dump to slave (server_id: 2)"));
        Matcher quoted = Matcher.parse("matches \"^${v}$\"", Map.of("v", "a.b"), error);
        assertTrue(quoted.test("a.b"));
        assertFalse(quoted.test("axb"), "a captured value is literal inside a regex");
    }

    @Test
    void aCapturedValueThatCannotBeAddedIsAnError() {
        String[] error = new String[1];
        assertNull(Matcher.parse("== ${s} + 1", Map.of("s", "ON"), error));
        assertEquals("cannot compute '${s} + 1': 'ON' is not a number or a duration", error[0]);
        assertNull(Matcher.parse("== ${t} + 1", Map.of("t", "5ms"), error));
        assertEquals("'${t} + 1' mixes numbers and durations; add like to like", error[0]);
        assertNull(Matcher.parse("== ${gone}", Map.of(), error));
        assertEquals("${gone} has no value (its let did not capture one)", error[0]);
    }

    @Test
    void atReadTimeAValueWithCapturedValuesIsCheckedForItsShapeOnly() {
        String[] error = new String[1];
        assertTrue(Matcher.parse("> ${x} + 5ms", null, error) instanceof Matcher.Compare);
        assertTrue(Matcher.parse("count(\"${x}\") == ${n}", null, error) instanceof Matcher.Count);
        assertNull(Matcher.parse("=> ${x}", null, error));
        assertNull(Matcher.parse("matches \"(${x}\"", null, error), "the regex around the value is still checked");
    }

    @Test
    void sumsNeedSpacesSoHyphenatedWordsStayWords() {
        assertTrue(parse("mysql-bin.000001").test("mysql-bin.000001"));
        assertTrue(parse("== 5 - 3").test("2"));
        assertTrue(parse("error connecting - retry-time: 60").test("error connecting - retry-time: 60"));
    }

    @Test
    void durationsParseAndFormat() {
        assertEquals(500, Durations.parse("0.5ms"));
        assertEquals(2_000_000, Durations.parse("2s"));
        assertEquals(60_000_000, Durations.parse("1m"));
        assertEquals(-1, Durations.parse("2 fortnights"));
        assertEquals("1.5s", Durations.format(1_500_000));
        assertEquals("20ms", Durations.format(20_000));
        assertEquals(Durations.MAX, Durations.parse("525600m"), "a year is the longest duration");
        assertEquals(-1, Durations.parse("525600.000001m"));
        assertEquals(-1, Durations.parse("9999999999999999999s"), "never wrapped or capped");
        assertEquals("-1.5s", Durations.format(-1_500_000));
    }

    @Test
    void templatesNameTheirValuesAndRefuseMalformedOnes() throws Template.Unbound {
        assertEquals(List.of("a", "b_2"), Template.names("${a} + ${b_2}"));
        assertNull(Template.problem("SELECT ${a}"));
        assertEquals("'${' without its closing '}' in 'x ${a'", Template.problem("x ${a"));
        assertTrue(Template.problem("${2x}").startsWith("'${2x}' is not a captured value's name"));
        assertEquals("SELECT 5 FROM t", Template.expand("SELECT ${n} FROM t", Map.of("n", "5")));
        assertEquals("no reference", Template.expand("no reference", Map.of()));
    }
}
