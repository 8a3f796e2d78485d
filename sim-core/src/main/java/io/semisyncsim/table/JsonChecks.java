package io.semisyncsim.table;

/** What the server package may ask of {@link JsonText}: whether a text is one JSON value, and if not why. */
public final class JsonChecks {
    private JsonChecks() {
    }

    /** Null when {@code text} is one JSON value; else json_valid's Note, as a TableError of its code. */
    public static TableError invalid(String text) {
        return JsonText.check(text);
    }
}
