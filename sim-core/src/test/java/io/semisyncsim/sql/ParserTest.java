package io.semisyncsim.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.semisyncsim.server.SystemVariables.Input;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;

class ParserTest {
    private static final Dialect MYSQL80 = new Dialect(true, true, false, true);
    private static final Dialect MYSQL84 = new Dialect(false, true, true, true);
    private static final Dialect MYSQL57 = new Dialect(true, false, false, false);

    private static Statement parse(String sql) throws ParseException {
        return Parser.parse(sql, MYSQL80);
    }

    private static int errorOffset(String sql, Dialect d) {
        return assertThrows(ParseException.class, () -> Parser.parse(sql, d)).offset();
    }

    @Test
    void installPluginTakesNameAndSoname() throws ParseException {
        assertEquals(new Statement.InstallPlugin("rpl_semi_sync_master", "semisync_master.so"),
                parse("INSTALL PLUGIN rpl_semi_sync_master SONAME 'semisync_master.so';"));
    }

    @Test
    void setGlobalAndAtAtGlobalMeanTheSame() throws ParseException {
        Statement a = parse("SET GLOBAL rpl_semi_sync_master_timeout = 1000");
        Statement b = parse("set @@global.rpl_semi_sync_master_timeout=1000");
        assertEquals(a, b);
        assertEquals(new Statement.SetVariables(List.of(new Statement.Assignment(Statement.Scope.GLOBAL,
                "rpl_semi_sync_master_timeout", new Input.Whole(BigInteger.valueOf(1000))))), a);
    }

    @Test
    void setWithoutScopeIsSessionScope() throws ParseException {
        Statement.SetVariables s = (Statement.SetVariables) parse("SET rpl_semi_sync_master_enabled = ON");
        assertEquals(Statement.Scope.DEFAULT, s.assignments().get(0).scope());
        assertEquals(new Input.Text("ON"), s.assignments().get(0).value());
    }

    @Test
    void setDefaultHasNoValue() throws ParseException {
        Statement.SetVariables s = (Statement.SetVariables) parse("SET GLOBAL x = DEFAULT");
        assertEquals(null, s.assignments().get(0).value());
    }

    @Test
    void negativeNumbersAreWholeNumbers() throws ParseException {
        Statement.SetVariables s = (Statement.SetVariables) parse("SET GLOBAL x = -1");
        assertEquals(new Input.Whole(BigInteger.valueOf(-1)), s.assignments().get(0).value());
    }

    @Test
    void selectOfVariablesKeepsTheWrittenLabel() throws ParseException {
        assertEquals(new Statement.SelectVariables(List.of(
                new Statement.SelectItem("@@global.rpl_semi_sync_master_timeout", Statement.Scope.GLOBAL,
                        "rpl_semi_sync_master_timeout"))),
                parse("SELECT @@global.rpl_semi_sync_master_timeout"));
    }

    @Test
    void informationSchemaPluginsWithLike() throws ParseException {
        assertEquals(new Statement.SelectPlugins(List.of("PLUGIN_NAME", "PLUGIN_STATUS"),
                        List.of(new Statement.Comparison("PLUGIN_NAME", "LIKE", "%semi%"))),
                parse("SELECT PLUGIN_NAME, PLUGIN_STATUS\n FROM INFORMATION_SCHEMA.PLUGINS\n WHERE PLUGIN_NAME LIKE '%semi%';"));
    }

    @Test
    void showStatusLike() throws ParseException {
        assertEquals(new Statement.Show(true, Statement.Scope.GLOBAL, "Rpl_semi%"),
                parse("SHOW GLOBAL STATUS LIKE 'Rpl_semi%'"));
    }

    @Test
    void replicationStatementsParseInBothSpellings() throws ParseException {
        assertEquals(new Statement.StopReplica(Statement.Threads.IO_THREAD), parse("STOP SLAVE IO_THREAD"));
        assertEquals(new Statement.StartReplica(Statement.Threads.BOTH), parse("START REPLICA"));
        assertInstanceOf(Statement.ChangeSource.class,
                parse("CHANGE MASTER TO MASTER_HOST='source', MASTER_PORT=3306, MASTER_AUTO_POSITION=1"));
    }

    @Test
    void errorPointsAtTheFirstTokenThatDoesNotFit() {
        assertEquals(8, errorOffset("INSTALL PLUGINS x SONAME 'y'", MYSQL80));
        assertEquals(0, errorOffset("DROP TABLE t", MYSQL80));
        assertEquals(24, errorOffset("SHOW GLOBAL STATUS LIKE x", MYSQL80));
    }

    @Test
    void dialectDecidesWhichSpellingsExist() {
        assertEquals(6, errorOffset("START REPLICA", MYSQL57));
        assertEquals(5, errorOffset("STOP SLAVE", MYSQL84));
        assertEquals(12, errorOffset("SET PERSIST x = 1", MYSQL57), "PERSIST is only a variable name on 5.7");
    }

    @Test
    void unterminatedStringIsASyntaxError() {
        assertEquals(20, errorOffset("SHOW VARIABLES LIKE 'rpl", MYSQL80));
    }

    @Test
    void dmlParsesIntoTheTableModel() throws ParseException {
        assertEquals(new Statement.Insert("t1", List.of(new Statement.Row(1, "a"), new Statement.Row(2, null))),
                parse("INSERT INTO test.t1 (id, v) VALUES (1, 'a'), (2)"));
        assertEquals(new Statement.Update("t1", 3, "z"), parse("UPDATE t1 SET v = 'z' WHERE id = 3"));
        assertEquals(new Statement.Delete("t1", 3), parse("DELETE FROM t1 WHERE id = 3"));
        assertEquals(new Statement.Begin(), parse("START TRANSACTION"));
        assertEquals(new Statement.CountRows("t1"), parse("SELECT COUNT(*) FROM test.t1"));
    }

    @Test
    void aNonNumericKeyIsASyntaxError() {
        assertEquals(26, errorOffset("DELETE FROM t1 WHERE id = 'x'", MYSQL80));
    }

    @Test
    void scriptsSplitAtSemicolonsOutsideQuotes() {
        assertEquals(List.of("STOP SLAVE IO_THREAD", "SET GLOBAL x = 'a;b'"),
                Parser.split("STOP SLAVE IO_THREAD; SET GLOBAL x = 'a;b';"));
    }
}
