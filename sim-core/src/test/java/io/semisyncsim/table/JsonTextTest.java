package io.semisyncsim.table;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** JSON_VALID as a MariaDB JSON column's CHECK applies it. */
class JsonTextTest {
    @Test
    void oneValueOfAnyKindWithSpaceAroundIsValid() {
        assertEquals(true, JsonText.valid("{\"a\": 1, \"b\": [true, null, -1.5e3, \"x\\u00e9\"]}"));
        assertEquals(true, JsonText.valid("  42 "));
        assertEquals(true, JsonText.valid("\"é\""));
        assertEquals(true, JsonText.valid("{\"a\":1,\"a\":2}"), "a name twice is accepted");
    }

    @Test
    void whatJavascriptAllowsAndJsonDoesNotIsInvalid() {
        assertEquals(false, JsonText.valid("{a: 1}"));
        assertEquals(false, JsonText.valid("[1, 2, ]"));
        assertEquals(false, JsonText.valid("'a'"));
        assertEquals(false, JsonText.valid("01"));
        assertEquals(false, JsonText.valid(""));
        assertEquals(false, JsonText.valid("{} x"), "one value, nothing after it");
    }
}
