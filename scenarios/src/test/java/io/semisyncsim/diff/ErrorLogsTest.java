package io.semisyncsim.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Error logs are compared thread by thread: the order of two threads' lines is a race, each thread's is not. */
class ErrorLogsTest {
    private static Normaliser.LogLine line(String thread, String text) {
        return new Normaliser.LogLine(1, thread, text);
    }

    private static final Normaliser.LogLine IO_START = line("5", "[Note] Slave I/O thread: connected");
    private static final Normaliser.LogLine SQL_START = line("6", "[Note] Slave SQL thread initialized");
    private static final Normaliser.LogLine IO_MORE = line("5", "[Note] Slave I/O thread: Start semi-sync replication");

    @Test
    void twoThreadsWritingInTheOtherOrderAgree() {
        List<Field> fields = ErrorLogs.compare("replica1.log", List.of(SQL_START, IO_START, IO_MORE),
                List.of(IO_START, IO_MORE, SQL_START));
        assertTrue(fields.stream().allMatch(Field::same), fields.toString());
        assertEquals(3, fields.size());
    }

    @Test
    void threadsArePairedByTheirFirstLineNotByTheirNumbers() {
        // The real server numbered its threads 41 and 42; the simulation 5 and 6.
        List<Field> fields = ErrorLogs.compare("replica1.log",
                List.of(line("42", SQL_START.text()), line("41", IO_START.text()), line("41", IO_MORE.text())),
                List.of(IO_START, IO_MORE, SQL_START));
        assertTrue(fields.stream().allMatch(Field::same), fields.toString());
    }

    @Test
    void aLineOnlyOneSideWroteIsADifferenceOfItsThread() {
        List<Field> fields = ErrorLogs.compare("replica1.log", List.of(IO_START),
                List.of(IO_START, IO_MORE));
        List<Field> different = fields.stream().filter(f -> !f.same()).toList();
        assertEquals(1, different.size());
        assertEquals(null, different.get(0).real());
        assertEquals(IO_MORE.text(), different.get(0).simulated().replaceFirst("^T\\d+ ", ""));
    }

    @Test
    void aThreadOnlyTheRealServerHadIsReportedWhole() {
        List<Field> fields = ErrorLogs.compare("source.log", List.of(line("9", "[Note] Start binlog_dump"),
                line("9", "[Note] Stop binlog_dump")), List.of());
        assertEquals(2, fields.stream().filter(f -> f.simulated() == null && f.real() != null).count());
    }

    @Test
    void aBackgroundThreadsLineWrittenAsThreadZeroIsComparedApartFromTheMainThread() {
        // MariaDB's ack receiver logs its start with no THD (thread 0) while the main thread recovers.
        DiffSettings settings = DiffSettings.load();
        Normaliser.LogLine ack = line("0", "[Note] Starting ack receiver thread");
        Normaliser.LogLine recovered = line("0", "[Note] Crash table recovery finished.");
        List<Field> fields = ErrorLogs.compare("source.log", settings.ownThreads(List.of(recovered, ack)),
                settings.ownThreads(List.of(ack, recovered)));
        assertTrue(fields.stream().allMatch(Field::same), fields.toString());
        assertTrue(fields.stream().anyMatch(f -> f.simulated().startsWith("0 ack receiver [Note]")), fields.toString());
    }
}
