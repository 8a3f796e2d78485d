package io.semisyncsim.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** String and number functions, value for value as MariaDB 10.11.18 computes them. */
class ScalarFunctionsTest {
    private final List<String> warned = new ArrayList<>();

    private Object call(String name, Object... args) throws Exception {
        return ScalarFunctions.call(name, Arrays.asList(args), (least, most) -> { }, new ScalarFunctions.Complaints() {
            @Override
            public void divisionByZero() {
                warned.add("1365");
            }

            @Override
            public void tooLarge(String function, long max) {
                warned.add("1301 " + function);
            }

            @Override
            public long maxAllowedPacket() {
                return 16_777_216;
            }
        });
    }

    @Test
    void substringCountsFromOneOrFromTheEnd() throws Exception {
        assertEquals("bcd", call("SUBSTRING", "abcdef", 2L, 3L));
        assertEquals("ef", call("SUBSTRING", "abcdef", -2L));
        assertEquals("", call("SUBSTRING", "abcdef", 0L));
        assertEquals(null, call("SUBSTRING", null, 1L));
    }

    @Test
    void strcmpComparesAsTheCollationDoesCaseAndTrailingSpacesAside() throws Exception {
        assertEquals(-1L, call("STRCMP", "a", "B")); // measured on MariaDB 10.11.18
        assertEquals(0L, call("STRCMP", "A", "a"));
        assertEquals(0L, call("STRCMP", "a ", "a"));
        assertEquals(-1L, call("STRCMP", 1L, 10L));
    }

    @Test
    void roundTakesDecimalsAwayFromZeroAndDoublesToEven() throws Exception {
        assertEquals(3L, call("ROUND", new BigDecimal("2.5")));
        assertEquals(-3L, call("ROUND", new BigDecimal("-2.5")));
        assertEquals(2.0, call("ROUND", 2.5));
        assertEquals(2.0, call("ROUND", "2.5"), "a string reads as a double");
        assertEquals(new BigDecimal("2.57"), call("ROUND", new BigDecimal("2.567"), 2L));
        assertEquals(1200L, call("ROUND", new BigDecimal("1234.5"), -2L));
    }

    @Test
    void modByZeroIsNullWithAWarning() throws Exception {
        assertEquals(null, call("MOD", 7L, 0L));
        assertEquals(List.of("1365"), warned);
        assertEquals(-1L, call("MOD", -7L, 3L));
    }

    @Test
    void greatestOfDecimalsKeepsTheMostDigitsAfterThePoint() throws Exception {
        assertEquals(new BigDecimal("2.0"), call("GREATEST", new BigDecimal("1.5"), 2L));
        assertEquals("A", call("LEAST", "b", "A"), "text as the collation compares it");
    }

    @Test
    void padsCutOrRepeatTheirPadding() throws Exception {
        assertEquals("005", call("LPAD", "5", 3L, "0"));
        assertEquals("abxyx", call("RPAD", "ab", 5L, "xy"));
        assertEquals("abc", call("LPAD", "abcdef", 3L, "0"));
    }

    @Test
    void locateFindsAsTheCaseInsensitiveCollationDoes() throws Exception {
        assertEquals(2L, call("LOCATE", "B", "abcb"));
        assertEquals(4L, call("LOCATE", "b", "abcb", 3L));
        assertEquals(0L, call("LOCATE", "z", "abc"));
    }

    @Test
    void aResultPastMaxAllowedPacketIsNullWithAWarning() throws Exception {
        assertEquals(null, call("REPEAT", "x", new BigDecimal("99999999999999999999")));
        assertEquals(null, call("SPACE", 16_777_217L));
        assertEquals(List.of("1301 repeat", "1301 space"), warned);
    }

    @Test
    void roundingADoublePastItsPrecisionLeavesIt() throws Exception {
        assertEquals(1e308, call("ROUND", 1e308, 1L));
        assertEquals(0.0, call("ROUND", 1e300, -400L));
    }

    @Test
    void aNameThatIsNoneOfThemIsNotMine() throws Exception {
        assertEquals(ScalarFunctions.NOT_MINE, call("NO_SUCH_FUNCTION"));
    }
}
