package io.semisyncsim.server;

import io.semisyncsim.error.SqlError;
import io.semisyncsim.server.StatementResult.Warning;
import io.semisyncsim.table.JsonText;
import io.semisyncsim.table.TableError;
import io.semisyncsim.table.Values;
import java.util.List;
import java.util.function.Consumer;

/**
 * MariaDB's JSON_VALID(text) (item_jsonfunc.cc Item_func_json_valid): 1 when the text is one JSON value as
 * json_lib.c scans it, 0 with a Note saying what broke and at which byte (from 10.11.19), NULL for NULL. The
 * same check a JSON column's CHECK runs. MySQL's JSON_VALID reads its own JSON type, which is not modelled.
 */
final class JsonFunctions {
    static final Object NOT_MINE = new Object();

    private JsonFunctions() {
    }

    /** The function's value, or {@link #NOT_MINE} when {@code name} is not JSON_VALID. */
    static Object call(Mysqld server, String name, List<Object> args, Consumer<Warning> warnings) throws SqlError {
        if (!name.equals("JSON_VALID")) {
            return NOT_MINE;
        }
        if (!server.flavor().sql().jsonIsLongtext()) {
            throw server.flavor().error("9000-function", name);
        }
        if (args.size() != 1) {
            throw server.flavor().error(1582, name);
        }
        if (args.get(0) == null) {
            return null;
        }
        TableError invalid = JsonText.check(Values.text(args.get(0)));
        if (invalid == null) {
            return 1L;
        }
        SqlError note = Tables.error(server.flavor(), invalid);
        warnings.accept(new Warning("Note", note.code(), note.getMessage()));
        return 0L;
    }
}
