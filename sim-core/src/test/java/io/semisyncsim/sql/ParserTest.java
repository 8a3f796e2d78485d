package io.semisyncsim.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.semisyncsim.sysvar.Input;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;

class ParserTest {
    private static final Dialect MYSQL80 = new Dialect(true, true, false, true);
    private static final Dialect MYSQL84 = new Dialect(false, true, true, true);
    private static final Dialect MYSQL57 = new Dialect(true, false, false, false,
            Dialect.ExecutableComments.mysql(50744));
    private static final Dialect MARIADB = new Dialect(true, true, false, false,
            new Dialect.ExecutableComments(101109, 6, 50700, 99999, true), false, true);

    private static Statement parse(String sql) throws ParseException {
        return Parser.parse(sql, MYSQL80);
    }

    private static int errorOffset(String sql, Dialect d) {
        ParseException e = assertThrows(ParseException.class, () -> Parser.parse(sql, d));
        assertFalse(e.isUnsupported(), "a syntax error, not an unsupported statement");
        return e.offset();
    }

    private static ParseException unsupported(String sql) {
        ParseException e = assertThrows(ParseException.class, () -> Parser.parse(sql, MYSQL80));
        assertTrue(e.isUnsupported(), sql + " is a statement a server takes: " + e.getMessage());
        return e;
    }

    private static Statement.Select select(String sql) throws ParseException {
        return assertInstanceOf(Statement.Select.class, parse(sql));
    }

    // --- the admin statements the manual uses

    @Test
    void installPluginTakesNameAndSoname() throws ParseException {
        assertEquals(new Statement.InstallPlugin("rpl_semi_sync_master", "semisync_master.so"),
                parse("INSTALL PLUGIN rpl_semi_sync_master SONAME 'semisync_master.so';"));
    }

    @Test
    void flushBinaryLogsIsItsOwnStatementWithOrWithoutLocal() throws ParseException {
        assertEquals(Statement.FlushLogs.binaryLogs(false), parse("FLUSH BINARY LOGS"));
        assertEquals(Statement.FlushLogs.binaryLogs(true), parse("flush no_write_to_binlog binary logs;"));
        assertEquals(new Statement.FlushStatus(true), parse("FLUSH LOCAL STATUS"));
    }

    @Test
    void flushRelayLogsRotatesTheRelayLogOnlyAndFlushLogsBoth() throws ParseException {
        assertEquals(new Statement.FlushLogs(false, true, false), parse("FLUSH RELAY LOGS"));
        assertEquals(new Statement.FlushLogs(false, true, true), parse("FLUSH LOCAL RELAY LOGS;"));
        assertEquals(new Statement.FlushLogs(true, true, false), parse("flush logs"));
    }

    @Test
    void aNamedChannelsRelayLogIsNotModelled() {
        assertEquals("FLUSH RELAY LOGS of a named channel", unsupported("FLUSH RELAY LOGS FOR CHANNEL 'c2'").statement());
        assertEquals("FLUSH RELAY LOGS of a named channel", unsupported("FLUSH RELAY LOGS 'c2'").statement());
    }

    @Test
    void mariaDbsDeleteDomainIdClauseIsNotModelledYet() {
        ParseException e = assertThrows(ParseException.class,
                () -> parse("FLUSH BINARY LOGS DELETE_DOMAIN_ID = (1)"));
        assertTrue(e.isUnsupported(), "not a syntax error: MariaDB takes it");
        assertEquals("FLUSH BINARY LOGS DELETE_DOMAIN_ID", e.statement());
    }

    @Test
    void setGlobalAndAtAtGlobalMeanTheSame() throws ParseException {
        Statement a = parse("SET GLOBAL rpl_semi_sync_master_timeout = 1000");
        Statement b = parse("set @@global.rpl_semi_sync_master_timeout=1000");
        assertEquals(a, b);
        assertEquals(List.of(new Statement.Assignment(Statement.Scope.GLOBAL,
                "rpl_semi_sync_master_timeout", new Input.Whole(BigInteger.valueOf(1000)))),
                ((Statement.SetVariables) a).assignments());
    }

    @Test
    void whitespaceMayStandAroundTheDotAfterAtAtGlobal() throws ParseException {
        Statement expected = parse("SET @@GLOBAL.rpl_semi_sync_master_enabled = 1");
        assertEquals(expected, parse("SET @@GLOBAL. rpl_semi_sync_master_enabled = 1"));
        assertEquals(expected, parse("SET @@GLOBAL .rpl_semi_sync_master_enabled = 1"));
    }

    @Test
    void aSpaceAfterAtAtIsASyntaxErrorQuotedFromTheSpace() {
        assertEquals(6, errorOffset("SET @@ GLOBAL.rpl_semi_sync_master_enabled = 1", MARIADB));
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
        assertNull(s.assignments().get(0).value());
        assertNull(s.assignments().get(0).expression());
    }

    @Test
    void negativeNumbersAreWholeNumbers() throws ParseException {
        Statement.SetVariables s = (Statement.SetVariables) parse("SET GLOBAL x = -1");
        assertEquals(new Input.Whole(BigInteger.valueOf(-1)), s.assignments().get(0).value());
    }

    @Test
    void doubleMinusWithoutASpaceIsArithmeticNotAComment() throws ParseException {
        Statement.SetVariables s = (Statement.SetVariables) parse("SET GLOBAL x = 10000--1");
        Expr.Binary e = assertInstanceOf(Expr.Binary.class, s.assignments().get(0).expression());
        assertEquals("-", e.op());
        assertEquals(new Expr.Literal(-1L, "-1"), e.right());
    }

    @Test
    void userVariablesAreSetWithEqualsOrColonEquals() throws ParseException {
        Statement.SetVariables s = (Statement.SetVariables) parse("SET @x = 1 + 2, @`y` := 'a'");
        assertEquals("x", ((Statement.UserAssignment) s.items().get(0)).name());
        assertEquals("y", ((Statement.UserAssignment) s.items().get(1)).name());
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
    void bothThreadsMayBeNamedInEitherOrder() throws ParseException {
        assertEquals(new Statement.StopReplica(Statement.Threads.BOTH), parse("STOP SLAVE IO_THREAD, SQL_THREAD"));
        assertEquals(new Statement.StartReplica(Statement.Threads.BOTH), parse("START REPLICA SQL_THREAD, IO_THREAD"));
    }

    @Test
    void startUntilTakesTheSourcesOrTheRelayLogsCoordinates() throws ParseException {
        assertEquals(new Statement.StartReplica(Statement.Threads.BOTH,
                        new Statement.Until("binlog.000001", 4L, null, null)),
                parse("START SLAVE UNTIL SOURCE_LOG_FILE = 'binlog.000001', SOURCE_LOG_POS = 4"));
        assertEquals(new Statement.StartReplica(Statement.Threads.SQL_THREAD,
                        new Statement.Until(null, null, "r-relay-bin.000002", 4L)),
                parse("START SLAVE SQL_THREAD UNTIL RELAY_LOG_FILE = 'r-relay-bin.000002', RELAY_LOG_POS = 4"));
        assertEquals("UNTIL SQL_BEFORE_GTIDS", unsupported("START REPLICA UNTIL SQL_BEFORE_GTIDS = 'x:1'").clause());
    }

    @Test
    void sourceOptionsARealServerTakesAreNotModelledRatherThanASyntaxError() {
        assertEquals("IGNORE_SERVER_IDS", unsupported("CHANGE MASTER TO IGNORE_SERVER_IDS = (5, 6)").clause());
        assertEquals("SOURCE_SSL", unsupported("CHANGE REPLICATION SOURCE TO SOURCE_SSL = 1").clause());
    }

    @Test
    void resetMasterToAFileNumberIsNotModelledRatherThanASyntaxError() {
        assertEquals("TO", unsupported("RESET MASTER TO 100").clause());
    }

    @Test
    void errorPointsAtTheFirstTokenThatDoesNotFit() {
        assertEquals(8, errorOffset("INSTALL PLUGINS x SONAME 'y'", MYSQL80));
        assertEquals(24, errorOffset("SHOW GLOBAL STATUS LIKE x", MYSQL80));
        assertEquals(0, errorOffset("SELEC 1", MYSQL80));
        assertEquals(45, errorOffset("SET GLOBAL rpl_semi_sync_master_enabled = ON OFF", MYSQL80));
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

    // --- SELECT and expressions

    @Test
    void selectOfExpressionsKeepsEachItemsTextAsItsName() throws ParseException {
        Statement.Select s = select("SELECT 1+2, 'abc', 1 < 2 AND 2 < 1, @@global.rpl_x AS t");
        assertEquals("1+2", s.items().get(0).expr().text());
        assertEquals("abc", s.items().get(1).expr().text());
        assertEquals("1 < 2 AND 2 < 1", s.items().get(2).expr().text());
        assertEquals("t", s.items().get(3).alias());
        assertNull(s.from());
    }

    @Test
    void andBindsTighterThanOrAndComparisonsTighterThanAnd() throws ParseException {
        Expr where = select("SELECT 1 FROM t WHERE a = 1 OR b = 2 AND c = 3").where();
        Expr.Binary or = assertInstanceOf(Expr.Binary.class, where);
        assertEquals("OR", or.op());
        assertEquals("AND", ((Expr.Binary) or.right()).op());
    }

    @Test
    void predicatesParse() throws ParseException {
        Expr where = select("SELECT * FROM t WHERE a IN (1, 2) AND b NOT BETWEEN 1 AND 3 AND c LIKE 'x%' "
                + "AND d IS NOT NULL AND e <> 1 AND f != 2").where();
        assertTrue(where.text().startsWith("a IN (1, 2)"));
        assertInstanceOf(Expr.Binary.class, where);
    }

    @Test
    void selectFromATableWithOrderAndLimit() throws ParseException {
        Statement.Select s = select("SELECT id AS i, v FROM test.t1 WHERE id > 1 ORDER BY id DESC, v LIMIT 5 OFFSET 2");
        assertEquals(new Statement.TableRef("test", "t1"), s.from());
        assertEquals(2, s.orderBy().size());
        assertTrue(s.orderBy().get(0).descending());
        assertEquals(5L, s.limit());
        assertEquals(2, s.offset());
    }

    @Test
    void limitWithTwoNumbersIsOffsetThenCount() throws ParseException {
        Statement.Select s = select("SELECT * FROM t LIMIT 4, 3");
        assertEquals(3L, s.limit());
        assertEquals(4, s.offset());
    }

    @Test
    void aggregatesAndIntoParse() throws ParseException {
        Statement.Select s = select("SELECT COUNT(*), COUNT(DISTINCT a), MAX(b) INTO @n, @d, @m FROM t");
        Expr.Function count = assertInstanceOf(Expr.Function.class, s.items().get(0).expr());
        assertTrue(count.star());
        assertTrue(((Expr.Function) s.items().get(1).expr()).distinct());
        assertEquals(List.of("n", "d", "m"), s.into());
    }

    @Test
    void literalsOfEveryKind() throws ParseException {
        Statement.Select s = select("SELECT 1.50, 1e2, x'41', 0x41, 'a' 'b', NULL, TRUE, -5");
        assertEquals(new BigDecimal("1.50"), ((Expr.Literal) s.items().get(0).expr()).value());
        assertEquals(100.0, ((Expr.Literal) s.items().get(1).expr()).value());
        assertEquals("A", ((Expr.Literal) s.items().get(2).expr()).value());
        assertEquals("A", ((Expr.Literal) s.items().get(3).expr()).value());
        assertEquals("ab", ((Expr.Literal) s.items().get(4).expr()).value());
        assertNull(((Expr.Literal) s.items().get(5).expr()).value());
        assertEquals(1L, ((Expr.Literal) s.items().get(6).expr()).value());
        assertEquals(-5L, ((Expr.Literal) s.items().get(7).expr()).value());
    }

    // --- DML and DDL

    @Test
    void insertTakesColumnsRowsAndTheSetForm() throws ParseException {
        Statement.Insert i = assertInstanceOf(Statement.Insert.class,
                parse("INSERT INTO test.t1 (id, v) VALUES (1, 'a'), (2, DEFAULT)"));
        assertEquals(new Statement.TableRef("test", "t1"), i.table());
        assertEquals(List.of("id", "v"), i.columns());
        assertEquals(2, i.rows().size());
        Statement.Insert set = assertInstanceOf(Statement.Insert.class, parse("INSERT t1 SET a = 1"));
        assertEquals(List.of("a"), set.columns());
    }

    @Test
    void updateAndDeleteTakeAnyWhere() throws ParseException {
        Statement.Update u = assertInstanceOf(Statement.Update.class, parse("UPDATE t1 SET v = 'z', n = n + 1 WHERE id = 3"));
        assertEquals(2, u.set().size());
        Statement.Delete d = assertInstanceOf(Statement.Delete.class, parse("DELETE FROM t1 WHERE id > 3 LIMIT 2"));
        assertEquals(2L, d.limit());
        assertEquals(new Statement.Begin(), parse("START TRANSACTION"));
    }

    @Test
    void createTableWithTypedColumnsKeysAndOptions() throws ParseException {
        Statement.CreateTable c = assertInstanceOf(Statement.CreateTable.class, parse(
                "CREATE TABLE IF NOT EXISTS t2 (id INT UNSIGNED NOT NULL AUTO_INCREMENT, v VARCHAR(20) DEFAULT 'x', "
                        + "d DECIMAL(10,2), ts TIMESTAMP DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP, "
                        + "PRIMARY KEY (id), KEY (v)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4"));
        assertTrue(c.ifNotExists());
        assertEquals(4, c.columns().size());
        assertEquals(new Statement.TypeSpec("INT", List.of(), true), c.columns().get(0).type());
        assertEquals(new Statement.TypeSpec("DECIMAL", List.of(10, 2), false), c.columns().get(2).type());
        assertTrue(c.columns().get(3).onUpdateNow());
        assertEquals(List.of(List.of("id")), c.primaryKeys());
        assertEquals(1, c.indexes().size());
        assertEquals("InnoDB", c.options().get("ENGINE"));
        assertEquals("utf8mb4", c.options().get("CHARSET"));
    }

    @Test
    void otherDdlStatements() throws ParseException {
        assertEquals(new Statement.CreateTable(new Statement.TableRef(null, "t3"), false, List.of(), List.of(), List.of(),
                java.util.Map.of(), new Statement.TableRef(null, "t2")), parse("CREATE TABLE t3 LIKE t2"));
        assertEquals(new Statement.DropTable(List.of(new Statement.TableRef(null, "a"), new Statement.TableRef("d", "b")),
                true), parse("DROP TABLE IF EXISTS a, d.b"));
        assertEquals(new Statement.Truncate(new Statement.TableRef(null, "t")), parse("TRUNCATE t"));
        assertEquals(new Statement.CreateDatabase("db", true), parse("CREATE DATABASE IF NOT EXISTS db"));
        assertEquals(new Statement.Use("db"), parse("USE db"));
        Statement.AlterTable a = assertInstanceOf(Statement.AlterTable.class,
                parse("ALTER TABLE t ADD COLUMN c INT FIRST, DROP v, ADD d CHAR(2) AFTER id"));
        assertEquals(3, a.actions().size());
    }

    @Test
    void accountStatements() throws ParseException {
        Statement.CreateUser c = assertInstanceOf(Statement.CreateUser.class,
                parse("CREATE USER IF NOT EXISTS 'repl'@'%' IDENTIFIED BY 'pw', u2@localhost"));
        assertEquals(new Statement.UserName("repl", "%", false), c.users().get(0).name());
        assertEquals("pw", c.users().get(0).password());
        assertEquals(new Statement.UserName("u2", "localhost", false), c.users().get(1).name());
        Statement.Grant g = assertInstanceOf(Statement.Grant.class,
                parse("GRANT REPLICATION SLAVE, SELECT ON *.* TO 'repl'@'%' WITH GRANT OPTION"));
        assertEquals(List.of("REPLICATION SLAVE", "SELECT"), g.privileges());
        assertTrue(g.level().global());
        assertTrue(g.grantOption());
        Statement.Grant r = assertInstanceOf(Statement.Grant.class, parse("REVOKE ALL PRIVILEGES ON test.* FROM u"));
        assertTrue(r.revoke());
        assertEquals(List.of("ALL"), r.privileges());
        assertEquals(new Statement.GrantLevel("test", null), r.level());
        assertEquals(new Statement.ShowGrants(new Statement.UserName(null, null, true)),
                parse("SHOW GRANTS FOR CURRENT_USER()"));
    }

    // --- comments and scripts

    @Test
    void commentsAreSkippedAndQuotesInsideThemIgnored() throws ParseException {
        assertEquals(parse("SELECT 1"), parse("/* it's */ SELECT 1 -- don't\n"));
        assertEquals(parse("SELECT 1"), parse("SELECT 1 # it's"));
    }

    @Test
    void mysqlRunsAnExecutableCommentUpToItsVersion() throws ParseException {
        assertInstanceOf(Statement.SetVariables.class, parse("/*!50706 SET GLOBAL x = 1 */"));
        assertInstanceOf(Statement.Empty.class, parse("/*!80040 SET GLOBAL x = 1 */"));
        assertInstanceOf(Statement.Empty.class, parse("/*M!100500 SET GLOBAL x = 1 */"), "/*M! is a plain comment in MySQL");
        assertInstanceOf(Statement.Empty.class, Parser.parse("/*!80000 SET GLOBAL x = 1 */", MYSQL57));
    }

    @Test
    void mariadbSkipsMysql57VersionsAndRunsItsOwnMarker() throws ParseException {
        assertInstanceOf(Statement.Empty.class, Parser.parse("/*!50706 SET GLOBAL x = 1 */", MARIADB));
        assertInstanceOf(Statement.Empty.class, Parser.parse("/*!99999 SET GLOBAL x = 1 */", MARIADB));
        assertInstanceOf(Statement.SetVariables.class, Parser.parse("/*!50699 SET GLOBAL x = 1 */", MARIADB));
        assertInstanceOf(Statement.SetVariables.class, Parser.parse("/*!100500 SET GLOBAL x = 1 */", MARIADB));
        assertInstanceOf(Statement.Empty.class, Parser.parse("/*!101199 SET GLOBAL x = 1 */", MARIADB));
        assertInstanceOf(Statement.SetVariables.class, Parser.parse("/*M!50706 SET GLOBAL x = 1 */", MARIADB));
        assertInstanceOf(Statement.SetVariables.class, Parser.parse("/*! SET GLOBAL x = 1 */", MARIADB));
    }

    @Test
    void aSkippedExecutableCommentLeavesTheRestOfTheStatement() {
        String sql = "SET GLOBAL /*!50706 rpl_semi_sync_master_timeout = 1500 */";
        assertEquals(sql.length(), errorOffset(sql, MARIADB), "MariaDB: near '' at the end");
    }

    @Test
    void scriptsSplitAtSemicolonsOutsideQuotesAndComments() {
        assertEquals(List.of("STOP SLAVE IO_THREAD", "SET GLOBAL x = 'a;b'"),
                Parser.split("STOP SLAVE IO_THREAD; SET GLOBAL x = 'a;b';"));
        assertEquals(List.of("SELECT 1 /* a; b */", "SELECT 2 -- c; d\n"),
                List.of(Parser.split("SELECT 1 /* a; b */; SELECT 2 -- c; d\n").get(0),
                        Parser.split("SELECT 1 /* a; b */; SELECT 2 -- c; d\n").get(1) + "\n"));
    }

    @Test
    void commentOnlyPiecesAreNotSentButExecutableCommentsAre() {
        assertEquals(List.of("SELECT 1", "/*!50706 SET GLOBAL x = 1 */"),
                Parser.split("SELECT 1; /* nothing */; -- nothing\n; /*!50706 SET GLOBAL x = 1 */;"));
    }

    @Test
    void backslashGEndsAStatementAskingForVerticalOutput() {
        List<String> pieces = Parser.split("SELECT 1\\G SELECT 2\\g SELECT 3");
        assertEquals(List.of("SELECT 1\\G", "SELECT 2", "SELECT 3"), pieces);
        assertTrue(Parser.isVertical(pieces.get(0)));
        assertEquals("SELECT 1", Parser.withoutTerminator(pieces.get(0)));
        assertFalse(Parser.isVertical(pieces.get(1)));
    }

    // --- threads

    @Test
    void killTakesAnExpressionAndSaysWhetherOnlyTheQuery() throws ParseException {
        assertEquals(true, ((Statement.Kill) parse("KILL QUERY 5")).queryOnly());
        assertEquals(false, ((Statement.Kill) parse("KILL CONNECTION CONNECTION_ID()")).queryOnly());
    }

    @Test
    void showFullProcesslistAndShutdown() throws ParseException {
        assertEquals(new Statement.ShowProcesslist(true), parse("SHOW FULL PROCESSLIST"));
        assertEquals(new Statement.ShowProcesslist(false), parse("SHOW PROCESSLIST"));
        assertEquals(new Statement.Shutdown(), parse("SHUTDOWN"));
    }

    // --- what the simulator does not model is not a syntax error

    @Test
    void showSlaveHostsIsOneStatementWithTwoSpellingsOnMariaDb() throws ParseException {
        assertEquals(new Statement.ShowReplicaHosts(), parse("SHOW SLAVE HOSTS"));
        assertEquals(new Statement.ShowReplicaHosts(), Parser.parse("SHOW REPLICA HOSTS",
                io.semisyncsim.flavor.Flavors.standard().get("mariadb-10.11").dialect()));
    }

    @Test
    void showBinlogEventsTakesAFileAPositionAndALimit() throws ParseException {
        assertEquals(new Statement.ShowBinlogEvents(null, 4, 0, null), parse("SHOW BINLOG EVENTS"));
        assertEquals(new Statement.ShowSourceStatus(), Parser.parse("SHOW BINLOG STATUS", MARIADB),
                "MariaDB's name for SHOW MASTER STATUS");
        ParseException e = assertThrows(ParseException.class, () -> parse("SHOW BINLOG STATUS"));
        assertFalse(e.isUnsupported(), "MySQL has no such statement: a syntax error");
        assertEquals(new Statement.ShowBinlogEvents("mysql-bin.000002", 328, 1, 2L),
                parse("SHOW BINLOG EVENTS IN 'mysql-bin.000002' FROM 328 LIMIT 1, 2"));
        assertEquals(new Statement.ShowBinlogEvents(null, 4, 3, 5L), parse("SHOW BINLOG EVENTS LIMIT 5 OFFSET 3"));
        assertEquals(new Statement.ShowBinlogEvents(true, "r-relay-bin.000002", 256, 0, 1L),
                parse("SHOW RELAYLOG EVENTS IN 'r-relay-bin.000002' FROM 256 LIMIT 1"));
    }

    @Test
    void statementsARealServerTakesAreUnsupportedNotSyntaxErrors() {
        assertEquals("LOCK TABLES", unsupported("LOCK TABLES t1 WRITE").statement());
        assertEquals("SHOW ENGINES", unsupported("SHOW ENGINES").statement());
        assertEquals("SHOW RELAYLOG EVENTS FOR CHANNEL", unsupported("SHOW RELAYLOG EVENTS FOR CHANNEL 'c'").statement());
        assertEquals("CREATE FULLTEXT", unsupported("CREATE FULLTEXT INDEX i ON t (a)").statement());
        assertEquals("XA", unsupported("XA START 'x'").statement());
        assertEquals("JOIN", unsupported("SELECT * FROM t1 JOIN t2 ON t1.a = t2.a").clause());
        assertEquals("WITH ROLLUP", unsupported("SELECT a, COUNT(*) FROM t GROUP BY a WITH ROLLUP").clause());
    }

    @Test
    void aTypoStaysASyntaxError() {
        assertEquals(7, errorOffset("CREATE TABEL t (a INT)", MYSQL80));
        assertEquals(11, errorOffset("SHOW SLAVE STATUSS", MYSQL80));
    }
}
