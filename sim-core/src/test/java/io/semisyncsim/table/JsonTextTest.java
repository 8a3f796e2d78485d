package io.semisyncsim.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** JSON_VALID as a MariaDB JSON column's CHECK applies it (json_lib.c; measured on MariaDB 10.11.19). */
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

    @Test
    void jsonLibAcceptsSomeTextsTheRfcDoesNot() {
        assertEquals(true, JsonText.valid("1."), "a fraction without digits");
        assertEquals(true, JsonText.valid("1.e5"));
        assertEquals(true, JsonText.valid("\"a\\x\""), "any character but a control one after a backslash");
        assertEquals(true, JsonText.valid("{\"\\x\":1}"));
    }

    @Test
    void aBrokenTextNamesWhatBrokeAndTheByteAfterIt() {
        assertNote("[1, 2, ]", 4038, 8);
        assertNote("{\"é\": x}", 4038, 8); // bytes, not characters
        assertNote("[1] 2", 4038, 5);
        assertNote("\"a\tb\"", 4036, 3);
        assertNote("1é", 4035, 1);
        assertNote("\"\\uDC00\"", 4035, 7);
    }

    @Test
    void someFailuresAreReportedBeforeTheCharacter() {
        assertNote("trx", 4038, 2);
        assertNote("\"\\\t\"", 4039, 2);
        assertNote("{\"a\tb\":1}", 4038, 3);
        assertNote("\"\\uD800\"", 4038, 7);
    }

    @Test
    void aTextThatStopsShortHasNoPosition() {
        for (String s : new String[] {"", "  ", "tru", "[1,2", "{\"a\":", "\"abc", "\"\\u00"}) {
            TableError e = JsonText.check(s);
            assertEquals("4037", e.key(), s);
            assertEquals(Arrays.asList(1, "json_valid"), Arrays.asList(e.args()), s);
        }
    }

    @Test
    void thirtyTwoLevelsOneInsideAnotherAreTooDeep() {
        assertNull(JsonText.check("[".repeat(31) + "]".repeat(31)));
        TableError e = JsonText.check("[".repeat(32) + "1" + "]".repeat(32));
        assertEquals("4040", e.key());
        assertEquals(Arrays.asList(32, 1, "json_valid", 32), Arrays.asList(e.args()));
    }

    private static void assertNote(String text, int code, int position) {
        TableError e = JsonText.check(text);
        assertEquals(Integer.toString(code), e.key(), text);
        assertEquals(Arrays.asList(1, "json_valid", position), Arrays.asList(e.args()), text);
    }
}
