package io.semisyncsim.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.semisyncsim.error.SqlError;
import io.semisyncsim.flavor.Flavors;
import io.semisyncsim.sysvar.Input;
import io.semisyncsim.sysvar.SysVarDef;
import io.semisyncsim.sysvar.VarType;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;

class SystemVariablesTest {
    private final SystemVariables vars = new SystemVariables(Flavors.standard().get("mysql-8.0"));
    private final SysVarDef flag = new SysVarDef("x_enabled", VarType.BOOL, "OFF", null, null, List.of(), true, null, null);
    private final SysVarDef count = new SysVarDef("x_count", VarType.ULONG, "1", "1", "65535", List.of(), true, null, null);
    private final SysVarDef point = new SysVarDef("x_point", VarType.ENUM, "AFTER_SYNC", null, null,
            List.of("AFTER_SYNC", "AFTER_COMMIT"), true, null, null);

    private String valid(SysVarDef def, Input in) throws SqlError {
        return vars.validate(def, in).canonical();
    }

    @Test
    void lookupIgnoresCase() {
        vars.define(flag);
        assertEquals(flag, vars.find("X_ENABLED"));
        assertNull(vars.find("x_disabled"));
    }

    @Test
    void booleansAcceptOnOffTrueFalseOneZero() throws SqlError {
        assertEquals("ON", valid(flag, new Input.Text("on")));
        assertEquals("OFF", valid(flag, new Input.Text("FALSE")));
        assertEquals("ON", valid(flag, new Input.Whole(BigInteger.ONE)));
        assertEquals("OFF", valid(flag, new Input.Whole(BigInteger.ZERO)));
        assertEquals(1231, assertThrows(SqlError.class, () -> valid(flag, new Input.Whole(BigInteger.TWO))).code());
        assertEquals(1232, assertThrows(SqlError.class, () -> valid(flag, new Input.Decimal("1.5"))).code());
    }

    @Test
    void enumsAcceptWordsCaseInsensitivelyOrAnIndex() throws SqlError {
        assertEquals("AFTER_COMMIT", valid(point, new Input.Text("after_commit")));
        assertEquals("AFTER_SYNC", valid(point, new Input.Whole(BigInteger.ZERO)));
        assertEquals(1231, assertThrows(SqlError.class, () -> valid(point, new Input.Whole(BigInteger.TEN))).code());
    }

    @Test
    void numbersAreClampedToTheirRangeWithAWarning() throws SqlError {
        SystemVariables.Validated v = vars.validate(count, new Input.Whole(BigInteger.valueOf(70000)));
        assertEquals("65535", v.canonical());
        assertEquals("Truncated incorrect x_count value: '70000'", v.warnings().get(0).message());
        assertEquals("1", vars.validate(count, new Input.Whole(BigInteger.valueOf(-5))).canonical());
    }

    @Test
    void unsignedLongMaximumIsKept() throws SqlError {
        SysVarDef timeout = new SysVarDef("t", VarType.ULONG, "10000", "0", "18446744073709551615", List.of(), true, null, null);
        assertEquals("18446744073709551615", valid(timeout, new Input.Whole(new BigInteger("18446744073709551615"))));
    }

    @Test
    void aSizeIsTakenInWholeBlocksRoundedDownThenRaisedToTheMinimum() throws SqlError {
        SysVarDef size = new SysVarDef("max_relay_log_size", VarType.ULONG, "0", "4096", "1073741824", List.of(), true,
                null, null, 4096);
        var v = vars.validate(size, new Input.Whole(BigInteger.valueOf(9000)));
        assertEquals("8192", v.canonical());
        assertEquals("Truncated incorrect max_relay_log_size value: '9000'", v.warnings().get(0).message());
        assertEquals("4096", vars.validate(size, new Input.Whole(BigInteger.valueOf(100))).canonical());
        assertEquals(List.of(), vars.validate(size, new Input.Whole(BigInteger.valueOf(8192))).warnings());
    }

    @Test
    void selectShowsBooleansAsOneOrZero() {
        vars.define(flag);
        vars.put(flag, "ON");
        assertEquals("1", vars.selectValue(flag));
    }

    @Test
    void aliasesFindTheSameVariable() {
        SysVarDef timeout = new SysVarDef("replica_net_timeout", VarType.ULONG, "60", "1", "31536000", List.of(), true,
                null, "slave_net_timeout");
        vars.define(timeout);
        assertEquals(timeout, vars.find("slave_net_timeout"));
    }
}
