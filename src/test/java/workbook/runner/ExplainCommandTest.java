package workbook.runner;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./workbook explain} as a student uses it, on a copy of the workbook: the interleaving that
 * breaks lesson 02's stub, told in the stub's own lines, and a clean run on its solution; the traces
 * of l03a's, l04b's and l14a's stubs, and that lessons 03, 04 and 14 quote theirs as they are; the wake-up
 * that l06a's notify() answer loses, from a real run.
 */
@DisplayName("./workbook explain")
class ExplainCommandTest {

    @TempDir
    Path root;

    private WorkbookCopy copy;

    @BeforeEach
    void copyTheWorkbook() throws IOException {
        copy = WorkbookCopy.in(root);
    }

    @Test
    @DisplayName("on l02a's stub: a trace of two threads in Counter.java's lines, the lost increment, exit code 1; on its solution: clean, exit code 0")
    void explainsTheLostUpdateAndPassesTheSolution() throws IOException {
        var broken = copy.run("", "explain", "l02a_lost_update");
        assertThat(broken.exitCode()).as(broken.out() + broken.err()).isEqualTo(1);
        assertThat(broken.out()).contains("✗ this interleaving breaks l02a_lost_update")
                .contains("Result: two increments, but get() returned 1");
        var readsOfTheCount = Pattern.compile("^  (Thread \\d+) +Counter\\.java:16 +count\\+\\+; +reads count: 0", Pattern.MULTILINE)
                .matcher(broken.out()).results().map(match -> match.group(1)).distinct().toList();
        assertThat(readsOfTheCount).as("threads that read 0 at Counter.java:16 in\n" + broken.out()).hasSize(2);
        assertThat(broken.out().lines().count()).as("lines printed").isLessThanOrEqualTo(45);
        assertThat(Files.readString(Path.of("lessons/02-race-conditions.md")))
                .as("lesson 02 quotes this trace; when the trace changes, quote the new one")
                .contains(withoutFirstLine(broken.out()));

        copy.solve("l02a_lost_update");
        var clean = copy.run("", "explain", "l02a_lost_update");
        assertThat(clean.exitCode()).as(clean.out() + clean.err()).isZero();
        assertThat(clean.out()).contains("✓ no interleaving breaks l02a_lost_update").contains("interleavings");
    }

    @Test
    @DisplayName("on l04b's stub: the self-deadlock told as who holds the mutex taken at which line and waits for it at which, exit code 1; lesson 04 quotes it")
    void explainsTheSelfDeadlock() throws IOException {
        var stuck = copy.run("", "explain", "l04b_self_deadlock");
        assertThat(stuck.exitCode()).as(stuck.out() + stuck.err()).isEqualTo(1);
        assertThat(stuck.out()).contains("✗ this interleaving breaks l04b_self_deadlock")
                .containsPattern("Thread \\d waits at Inventory\\.java:24 \\(mutex\\.acquireUninterruptibly\\(\\);\\), holding the lock it took at Inventory\\.java:34 ");
        assertQuotedBy("lessons/04-reentrancy.md", stuck.out());
    }

    @Test
    @DisplayName("on l03a's and l14a's stubs: a trace in the student's own file, exit code 1; lesson 03 quotes l03a's")
    void explainsTheCacheAndTheCounter() throws IOException {
        var cache = copy.run("", "explain", "l03a_snapshot_cache");
        assertThat(cache.exitCode()).as(cache.out() + cache.err()).isEqualTo(1);
        assertThat(cache.out()).contains("✗ this interleaving breaks l03a_snapshot_cache").containsPattern("(?m)^  Thread \\d +SnapshotCache\\.java:\\d+ ");
        assertQuotedBy("lessons/03-locks.md", cache.out());

        var counter = copy.run("", "explain", "l14a_word_counter");
        assertThat(counter.exitCode()).as(counter.out() + counter.err()).isEqualTo(1);
        assertThat(counter.out()).contains("✗ this interleaving breaks l14a_word_counter").containsPattern("(?m)^  Thread \\d +WordCounter\\.java:\\d+ ");
        assertThat(counter.out().lines().count()).as("lines printed").isLessThanOrEqualTo(45);
        assertQuotedBy("lessons/14-concurrent-collections.md", counter.out());
    }

    private static void assertQuotedBy(String lesson, String trace) throws IOException {
        assertThat(trace.lines().count()).as("lines printed").isLessThanOrEqualTo(45);
        assertThat(Files.readString(Path.of(lesson)))
                .as(lesson + " quotes this trace; when the trace changes, quote the new one")
                .contains(withoutFirstLine(trace));
    }

    /** A trace without its first line, which holds the time it took. */
    private static String withoutFirstLine(String out) {
        return out.substring(out.indexOf('\n') + 1).stripTrailing();
    }

    @Test
    @DisplayName("on l06a's stub: the trace lesson 06 quotes; with notify() for notifyAll(): Lincheck finds nothing, the real run stalls, and the account shows a thread woken by its own kind at its wait() line, exit code 1; on the solution: clean, with the real run done, exit code 0")
    void explainsTheLostWakeUp() throws IOException {
        var stub = copy.run("", "explain", "l06a_bounded_buffer");
        assertThat(stub.exitCode()).as(stub.out() + stub.err()).isEqualTo(1);
        assertThat(Files.readString(Path.of("lessons/06-conditions.md")))
                .as("lesson 06 quotes the stub's trace; when the trace changes, quote the new one")
                .contains(withoutFirstLine(stub.out()));

        copy.useAnswer("l06a_bounded_buffer", Path.of("src/test/resources/wrong/l06a_bounded_buffer/notify_instead_of_notify_all"));
        var stalled = copy.run("", "explain", "l06a_bounded_buffer");
        assertThat(stalled.exitCode()).as(stalled.out() + stalled.err()).isEqualTo(1);
        assertThat(stalled.out()).contains("✗ a wake-up is lost in l06a_bounded_buffer")
                .containsPattern("(producer|consumer)-\\d +BoundedBuffer\\.java:(17|25) +wait\\(\\); +in (put|take)\\(\\), woken by \\w+-\\d")
                .containsPattern("← woken by its own kind")
                .contains("Result: every thread left waits for a wake-up that no thread is left to give");
        assertThat(stalled.out().lines().filter(line -> line.contains("waiting in "))).as("threads waiting at the end").hasSize(4);

        copy.solve("l06a_bounded_buffer");
        var clean = copy.run("", "explain", "l06a_bounded_buffer");
        assertThat(clean.exitCode()).as(clean.out() + clean.err()).isZero();
        assertThat(clean.out()).contains("✓ no interleaving breaks l06a_bounded_buffer").contains("wake-up scenario run on real threads");
    }

    @Test
    @DisplayName("on l10a: the stub's wrong result from a real run, signal() for signalAll() stalls with two waiters left at their await line, a poller never finishes, the solution is clean")
    void explainsTheEventsLostWakeUp() throws IOException {
        var stub = copy.run("", "explain", "l10a_event");
        assertThat(stub.exitCode()).as(stub.out() + stub.err()).isEqualTo(1);
        assertThat(stub.out()).contains("✗ a real run of its wake-up scenario ends wrong in l10a_event")
                .contains("await() returned true for 0 of them");

        copy.useAnswer("l10a_event", Path.of("src/test/resources/wrong/l10a_event/signal_instead_of_signal_all"));
        var stalled = copy.run("", "explain", "l10a_event");
        assertThat(stalled.exitCode()).as(stalled.out() + stalled.err()).isEqualTo(1);
        assertThat(stalled.out()).contains("✗ a wake-up is lost in l10a_event")
                .contains("The run: three threads wait in await(30 s) on one event");
        assertThat(stalled.out().lines().filter(line -> line.matches("  waiter-\\d +Event\\.java:\\d+ +.*awaitNanos.* waiting in await\\(\\)")))
                .as("waiters left waiting in\n" + stalled.out()).hasSize(2);

        copy.useAnswer("l10a_event", Path.of("src/test/resources/wrong/l10a_event/polls_the_flag"));
        var polling = copy.run("", "explain", "l10a_event");
        assertThat(polling.exitCode()).as(polling.out() + polling.err()).isEqualTo(1);
        assertThat(polling.out()).contains("✗ a real run of its wake-up scenario does not finish in l10a_event");
        assertThat(polling.out().lines().filter(line -> line.matches("  waiter-\\d +Event\\.java:\\d+ +Thread\\.sleep\\(1\\); +in await\\(\\)")))
                .as("waiters polling in\n" + polling.out()).hasSize(3);

        copy.solve("l10a_event");
        var clean = copy.run("", "explain", "l10a_event");
        assertThat(clean.exitCode()).as(clean.out() + clean.err()).isZero();
        assertThat(clean.out()).contains("✓ no wake-up is lost in l10a_event");
    }

    @Test
    @DisplayName("an exercise with no explain scenario says so in one line; exit code 0")
    void exerciseWithoutScenario() {
        var run = copy.run("", "explain", "l01a_all_at_once");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("l01a_all_at_once has no explain scenario").hasLineCount(1);
    }

    @Test
    @DisplayName("an unknown exercise gets the same error as check; exit code 2")
    void unknownExercise() {
        var explain = copy.run("", "explain", "l02a_lots_update");
        var check = copy.run("", "check", "l02a_lots_update");
        assertThat(explain.exitCode()).isEqualTo(2);
        assertThat(explain.err()).isEqualTo(check.err()).contains("There is no exercise called");
    }
}
