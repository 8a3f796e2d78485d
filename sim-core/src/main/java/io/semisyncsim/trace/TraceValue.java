package io.semisyncsim.trace;

/**
 * A field value that writes itself into a trace line as a JSON string, so that values on every
 * packet (binlog coordinates) are never built as a String just to be written. Its text must be
 * what {@code toString()} returns, which is what reports and tests read.
 */
public interface TraceValue {
    /** Appends the value's text, unquoted; {@link JsonBytes#stringContent} escapes what it must. */
    void appendText(JsonBytes out);

    /** 64 bits that change whenever the text does (for the digest), the same on every JVM. */
    long digest();
}
