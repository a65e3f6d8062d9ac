package l07c_audit_log_at_exit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import workbook.testkit.BlockingCall;
import workbook.testkit.ChildJvm;
import workbook.testkit.HeldLocks;
import workbook.testkit.PausedCalls;
import workbook.testkit.Workers;
import workbook.testkit.ExitWatchdog;
import workbook.testkit.ThreadWatch;
import workbook.testkit.preemption.Preemption;
import workbook.testkit.preemption.PreemptionPoints;

/**
 * What happens to a thread's work when the program ends is decided by the JVM after {@code main}
 * returns, so these tests run one small program that uses four logs in a JVM of its own, then read
 * the files it leaves behind. Each log is one situation: two logs side by side ("first", and
 * "second", made on a daemon thread), a log used by a thread that has been interrupted
 * ("interrupted"), and a log closed while an interrupt arrives during close() ("woken"). Every step
 * the program takes is printed, so that each test judges its own situation. One more test, in this
 * JVM, races record() against close() on other threads.
 */
class AuditLogTest {

    private static final int ENTRIES = 15;
    /**
     * The log made on a daemon thread gets more: its writer (375 ms of disk) must still be at work when
     * the others' writers (75 ms each) end, or a writer left a daemon is not caught. With three times
     * as many (225 ms), the mutation analysis saw a writer that kept its creator's daemon flag pass on
     * a busy machine.
     */
    private static final int SECOND_ENTRIES = 5 * ENTRIES;
    private static final String FIRST = "first", SECOND = "second", INTERRUPTED = "interrupted", WOKEN = "woken";
    private static final String STEP = "step ", LOG_THREAD = "log thread ", RECORD_SLEPT = "record() slept: ";
    private static final String INTERRUPT_KEPT = "interrupt still set after ";
    /** How many fresh logs the race test races at most, and for how long: the writers are waited for once, at the end. */
    private static final int RACES = 400;
    private static final Duration RACE_TIME = Duration.ofMillis(300);
    private static final String HELD_ENTRY = "recorded while the lock was taken";
    private static final String HANDED_OVER_ENTRY = "recorded while close() was called";
    private static final String STOPPED_ENTRY = "recorded while the other call was stopped";
    private static final Duration DEADLINE = Duration.ofSeconds(2);
    private static final Duration QUIET = Duration.ofMillis(500);
    private static final String WOKEN_IN_CLOSE = "interrupter: interrupted main while it waited in close()";

    /** The program under test: four logs, each closed its own way, then main returns at once. */
    public static final class AuditedProgram {
        public static void main(String[] args) throws InterruptedException {
            ExitWatchdog.arm(Duration.ofSeconds(6), Duration.ofMillis(1_500));
            var folder = Path.of(args[0]);
            var main = Thread.currentThread();
            Set<Thread> before = Set.copyOf(Thread.getAllStackTraces().keySet());

            var first = new AuditLog(folder.resolve(FIRST));
            var second = madeOnADaemonThread(() -> new AuditLog(folder.resolve(SECOND)));
            var sleeping = new SleepWatch(main);
            for (int n = 1; n <= ENTRIES; n++) {
                first.record(entry(FIRST, n));
                second.record(entry(SECOND, n));
            }
            for (int n = ENTRIES + 1; n <= SECOND_ENTRIES; n++) {
                second.record(entry(SECOND, n));
            }
            System.out.println(RECORD_SLEPT + sleeping.stop());
            step("first.close()", first::close);
            step("first.close() again", first::close);
            step("first.record() after close()", () -> first.record("too late"));
            step("second.close()", second::close);

            main.interrupt();
            var interrupted = new AuditLog(folder.resolve(INTERRUPTED));
            for (int n = 1; n <= ENTRIES; n++) {
                interrupted.record(entry(INTERRUPTED, n));
            }
            step("interrupted.close()", interrupted::close);
            System.out.println(INTERRUPT_KEPT + "interrupted.close(): " + Thread.interrupted());

            var woken = new AuditLog(folder.resolve(WOKEN));
            for (int n = 1; n <= ENTRIES; n++) {
                woken.record(entry(WOKEN, n));
            }
            var interrupter = Thread.ofPlatform().daemon().name("interrupter").start(() -> interruptWhileInClose(main));
            step("woken.close()", woken::close);
            interrupter.interrupt();
            boolean interruptedWhileJoining = joinWhateverComes(interrupter);
            System.out.println(INTERRUPT_KEPT + "woken.close(): " + (interruptedWhileJoining || Thread.interrupted()));

            Thread.getAllStackTraces().keySet().stream()
                    .filter(thread -> !before.contains(thread) && thread != interrupter && thread.isAlive())
                    .forEach(thread -> System.out.println(LOG_THREAD + thread.getName() + " daemon=" + thread.isDaemon()));
            System.out.println("main: returns");
        }

        /** Watches main while it records: does it ever sleep in the log's code, as a write to the slow disk does? */
        private static final class SleepWatch {
            private volatile boolean watching = true;
            private volatile boolean sawASleep;
            private final Thread watcher;

            SleepWatch(Thread main) {
                watcher = Thread.ofPlatform().daemon().name("sleep watch").start(() -> {
                    while (watching && !sawASleep) {
                        var frames = List.of(main.getStackTrace());
                        sawASleep = frames.stream().anyMatch(f -> f.getClassName().equals("java.lang.Thread")
                                && f.getMethodName().startsWith("sleep"))
                                && frames.stream().anyMatch(AuditedProgram::isInTheLog);
                        Thread.onSpinWait();
                    }
                });
            }

            boolean stop() throws InterruptedException {
                watching = false;
                watcher.join();
                return sawASleep;
            }
        }

        private static boolean isInTheLog(StackTraceElement frame) {
            return frame.getClassName().startsWith(AuditLog.class.getName());
        }

        private static AuditLog madeOnADaemonThread(Callable<AuditLog> making) throws InterruptedException {
            var made = new FutureTask<>(making);
            Thread.ofPlatform().daemon().name("daemon that makes a log").start(made);
            try {
                return made.get(2, TimeUnit.SECONDS);
            } catch (ExecutionException | TimeoutException e) {
                throw new IllegalStateException("could not make the log on a daemon thread", e);
            }
        }

        private static void step(String name, Runnable action) {
            try {
                action.run();
                System.out.println(STEP + name + ": returned");
            } catch (RuntimeException e) {
                System.out.println(STEP + name + ": threw " + e);
            }
        }

        /** Interrupts main once it waits inside close(); gives up when close() returns first. */
        private static void interruptWhileInClose(Thread main) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
            while (System.nanoTime() < deadline) {
                var state = main.getState();
                boolean waiting = state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING;
                if (waiting && List.of(main.getStackTrace()).stream().anyMatch(AuditedProgram::isInClose)) {
                    main.interrupt();
                    System.out.println(WOKEN_IN_CLOSE);
                    return;
                }
                try {
                    Thread.sleep(1);
                } catch (InterruptedException closeReturned) {
                    return;
                }
            }
        }

        /**
         * Waits up to 1 s for the interrupter to end, and says whether main was interrupted meanwhile:
         * the flag close() kept, or an interrupt that the interrupter sent just as close() returned
         * (it saw main waiting in close() a moment before), which must not end main with an exception.
         */
        private static boolean joinWhateverComes(Thread interrupter) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
            boolean interrupted = false;
            while (interrupter.isAlive() && System.nanoTime() < deadline) {
                try {
                    interrupter.join(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            return interrupted;
        }

        private static boolean isInClose(StackTraceElement frame) {
            return frame.getClassName().startsWith(AuditLog.class.getName()) && frame.getMethodName().equals("close");
        }
    }

    private static String entry(String log, int n) {
        return log + " entry " + n;
    }

    private static int entriesRecordedIn(String log) {
        return log.equals(SECOND) ? SECOND_ENTRIES : ENTRIES;
    }

    private static List<String> entriesOf(String log) {
        return IntStream.rangeClosed(1, entriesRecordedIn(log)).mapToObj(n -> entry(log, n)).toList();
    }

    @TempDir
    static Path folder;

    private static ChildJvm.Result run;
    private static final Map<String, List<String>> written = new HashMap<>();

    @BeforeAll
    static void runTheProgram() throws IOException {
        run = ChildJvm.run(AuditedProgram.class, Duration.ofSeconds(15), folder.toString());
        for (var log : List.of(FIRST, SECOND, INTERRUPTED, WOKEN)) {
            var file = folder.resolve(log);
            written.put(log, Files.exists(file) ? Files.readAllLines(file) : List.of());
        }
    }

    @Test
    @DisplayName("the program ends by itself after main has closed its logs")
    void theProgramEnds() {
        ExitWatchdog.assertExitedByItself(run, """
                Why: the JVM waits for every thread that is not a daemon. Once close() has been called no \
                entry will come, so the writer must end after writing the last one; a writer that still \
                waits for entries waits forever, and keeps the program alive.""");
    }

    @Test
    @DisplayName("every entry recorded before close() is in the file, once and in order")
    void everyEntryReachesTheFile() {
        assertComplete(FIRST, "main recorded %d entries in the log \"first\", closed it and returned".formatted(ENTRIES));
    }

    @Test
    @DisplayName("a log made on a daemon thread loses nothing either")
    void aLogMadeOnADaemonThreadLosesNothing() {
        var situation = """
                main recorded %d entries in the log "second", which a daemon thread had made, closed it and \
                returned""".formatted(SECOND_ENTRIES);
        if (deferredToTheFirstLog(SECOND, situation)) {
            return;
        }
        assertComplete(SECOND, situation);
    }

    @Test
    @DisplayName("two logs at once write each to its own file")
    void twoLogsKeepTheirEntriesApart() {
        for (var log : List.of(FIRST, SECOND)) {
            var other = log.equals(FIRST) ? SECOND : FIRST;
            long foreign = written.get(log).stream().filter(line -> line.startsWith(other + " ")).count();
            if (foreign > 0) {
                throw new AssertionError("""
                        main recorded entries in two logs, "first" and "second", in turn; the file of "%s" held \
                        %d entries recorded in "%s".
                        Why: each AuditLog has its own queue and its own writer. A static field (the queue, the \
                        writer) is one for every log of the program, so two logs at once write each other's \
                        entries.
                        %s""".formatted(log, foreign, other, ExitWatchdog.programOutput(run)));
            }
        }
    }

    @Test
    @DisplayName("a thread that has been interrupted can still record, and close() writes everything and keeps the interrupt")
    void anInterruptedCallerLosesNothing() {
        assertInterruptHandled(INTERRUPTED, "interrupted.close()", """
                main was interrupted, then recorded %d entries in the log "interrupted" and closed it""".formatted(ENTRIES));
    }

    @Test
    @DisplayName("an interrupt that arrives while close() waits neither stops it nor is lost")
    void anInterruptDuringCloseLosesNothing() {
        if (!run.stdout().contains(WOKEN_IN_CLOSE)) {
            return; // close() returned without waiting, so no interrupt could arrive while it waited
        }
        assertInterruptHandled(WOKEN, "woken.close()", """
                main recorded %d entries in the log "woken", called close(), and was interrupted while close() \
                waited""".formatted(ENTRIES));
    }

    @Test
    @DisplayName("record() after close() throws, and a second close() does nothing")
    void afterClose() {
        var again = stepOutcome("first.close() again");
        if (!again.equals("returned")) {
            throw new AssertionError("""
                    The second call of close() on the same log %s.
                    Why: closing what is already closed does nothing (as AutoCloseable and Closeable ask): \
                    code that closes in a finally, or with try-with-resources, may close twice.
                    %s""".formatted(again, ExitWatchdog.programOutput(run)));
        }
        var late = stepOutcome("first.record() after close()");
        if (!late.startsWith("threw")) {
            throw new AssertionError("""
                    record("too late") after close() %s: the entry was accepted, and it is not in the file.
                    Why: after close() the writer ends, and nothing will write what is queued behind its end. \
                    An entry accepted then is lost without a word; refuse it with an exception (an \
                    IllegalStateException, say), so that the caller knows. The check and the adding must be one \
                    step with close()'s own change (under one lock): otherwise a record() that found the log \
                    open can still add its entry just after close().
                    %s""".formatted(late, ExitWatchdog.programOutput(run)));
        }
    }

    @Test
    @DisplayName("record() returns at once, without waiting for the disk")
    void recordReturnsAtOnce() {
        var line = run.stdout().lines().filter(l -> l.startsWith(RECORD_SLEPT)).findFirst();
        if (line.isEmpty()) {
            throw new AssertionError("The program never finished recording its first entries.\n" + run.describe());
        }
        if (line.get().endsWith("true")) {
            throw new AssertionError("""
                    While main recorded its entries, it was seen sleeping inside the log's code: writing an \
                    entry (the 5 ms sleep of the slow disk) on the caller's thread.
                    Why: record() must hand the entry to the writer and return, so that the caller never \
                    waits for the disk: the writing belongs to the writer's thread.""");
        }
    }

    @Test
    @DisplayName("record() and close() at the same moment, on two threads: an entry record() accepted is written")
    void anEntryAcceptedWhileClosingIsWritten() throws Exception {
        if (!written.get(FIRST).equals(entriesOf(FIRST)) || !stepOutcome("first.record() after close()").startsWith("threw")) {
            return; // the tests above say what is wrong; racing would only say it again
        }
        Set<Thread> threadsBefore = Set.copyOf(Thread.getAllStackTraces().keySet());
        var raced = new ArrayList<RacedLog>();
        long stopAt = System.nanoTime() + RACE_TIME.toNanos();
        while (raced.size() < RACES && System.nanoTime() < stopAt) {
            var log = new RacedLog(folder.resolve("raced-" + raced.size()));
            raced.add(log);
            Workers.start("record-or-close", 2, log::recordOrClose).awaitCompletion(Duration.ofSeconds(2));
        }
        var stillRunning = awaitThreadsStartedSince(threadsBefore, Duration.ofSeconds(2));
        if (!stillRunning.isEmpty()) {
            throw new AssertionError("""
                    After record() and close() had returned on two threads, %d time(s), the logs' thread(s) %s \
                    had not ended: still running 2 s later, or waiting, unwoken, for entries that will not come.
                    Why: once close() has been called, the writer writes what it has and ends.""".formatted(
                    raced.size(), stillRunning.subList(0, Math.min(3, stillRunning.size()))));
        }
        for (var log : raced) {
            log.assertAnAcceptedEntryWasWritten(raced.size());
        }
    }

    @Test
    @DisplayName("close() called while record() is handing its entry over: an entry record() accepted is written")
    void closeWhileRecordHandsItsEntryOver() throws Exception {
        if (!written.get(FIRST).equals(entriesOf(FIRST)) || !stepOutcome("first.record() after close()").startsWith("threw")) {
            return; // the tests above say what is wrong
        }
        Set<Thread> threadsBefore = Set.copyOf(Thread.getAllStackTraces().keySet());
        var file = folder.resolve("handed-over");
        var log = new AuditLog(file);
        var calls = PausedCalls.in(log);
        var inRecord = calls.before();
        var inClose = calls.after();
        var accepted = new AtomicBoolean();
        var recorder = BlockingCall.run("recorder", () -> {
            inRecord.armThisThread();
            try {
                log.record(HANDED_OVER_ENTRY);
                accepted.set(true);
            } catch (IllegalStateException | RejectedExecutionException refused) {
                // close() came first: refusing is right
            }
        });
        BlockingCall<Void> closer;
        String whatCloseDid;
        try {
            ThreadWatch.pollUntil(Duration.ofSeconds(2), () -> inRecord.reached() || recorder.isDone());
            closer = BlockingCall.run("closer", () -> {
                inClose.armThisThread();
                log.close();
            });
            ThreadWatch.pollUntil(Duration.ofSeconds(2), () -> inClose.reached() || closer.isDone()
                    || ThreadWatch.staysWaitingIn(closer.thread(), AuditLog.class, Duration.ofMillis(100)));
            whatCloseDid = inClose.reached() ? "got as far as handing over its end of the log"
                    : closer.isDone() ? "returned" : "waited";
        } finally {
            inRecord.release();
        }
        recorder.awaitResult(Duration.ofSeconds(2), Duration.ofMillis(500), "record() was let go, but did not return.");
        inClose.release();
        closer.awaitResult(Duration.ofSeconds(2), Duration.ofMillis(500), "close() was let go, but did not return.");
        var stillRunning = awaitThreadsStartedSince(threadsBefore, Duration.ofSeconds(2));
        if (!stillRunning.isEmpty()) {
            throw new AssertionError("""
                    After record() and close() had returned, the log's thread(s) %s had not ended: \
                    still running 2 s later, or waiting, unwoken, for entries that will not come.
                    Why: once close() has been called, the writer writes what it has and ends.""".formatted(stillRunning));
        }
        var lines = Files.exists(file) ? Files.readAllLines(file) : List.<String>of();
        if (accepted.get() && !lines.contains(HANDED_OVER_ENTRY)) {
            throw new AssertionError("""
                    record("%s") had found the log open, and the test held it just as it handed its entry over; \
                    meanwhile close() was called on another thread, and it %s. Then record() went on and \
                    returned, so it accepted the entry, and the entry is not in the file (it holds %s).
                    Why: close() came in between record()'s check that the log is open and its add, and put the \
                    end marker in first; the entry went in behind it, where nobody writes it. The check and the \
                    add in record() must be one step with close()'s change: both methods under one and the same \
                    lock, which record() holds from before its check until after its add.""".formatted(
                    HANDED_OVER_ENTRY, whatCloseDid, lines));
        }
    }

    @Test
    @DisplayName("record() stopped at each of its points while close() runs whole: an entry record() accepted is written")
    void closeWhileRecordIsStoppedAnywhere() throws Exception {
        if (!written.get(FIRST).equals(entriesOf(FIRST)) || !stepOutcome("first.record() after close()").startsWith("threw")) {
            return; // the tests above say what is wrong
        }
        try (var preemption = Preemption.instrument()) {
            preemption.atEveryPoint(200, point -> {
                Set<Thread> threadsBefore = Set.copyOf(Thread.getAllStackTraces().keySet());
                var file = folder.resolve("record-stopped-at-" + point);
                var log = new AuditLog(file);
                var accepted = new AtomicBoolean();
                var recorder = preemption.start("recorder", point, () -> accepted.set(recordOrRefuse(log, STOPPED_ENTRY)));
                boolean stopped = recorder.awaitStopped(DEADLINE);
                var closer = BlockingCall.run("closer", log::close);
                closer.awaitSettled(DEADLINE);
                String whatCloseDid = closer.isDone() ? "returned" : "waited";
                recorder.resume();
                recorder.call().awaitResult(DEADLINE, QUIET, "record() was let go at its preemption point, but did not return.");
                closer.awaitResult(DEADLINE, QUIET, "record() has returned, so close() has nothing left to wait for.");
                assertTheLogsThreadsEnd(threadsBefore);
                var lines = Files.exists(file) ? Files.readAllLines(file) : List.<String>of();
                if (accepted.get() && !lines.contains(STOPPED_ENTRY)) {
                    throw new AssertionError("""
                            record("%s") was held at its preemption point %d (a lock, semaphore, queue or executor \
                            call, or a synchronized block, entered or left) while close() was called on another \
                            thread, and close() %s. Then record() went on and returned, so it accepted the entry, \
                            and the entry is not in the file (it holds %s).
                            Why: record() was held after its check that the log is open and before it handed its \
                            entry over, and close() ended the log in that gap; the entry went in behind the end, \
                            where nobody writes it. The check and the add in record() must be one step with \
                            close()'s change: both methods under one and the same lock, which record() holds, in \
                            one hold, from before its check until after its add.""".formatted(
                            STOPPED_ENTRY, point, whatCloseDid, lines));
                }
                return stopped;
            });
        }
    }

    @Test
    @DisplayName("close() stopped at each of its points while record() hands its entry over: an entry record() accepted is written")
    void recordWhileCloseIsStoppedAnywhere() throws Exception {
        if (!written.get(FIRST).equals(entriesOf(FIRST)) || !stepOutcome("first.record() after close()").startsWith("threw")) {
            return; // the tests above say what is wrong
        }
        try (var preemption = Preemption.instrument()) {
            preemption.atEveryPoint(200, point -> {
                Set<Thread> threadsBefore = Set.copyOf(Thread.getAllStackTraces().keySet());
                var file = folder.resolve("close-stopped-at-" + point);
                var log = new AuditLog(file);
                var calls = PausedCalls.in(log);
                var inRecord = calls.before();
                var inClose = calls.after();
                var closer = preemption.start("closer", point, () -> {
                    inClose.armThisThread();
                    log.close();
                });
                // A point past close()'s hand-over of its end comes after that pause: close() gets no pause then.
                ThreadWatch.pollUntil(DEADLINE, () -> inClose.reached() || closer.call().isDone()
                        || ThreadWatch.isWaitingIn(closer.call().thread(), PreemptionPoints.class));
                if (inClose.reached()) {
                    inClose.release();
                }
                boolean stopped = closer.awaitStopped(DEADLINE);
                var accepted = new AtomicBoolean();
                var recorder = BlockingCall.run("recorder", () -> {
                    inRecord.armThisThread();
                    accepted.set(recordOrRefuse(log, STOPPED_ENTRY));
                });
                recorder.awaitSettled(DEADLINE);
                boolean recordHeld = inRecord.reached();
                closer.resume();
                closer.call().awaitSettled(DEADLINE);
                String whatCloseDid = closer.call().isDone() ? "returned"
                        : inClose.reached() ? "handed over its end of the log and was held there"
                        : "waited";
                if (recordHeld) {
                    // record() holds what it took before its add: let it finish before close() goes on.
                    inRecord.release();
                    recorder.awaitResult(DEADLINE, QUIET, "record() was let go at its hand-over, but did not return.");
                }
                inRecord.release();
                inClose.release();
                recorder.awaitResult(DEADLINE, QUIET, "close() was let go, so record() has nothing left to wait for.");
                closer.call().awaitResult(DEADLINE, QUIET, "record() has returned, so close() has nothing left to wait for.");
                assertTheLogsThreadsEnd(threadsBefore);
                var lines = Files.exists(file) ? Files.readAllLines(file) : List.<String>of();
                if (accepted.get() && !lines.contains(STOPPED_ENTRY)) {
                    throw new AssertionError("""
                            close() was held at its preemption point %d (a lock, semaphore, queue or executor call, \
                            or a synchronized block, entered or left) while record("%s") was called on another \
                            thread; record() %s. Then close() went on, and it %s. Then record() returned, so it \
                            accepted the entry, and the entry is not in the file (it holds %s).
                            Why: record() found the log still open, and close() ended it while record() was between \
                            that check and its add, so the entry went in behind the end, where nobody writes it. \
                            close() must check and change the log in one hold of the lock record() holds, not let \
                            go of it first and change the log after: a record() that takes the lock just then is \
                            not waited for. And record() must wait for that lock while close() has it, not go on \
                            without it.""".formatted(point, STOPPED_ENTRY,
                            recordHeld ? "found the log open and was held just as it handed its entry over"
                                    : "waited", whatCloseDid, lines));
                }
                return stopped;
            });
        }
    }

    /** record(entry): true when it accepted the entry, false when it refused it, as TASK.md allows after close(). */
    private static boolean recordOrRefuse(AuditLog log, String entry) {
        try {
            log.record(entry);
            return true;
        } catch (IllegalStateException | RejectedExecutionException refused) {
            return false;
        }
    }

    /** Fails unless the log's threads started since {@code before} end once record() and close() have returned. */
    private static void assertTheLogsThreadsEnd(Set<Thread> before) throws InterruptedException {
        var stillRunning = awaitThreadsStartedSince(before, Duration.ofSeconds(2));
        if (!stillRunning.isEmpty()) {
            throw new AssertionError("""
                    After record() and close() had returned, the log's thread(s) %s had not ended: \
                    still running 2 s later, or waiting, unwoken, for entries that will not come.
                    Why: once close() has been called, the writer writes what it has and ends.""".formatted(stillRunning));
        }
    }

    @Test
    @DisplayName("record() and close() that find the log's lock taken wait for it, and the entry is written")
    void callsThatMeetATakenLockWaitForIt() throws Exception {
        Set<Thread> threadsBefore = Set.copyOf(Thread.getAllStackTraces().keySet());
        var file = folder.resolve("held");
        var log = new AuditLog(file);
        meetTheTakenLock(log, "record(\"" + HELD_ENTRY + "\")", () -> log.record(HELD_ENTRY));
        meetTheTakenLock(log, "close()", log::close);
        var stillRunning = awaitThreadsStartedSince(threadsBefore, Duration.ofSeconds(2));
        if (!stillRunning.isEmpty()) {
            throw new AssertionError("""
                    After record() and close() had returned, the log's thread(s) %s had not ended: \
                    still running 2 s later, or waiting, unwoken, for entries that will not come.
                    Why: once close() has been called, the writer writes what it has and ends.""".formatted(stillRunning));
        }
        var lines = Files.exists(file) ? Files.readAllLines(file) : List.<String>of();
        if (!lines.equals(List.of(HELD_ENTRY))) {
            throw new AssertionError("""
                    record("%s") and then close(), each called while another thread held the log's lock for a \
                    moment: the file then held %s.
                    Why: each call waited for the lock and then did its work, so the one entry recorded must be \
                    in the file, alone.""".formatted(HELD_ENTRY, lines));
        }
    }

    /** Calls {@code what} while another thread holds every lock of {@code log}; fails if it threw. */
    private static void meetTheTakenLock(AuditLog log, String what, BlockingCall.Action call) throws InterruptedException {
        BlockingCall<Void> caller;
        try (var held = HeldLocks.of(log, Duration.ofMillis(200))) {
            caller = BlockingCall.run("caller", call);
            ThreadWatch.pollUntil(Duration.ofSeconds(2), () -> caller.isDone() || isParked(caller.thread()));
            if (caller.isDone()) {
                assertDidNotFail(caller, what);
            }
        }
        caller.awaitResult(Duration.ofSeconds(2), Duration.ofMillis(500), "the log's lock was let go, but " + what + " did not go on.");
    }

    private static void assertDidNotFail(BlockingCall<?> call, String what) {
        try {
            call.result();
        } catch (AssertionError threw) {
            throw new AssertionError("""
                    %s, called while another thread held the log's lock: %s
                    Why: a lock that is taken must be waited for. tryLock() returns false at once when another \
                    thread holds the lock, and a caller that ignores that result goes on without it: its check \
                    and its change are no longer one step with close(), and unlock() then throws \
                    IllegalMonitorStateException. Use lock().""".formatted(
                    what, threw.getMessage().lines().findFirst().orElse("it threw")), threw);
        }
    }

    private static boolean isParked(Thread thread) {
        var state = thread.getState();
        return state == Thread.State.BLOCKED || state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING;
    }

    /** Waits for the threads that are not daemons and were started since {@code before}; returns those still alive. */
    private static List<String> awaitThreadsStartedSince(Set<Thread> before, Duration deadline) throws InterruptedException {
        var started = Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> !before.contains(thread) && !thread.isDaemon())
                .toList();
        // A writer told to end has its last entries in hand and never waits without a timeout again; one
        // that waits so, unwoken, for 300 ms waits for entries that will not come.
        ThreadWatch.pollUntil(deadline, () -> started.stream().filter(Thread::isAlive).allMatch(thread ->
                thread.getState() == Thread.State.WAITING && ThreadWatch.staysParked(thread, Duration.ofMillis(300))));
        return started.stream().filter(Thread::isAlive).map(thread -> "\"" + thread.getName() + "\"").toList();
    }

    /**
     * A fresh log, and one record() and one close() on two threads that meet first, then act.
     */
    private static final class RacedLog {
        private static final String ENTRY = "the raced entry";
        private static final long MOST_CLOSE_DELAY_NANOS = 4_000;

        private final Path file;
        private final AuditLog log;
        private final AtomicInteger arrived = new AtomicInteger();
        private volatile boolean accepted;

        RacedLog(Path file) {
            this.file = file;
            this.log = new AuditLog(file);
        }

        /** Thread 0 records, thread 1 closes a moment later: a random few microseconds, so that close() lands anywhere in record(). */
        void recordOrClose(int index) {
            arrived.incrementAndGet();
            while (arrived.get() < 2) {
                Thread.onSpinWait();
            }
            if (index == 0) {
                try {
                    log.record(ENTRY);
                    accepted = true;
                } catch (IllegalStateException | RejectedExecutionException refused) {
                    // close() came first: refusing is right
                }
            } else {
                long closeAt = System.nanoTime() + ThreadLocalRandom.current().nextLong(MOST_CLOSE_DELAY_NANOS);
                while (System.nanoTime() < closeAt) {
                    Thread.onSpinWait();
                }
                log.close();
            }
        }

        void assertAnAcceptedEntryWasWritten(int races) throws Exception {
            assertCloseFromAnotherThreadReturns();
            var lines = Files.exists(file) ? Files.readAllLines(file) : List.<String>of();
            if (accepted && !lines.contains(ENTRY)) {
                throw new AssertionError("""
                        record("%s") on one thread and close() on another, at the same moment (%d fresh logs, \
                        each raced once): on one of them record() returned, so it accepted the entry, and the \
                        entry is not in the file.
                        Why: record() found the log open, and close() then put the end marker in before record() \
                        added its entry, behind the marker, where nobody writes. The check and the add in record() \
                        must be one step with close()'s change: both methods under one and the same lock (a \
                        volatile or atomic flag alone leaves the gap between the check and the add).""".formatted(
                        ENTRY, races));
            }
        }

        /** Once record() and close() have returned, a close() on yet another thread must return at once, not wait for a lock. */
        private void assertCloseFromAnotherThreadReturns() throws Exception {
            var closing = new FutureTask<Void>(log::close, null);
            var closer = Thread.ofPlatform().daemon().name("closes again").start(closing);
            try {
                closing.get(1, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                throw new AssertionError("""
                        After record() and close() had returned on two threads, close() called once more, on a third \
                        thread, was still waiting 1 s later (it is %s).
                        Why: a lock taken in record() or close() was never given back: the thread that took it \
                        left without unlocking (an exception thrown between lock() and an unlock() that is not in a \
                        finally), so nobody else can ever take it. Unlock in finally.""".formatted(closer.getState()));
            }
        }
    }

    private static void assertInterruptHandled(String log, String closeStep, String situation) {
        var closed = stepOutcome(closeStep);
        if (!closed.equals("returned")) {
            throw new AssertionError("""
                    %s; close() %s.
                    Why: close() does not declare InterruptedException, and its work must still be done: an \
                    interrupt must neither escape from it nor stop it. If close() waits (join(), await()), catch \
                    InterruptedException, go on waiting, and set the flag again before returning \
                    (Thread.currentThread().interrupt()).
                    %s""".formatted(situation, closed, ExitWatchdog.programOutput(run)));
        }
        if (deferredToTheFirstLog(log, situation)) {
            return;
        }
        assertComplete(log, situation);
        var kept = run.stdout().lines().filter(l -> l.startsWith(INTERRUPT_KEPT + closeStep)).findFirst();
        if (kept.isPresent() && kept.get().endsWith("false")) {
            throw new AssertionError("""
                    %s; after close() the thread's interrupt flag was no longer set.
                    Why: catching InterruptedException clears the flag. A method that does not throw it must set \
                    it again (Thread.currentThread().interrupt()) so that its caller still learns that it was \
                    asked to stop.""".formatted(situation));
        }
    }

    /**
     * Fails with a short message when {@code log} lost entries and so did the log "first", made and
     * closed the plain way: the cause is then the one the test of that log names.
     */
    private static boolean deferredToTheFirstLog(String log, String situation) {
        if (written.get(log).equals(entriesOf(log)) || written.get(FIRST).equals(entriesOf(FIRST))) {
            return false;
        }
        throw new AssertionError("""
                %s; its file then held %d of its %d entries. So did the file of the log "first", made on main \
                and closed without any interrupt: the cause is the one the test "every entry recorded before \
                close() is in the file" names. Fix that first.""".formatted(situation, written.get(log).size(), entriesRecordedIn(log)));
    }

    /** Fails, naming the likeliest cause, unless {@code log}'s file holds its entries once each, in order. */
    private static void assertComplete(String log, String situation) {
        var expected = entriesOf(log);
        var own = written.get(log).stream().filter(line -> line.startsWith(log + " ")).toList();
        if (own.equals(expected)) {
            return;
        }
        var missing = new HashSet<>(expected);
        missing.removeAll(own);
        throw new AssertionError("""
                %s; its file then held %d of its %d entries%s.
                %s
                %s""".formatted(situation, new HashSet<>(own).size(), expected.size(),
                missing.isEmpty() ? ", but not once each and in order" : "",
                whyEntriesAreMissing(log, missing), ExitWatchdog.programOutput(run)));
    }

    private static String whyEntriesAreMissing(String log, Set<String> missing) {
        if (!run.exitedByItself() || run.exitCode() != 0) {
            return "Why: the program did not end by itself (see the test about that); the file is what had been "
                    + "written when it was stopped.";
        }
        var elsewhere = written.entrySet().stream()
                .filter(file -> !file.getKey().equals(log) && file.getValue().stream().anyMatch(missing::contains))
                .map(Map.Entry::getKey).findFirst();
        if (elsewhere.isPresent()) {
            return "Why: some of them are in the file of the log \"" + elsewhere.get() + "\": the logs share a queue "
                    + "or a writer (a static field?), so each writer takes the other's entries.";
        }
        Optional<String> daemon = run.stdout().lines().filter(l -> l.startsWith(LOG_THREAD) && l.endsWith("daemon=true"))
                .findFirst();
        if (daemon.isPresent()) {
            return "Why: " + (log.equals(SECOND) ? """
                    the log "second" was made on a daemon thread, and a new thread takes the daemon flag of the \
                    thread that creates it: a writer the JVM must wait for says so itself, setDaemon(false) before \
                    start(); and """ : "") + """
                    when main returned, a thread the logs had started was still running, and it was a daemon \
                    (%s). The JVM waits only for threads that are not daemons: it drops a daemon wherever it is, \
                    with entries still in its queue and in its buffer, and runs no finally, so the \
                    try-with-resources never writes the buffer out. Work that must be finished must not belong \
                    to a daemon: make the writer a thread the JVM waits for, which ends once it has written the \
                    last entry; or make close() wait until the writer is done (all of it: a wait with a time limit \
                    gives up with entries still queued).""".formatted(daemon.get().substring(LOG_THREAD.length()));
        }
        return """
                Why: no daemon was left at work when main returned, so the JVM did not drop the writer: it ended \
                (or was stopped) before it had written them. Interrupting the writer, an end marker that never \
                reached the queue or overtook the entries, or a take() interrupted in the writer, each leave \
                entries unwritten.""";
    }

    private static String stepOutcome(String step) {
        return run.stdout().lines().filter(l -> l.startsWith(STEP + step + ": ")).findFirst()
                .map(l -> l.substring((STEP + step + ": ").length()))
                .orElse("never finished (the program stopped before it)");
    }
}
