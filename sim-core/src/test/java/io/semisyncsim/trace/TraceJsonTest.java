package io.semisyncsim.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TraceJsonTest {

    @Test
    void aLineHasItsKeysInTheCanonicalOrder() {
        TraceEvent e = new TraceEvent(1010205, "source", "binlog", "flush", "end", "(binlog.000001, 466)", "n", 3L,
                "ok", true, "gone", null);
        assertEquals("{\"t\":1010205,\"node\":\"source\",\"actor\":\"binlog\",\"kind\":\"flush\",\"data\":"
                + "{\"end\":\"(binlog.000001, 466)\",\"n\":3,\"ok\":true,\"gone\":null}}", TraceJson.render(e));
    }

    @Test
    void numbersAreWrittenInFull() {
        TraceEvent e = new TraceEvent(0, "n", "a", "k", "neg", -42L, "max", Long.MAX_VALUE, "min", Long.MIN_VALUE,
                "int", 7);
        assertEquals("{\"t\":0,\"node\":\"n\",\"actor\":\"a\",\"kind\":\"k\",\"data\":{\"neg\":-42,"
                + "\"max\":9223372036854775807,\"min\":-9223372036854775808,\"int\":7}}", TraceJson.render(e));
    }

    @Test
    void numbersMatchLongToStringAtEveryLength() {
        JsonBytes out = new JsonBytes(16);
        StringBuilder expected = new StringBuilder();
        java.util.List<Long> values = new java.util.ArrayList<>(java.util.List.of(0L, Long.MAX_VALUE, Long.MIN_VALUE));
        long p = 1;
        for (int digits = 1; digits <= 19; digits++, p *= 10) { // p = 10^0 .. 10^18
            values.addAll(java.util.List.of(p, p - 1, p + 1, -p, 9 * p));
        }
        for (long v : values) {
            out.number(v).raw(' ');
            expected.append(v).append(' ');
        }
        assertEquals(expected.toString(), out.toString());
    }

    @Test
    void aRepeatedNumberIsWrittenAsNumberWritesIt() {
        JsonBytes out = new JsonBytes(16);
        StringBuilder expected = new StringBuilder();
        for (long v : new long[] {5, 5, 1_234_567, 1_234_567, 0, 0, -3, -3, 5, Long.MIN_VALUE, Long.MIN_VALUE}) {
            out.repeatedNumber(v).raw(' ');
            expected.append(v).append(' ');
        }
        assertEquals(expected.toString(), out.toString());
    }

    @Test
    void quotesBackslashesAndControlCharactersAreEscaped() {
        TraceEvent e = new TraceEvent(0, "n", "a", "k", "sql", "SET x = 'a\"b\\c'\n\t\r\u0001");
        assertEquals("{\"t\":0,\"node\":\"n\",\"actor\":\"a\",\"kind\":\"k\",\"data\":"
                + "{\"sql\":\"SET x = 'a\\\"b\\\\c'\\n\\t\\r\\u0001\"}}", TraceJson.render(e));
    }

    @Test
    void textBeyondAsciiIsUtf8() {
        TraceEvent e = new TraceEvent(0, "n", "a", "k", "line", "café µs 😀");
        JsonBytes out = new JsonBytes(16);
        TraceJson.render(e, out);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            out.writeTo(bytes);
        } catch (IOException impossible) {
            throw new UncheckedIOException(impossible);
        }
        String expected = "{\"t\":0,\"node\":\"n\",\"actor\":\"a\",\"kind\":\"k\",\"data\":{\"line\":\"café µs 😀\"}}";
        assertEquals(expected, bytes.toString(StandardCharsets.UTF_8));
        assertEquals(expected.getBytes(StandardCharsets.UTF_8).length, out.length());
    }

    @Test
    void rememberedNamesAreWrittenAsPlainStrings() {
        JsonBytes names = new JsonBytes(16);
        JsonBytes plain = new JsonBytes(16);
        String[] strings = new String[5000]; // more than the table starts with: it grows
        for (int i = 0; i < strings.length; i++) {
            strings[i] = i % 3 == 0 ? "name-" + i : i % 3 == 1 ? "quote\"" + i : "µ" + i;
        }
        for (int round = 0; round < 2; round++) { // the second round finds some in the table, evicts others
            for (String s : strings) {
                names.name(s);
                plain.string(s);
            }
        }
        assertEquals(plain.toString(), names.toString());
    }

    @Test
    void theSinkWritesOneLinePerEventAndEverythingByClose() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        JsonLinesSink sink = new JsonLinesSink(bytes);
        for (int i = 0; i < 2000; i++) { // more than one 64 KB block
            sink.accept(new TraceEvent(i, "node", "actor", "kind", "padding", "x".repeat(40)));
        }
        sink.close();
        String[] lines = bytes.toString(StandardCharsets.UTF_8).split("\n");
        assertEquals(2000, lines.length);
        assertEquals(TraceJson.render(new TraceEvent(1999, "node", "actor", "kind", "padding", "x".repeat(40))),
                lines[1999]);
    }

    @Test
    void theWriterThreadKeepsTheOrderAcrossManyBatches() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        JsonLinesSink sink = new JsonLinesSink(bytes);
        for (int i = 0; i < 100_000; i++) { // many hand-overs, more than the queue holds at once
            sink.accept(new TraceEvent(i, "node", "actor", "kind", "i", (long) i));
        }
        sink.close();
        String[] lines = bytes.toString(StandardCharsets.UTF_8).split("\n");
        assertEquals(100_000, lines.length);
        for (int i = 0; i < lines.length; i++) {
            assertEquals(TraceJson.render(new TraceEvent(i, "node", "actor", "kind", "i", (long) i)), lines[i]);
        }
    }

    @Test
    void aWriteErrorStopsTheRunAtItsNextHandOverAndNothingWaitsOnTheWriter() {
        JsonLinesSink sink = new JsonLinesSink(diskFull());
        UncheckedIOException thrown = assertThrows(UncheckedIOException.class, () -> {
            for (int i = 0; i < 10_000_000; i++) {
                sink.accept(new TraceEvent(i, "node", "actor", "kind", "padding", "x".repeat(40)));
            }
        });
        assertEquals("disk full", thrown.getCause().getMessage());
        assertThrows(UncheckedIOException.class, sink::close);
    }

    @Test
    void aFailedWriteIsReported() {
        JsonLinesSink sink = new JsonLinesSink(diskFull());
        sink.accept(new TraceEvent(0, "n", "a", "k"));
        assertThrows(UncheckedIOException.class, sink::close);
    }

    private static OutputStream diskFull() {
        return new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("disk full");
            }
        };
    }
}
