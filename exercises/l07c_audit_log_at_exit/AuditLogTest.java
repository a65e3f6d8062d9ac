package l07c_audit_log_at_exit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import workbook.testkit.ChildJvm;
import workbook.testkit.ExitWatchdog;

/**
 * What happens to a thread's work when the program ends is decided by the JVM after {@code main}
 * returns, so these tests run a small program that uses the log in a JVM of its own, then read the
 * file it leaves behind.
 */
class AuditLogTest {

    private static final int ENTRIES = 100;

    /** The program under test: main records 100 entries, closes the log, and returns at once. */
    public static final class AuditedProgram {
        public static void main(String[] args) {
            ExitWatchdog.arm(Duration.ofSeconds(5), Duration.ofSeconds(3));
            var log = new AuditLog(Path.of(args[0]));
            for (int entry = 1; entry <= ENTRIES; entry++) {
                log.record("entry " + entry);
            }
            log.close();
            System.out.println("main: recorded " + ENTRIES + " entries, closed the log, returns");
        }
    }

    @TempDir
    static Path folder;

    private static ChildJvm.Result run;
    private static List<String> written;

    @BeforeAll
    static void runTheProgram() throws IOException {
        var file = folder.resolve("audit.log");
        run = ChildJvm.run(AuditedProgram.class, Duration.ofSeconds(15), file.toString());
        written = Files.exists(file) ? Files.readAllLines(file) : List.of();
    }

    @Test
    @DisplayName("the program ends by itself after main has closed the log")
    void theProgramEnds() {
        ExitWatchdog.assertExitedByItself(run, """
                Why: the JVM waits for every thread that is not a daemon. Once close() has been called no \
                entry will come, so the writer must end after writing the last one; a writer that still \
                waits for entries waits forever, and keeps the program alive.""");
    }

    @Test
    @DisplayName("every entry recorded before close() is in the file, once and in order")
    void everyEntryReachesTheFile() {
        var expected = IntStream.rangeClosed(1, ENTRIES).mapToObj(entry -> "entry " + entry).toList();
        if (written.equals(expected)) {
            return;
        }
        long lost = expected.stream().filter(entry -> !written.contains(entry)).count();
        throw new AssertionError("""
                main recorded %d entries, closed the log and returned; the file then held %d line(s), and %d \
                of the entries were missing%s.
                Why: when main returns, the JVM waits only for threads that are not daemons. A daemon writer \
                is dropped wherever it is, with entries still in its queue and in its buffer: no exception, \
                no finally, so its try-with-resources never writes the buffer out. Work that must be finished \
                must not belong to a daemon: make the writer a thread the JVM waits for, which ends once it \
                has written the last entry, or make close() wait until the writer is done. Stopping the \
                writer early (interrupting it, or a wait that gives up) loses entries the same way.
                %s%s""".formatted(ENTRIES, written.size(), lost,
                lost == 0 ? " (but the lines are not the entries, once each, in order)" : "",
                run.exitedByItself() && run.exitCode() == 0 ? ""
                        : "(The program did not end by itself, see the other test: the file is what was written "
                        + "when it was stopped.)\n",
                ExitWatchdog.programOutput(run)));
    }
}
