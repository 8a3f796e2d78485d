package io.semisyncsim.server;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** log-bin's option-file spellings, read as mysqld.cc OPT_BIN_LOG and my_getopt's prefixes read them. */
class BinlogOptionTest {

    private static String refusal(String raw, String value) {
        return BinlogOption.notModelled(new OptionFile.Option(raw, value), "mysql-bin.000001");
    }

    @Test
    void theNameEveryNodeHasNeedsNoOption() {
        assertTrue(refusal("log-bin", "mysql-bin").contains("names the binary log mysql-bin.000001"));
        assertTrue(refusal("loose-log_bin", "mysql-bin").contains("needs no option for it (leave it out"));
    }

    @Test
    void skipAndDisablePrefixesTurnTheLogOffWithAnyValueButZero() {
        for (String raw : new String[] {"skip-log-bin", "disable-log-bin", "skip_log_bin", "loose-skip-log-bin"}) {
            for (String value : new String[] {"", "1", "OFF", "ON"}) {
                assertTrue(refusal(raw, value).contains("turns the binary log off"), raw + "=" + value);
            }
        }
        assertTrue(refusal("enable-log-bin", "0").contains("turns the binary log off"));
    }

    @Test
    void aValueOfLogBinIsTheLogsNameNotASwitch() {
        assertTrue(refusal("log_bin", "OFF").contains("names the binary log OFF.000001"));
        assertTrue(refusal("log-bin", "0").contains("names the binary log 0.000001"));
        assertTrue(refusal("skip-log-bin", "0").contains("names the binary log 1.000001"));
        assertTrue(refusal("enable-log-bin", "").contains("names the binary log 1.000001"));
        assertTrue(refusal("log-bin", "").contains("after the host or the log-basename"));
    }

    @Test
    void otherOptionsAreNotLogBins() {
        assertFalse(BinlogOption.is(new OptionFile.Option("log-bin-index", "x")));
        assertFalse(BinlogOption.is(new OptionFile.Option("sql_log_bin", "0")));
        assertNull(refusal("log_bin_basename", "x"));
        assertTrue(BinlogOption.is(new OptionFile.Option("loose-disable_log_bin", "")));
    }
}
