package io.semisyncsim.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.semisyncsim.flavor.Flavor;
import io.semisyncsim.flavor.Flavors;
import io.semisyncsim.server.OptionValue.Refused;
import io.semisyncsim.server.OptionValue.Taken;
import io.semisyncsim.sysvar.Input;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * An option file's values as my_getopt reads them. The MariaDB lines are what mariadbd 10.11.19 printed
 * for the same values on its command line; the MySQL ones are mysys/errors.cc's texts.
 */
class OptionValueTest {
    private static final Flavor MARIADB = Flavors.standard().get("mariadb-10.11");
    private static final Flavor MYSQL80 = Flavors.standard().get("mysql-8.0");
    private static final Flavor MYSQL57 = Flavors.standard().get("mysql-5.7");

    private static OptionValue.Reading read(Flavor flavor, String variable, String value) {
        return OptionValue.read(flavor, flavor.systemVariables().get(variable), value);
    }

    private static List<String> refusal(Flavor flavor, String variable, String value) {
        return assertInstanceOf(Refused.class, read(flavor, variable, value)).errors();
    }

    private static Taken taken(Flavor flavor, String variable, String value) {
        return assertInstanceOf(Taken.class, read(flavor, variable, value));
    }

    @Test
    void aSuffixMysqldDoesNotKnowStopsTheStartWithTwoLines() {
        assertEquals(List.of("Unknown suffix 'X' used for variable 'max_binlog_size' (value '1X'). Legal suffix"
                        + " characters are: K, M, G, T, P, E",
                "/usr/sbin/mariadbd: Error while setting value '1X' to 'max_binlog_size'"),
                refusal(MARIADB, "max_binlog_size", "1X"));
        assertEquals(List.of("Unknown suffix 'X' used for variable 'max_binlog_size' (value '1X').",
                "/usr/sbin/mysqld: Error while setting value '1X' to 'max_binlog_size'."),
                refusal(MYSQL80, "max_binlog_size", "1X"));
    }

    @Test
    void aWordWhereANumberBelongsIsAnUnknownSuffixAtItsFirstLetter() {
        assertEquals("Unknown suffix 'a' used for variable 'max_binlog_size' (value 'abc'). Legal suffix characters"
                + " are: K, M, G, T, P, E", refusal(MARIADB, "max_binlog_size", "abc").get(0));
        assertEquals("Unknown suffix '.' used for variable 'max_binlog_size' (value '1.5'). Legal suffix characters"
                + " are: K, M, G, T, P, E", refusal(MARIADB, "max_binlog_size", "1.5").get(0));
    }

    @Test
    void onlyTheFirstCharacterAfterTheDigitsIsRead() {
        assertEquals(new Input.Whole(BigInteger.valueOf(1 << 20)), taken(MARIADB, "max_binlog_size", "1MB").input());
        assertEquals(new Input.Whole(BigInteger.valueOf(5)), taken(MARIADB, "max_binlog_size", " 5").input());
    }

    @Test
    void mysql57KnowsKMAndGOnly() {
        assertEquals(new Input.Whole(BigInteger.valueOf(2L << 30)), taken(MYSQL57, "max_binlog_size", "2G").input());
        assertEquals(List.of("Unknown suffix 'T' used for variable 'max_binlog_size' (value '1T')",
                "/usr/sbin/mysqld: Error while setting value '1T' to 'max_binlog_size'"),
                refusal(MYSQL57, "max_binlog_size", "1T"));
        assertEquals(new Input.Whole(BigInteger.ONE.shiftLeft(40)), taken(MYSQL80, "max_binlog_size", "1T").input());
    }

    @Test
    void aBooleanMysqldDoesNotRecogniseIsOffWithAWarningAndTheServerStarts() {
        Taken maybe = taken(MARIADB, "log_replica_updates", "maybe");
        assertEquals(new Input.Whole(BigInteger.ZERO), maybe.input());
        assertEquals("option 'log_replica_updates': boolean value 'maybe' wasn't recognized. Set to OFF.", maybe.warning());
        assertEquals("option 'log_replica_updates': boolean value 'yes' was not recognized. Set to OFF.",
                taken(MYSQL80, "log_replica_updates", "yes").warning());
    }

    @Test
    void trueFalseOnOffOneAndZeroAreBooleansInAnyCase() {
        for (String on : List.of("TRUE", "on", "1")) {
            assertEquals(new Input.Whole(BigInteger.ONE), taken(MYSQL80, "log_replica_updates", on).input(), on);
            assertNull(taken(MYSQL80, "log_replica_updates", on).warning(), on);
        }
        for (String off : List.of("false", "OFF", "0")) {
            assertEquals(new Input.Whole(BigInteger.ZERO), taken(MYSQL80, "log_replica_updates", off).input(), off);
        }
    }

    @Test
    void aNegativeNumberIsTheMinimumOnMysqlAndStopsMariadb() {
        Taken mysql = taken(MYSQL80, "max_binlog_size", "-5");
        assertEquals(new Input.Whole(BigInteger.valueOf(4096)), mysql.input());
        assertEquals("option 'max_binlog_size': value -5 adjusted to 4096.", mysql.warning());
        assertEquals(List.of("Incorrect unsigned value: '-5' for max_binlog_size",
                "/usr/sbin/mariadbd: Error while setting value '-5' to 'max_binlog_size'"),
                refusal(MARIADB, "max_binlog_size", "-5"));
    }

    @Test
    void aNumberPast64BitsStopsTheStart() {
        assertEquals("Integer value out of range for uint64: '99999999999999999999' for sync_binlog",
                refusal(MARIADB, "sync_binlog", "99999999999999999999").get(0));
        assertEquals("Incorrect unsigned integer value: '16E'.", refusal(MYSQL80, "sync_binlog", "16E").get(0));
    }

    @Test
    void anEmptyNumberStopsMysqlAndIsZeroOnMariadb() {
        assertEquals(List.of("/usr/sbin/mysqld: Empty value for 'sync_binlog' specified."),
                refusal(MYSQL80, "sync_binlog", ""));
        assertEquals(new Input.Whole(BigInteger.ZERO), taken(MARIADB, "sync_binlog", "").input());
    }

    @Test
    void anEnumerationTakesANameInAnyCaseOrAnIndexAndNothingElse() {
        assertEquals(new Input.Text("STATEMENT"), taken(MARIADB, "binlog_format", "statement").input());
        assertEquals(new Input.Whole(BigInteger.TWO), taken(MARIADB, "binlog_format", "2").input()); // ROW: binlog_format_names
        assertEquals(List.of("/usr/sbin/mariadbd: Error while setting value 'FOO' to 'binlog_format'"),
                refusal(MARIADB, "binlog_format", "FOO"));
        assertEquals(List.of("/usr/sbin/mysqld: Error while setting value '3' to 'binlog_format'."),
                refusal(MYSQL80, "binlog_format", "3"));
    }
}
