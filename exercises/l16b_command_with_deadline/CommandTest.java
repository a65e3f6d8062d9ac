package l16b_command_with_deadline;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import workbook.testkit.BlockingCall;
import workbook.testkit.ChildJvm;
import workbook.testkit.ThreadWatch;

@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CommandTest {

    /** Options that make a small child JVM start in a few tens of milliseconds. */
    private static final List<String> QUICK_START = List.of("-Xshare:auto", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");
    /** How long after its limit run() may take to kill the late process and return. */
    private static final Duration GRACE = Duration.ofMillis(1500);
    /**
     * How long run() may take to kill a command and the process it started, once interrupted. The
     * JDK learns that a process which is not its own child has ended by looking every 300 ms or so,
     * and an orphan is cleared away only when the system gets round to it.
     */
    private static final Duration TREE_GRACE = Duration.ofSeconds(4);
    /**
     * How long after its limit, or after the interrupt, a command may still run. Killing one takes
     * milliseconds; a command that still runs this much later was not killed, and waiting longer
     * would only make the verdict slow.
     */
    private static final Duration KILL_NOTICE = Duration.ofMillis(500);
    /** How long a call may stay blocked entering a monitor: run() holds none for longer than an instant. */
    private static final Duration LOCKED_OUT = Duration.ofMillis(300);
    private static final String WHY_KILL_AT_THE_LIMIT = """
            Why: when the limit is up, run() must kill the command, whatever else it is doing, so nothing \
            that waits without a limit may come first: reading stdout or stderr to its end on the calling \
            thread waits for as long as the command keeps it open (one that never ends, for ever), and \
            waitFor() without a timeout waits for as long as it runs. Read the streams on threads of their \
            own, wait with waitFor(limit), then kill the command and every process it started.""";

    /** The command the tests run: a small JVM that does what its arguments say. */
    static final class Child {
        public static void main(String[] args) throws Exception {
            switch (args[0]) {
                case "print" -> {
                    System.out.print(args[2]);
                    System.err.print(args[3]);
                    System.out.flush();
                    System.err.flush();
                    System.exit(Integer.parseInt(args[1]));
                }
                case "flood" -> {
                    int bytes = Integer.parseInt(args[1]);
                    String out = flood("out", bytes);
                    String err = flood("err", bytes);
                    var watch = new StallWatch(Path.of(args[3]));
                    for (int at = 0; at < bytes; at += 4096) {
                        watch.write(System.out, "stdout", out, at);
                        watch.write(System.err, "stderr", err, at);
                    }
                    System.exit(Integer.parseInt(args[2]));
                }
                case "ends-at" -> {
                    Thread.sleep(Math.max(0, Long.parseLong(args[1]) - System.currentTimeMillis()));
                    System.out.print("done");
                    System.out.flush();
                }
                case "hang" -> {
                    Runtime.getRuntime().addShutdownHook(new Thread(Child::takeAWhileToGo));
                    long grandchild = -1;
                    if (args.length > 2) {
                        var command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElseThrow(), "-cp",
                                System.getProperty("java.class.path")));
                        command.addAll(QUICK_START);
                        command.addAll(List.of(Child.class.getName(), "hang", "-"));
                        grandchild = new ProcessBuilder(command).inheritIO().start().pid();
                    }
                    if (!args[1].equals("-")) {
                        var file = Path.of(args[1]);
                        var partial = Files.writeString(file.resolveSibling(file.getFileName() + ".partial"),
                                ProcessHandle.current().pid() + " " + grandchild);
                        Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE);
                    }
                    System.out.println("running");
                    Thread.sleep(20_000);
                }
                default -> throw new IllegalArgumentException(args[0]);
            }
        }

        /** A process asked politely to stop (destroy()) takes a moment to go: only waiting for it makes sure it went. */
        private static void takeAWhileToGo() {
            try {
                Thread.sleep(300);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        /**
         * Writes, and reports in a file a write that has not returned for {@link #STALL}: the pipe
         * is full and nobody has read it for that long, so the command is stuck until somebody does.
         */
        private static final class StallWatch {
            /** A write that has not returned for this long waits for a reader that is not there. */
            static final Duration STALL = Duration.ofMillis(500);

            /** The stream being written and the offset of the write, or null between writes. */
            private volatile String writing;
            private volatile long writingSince;

            StallWatch(Path report) {
                Thread.ofPlatform().daemon().start(() -> {
                    try {
                        while (true) {
                            var now = writing;
                            if (now != null && System.nanoTime() - writingSince >= STALL.toNanos()) {
                                var partial = Files.writeString(report.resolveSibling(report.getFileName() + ".partial"), now);
                                Files.move(partial, report, StandardCopyOption.ATOMIC_MOVE);
                                return;
                            }
                            Thread.sleep(10);
                        }
                    } catch (IOException | InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                });
            }

            void write(PrintStream stream, String name, String text, int at) {
                writingSince = System.nanoTime();
                writing = name + " " + at;
                stream.print(text.substring(at, Math.min(text.length(), at + 4096)));
                stream.flush();
                writing = null;
            }
        }

        static String flood(String stream, int bytes) {
            var text = new StringBuilder(bytes + 40);
            for (int line = 0; text.length() < bytes; line++) {
                text.append(stream).append(" line ").append(line).append('\n');
            }
            return text.substring(0, bytes);
        }
    }

    /** The limit test's command ends this long after its run() was called; its limit is a little longer. */
    private static final Duration LIMIT_TEST_ENDS_AFTER = Duration.ofMillis(1_400);
    private static final Duration LIMIT_TEST_LIMIT = Duration.ofMillis(1_950);
    private static final Duration LIMIT_TEST_DEADLINE = Duration.ofSeconds(3);

    /**
     * The limit test's run(), started before every test: its command only sleeps until it ends, so
     * the other tests run meanwhile instead of waiting for it. Its processes are running before
     * the first test notes which processes are there, so no test counts them as its own.
     */
    private static BlockingCall<Object> limitTestCall;
    private static long limitTestStart;
    private static Set<Long> limitTestProcesses = Set.of();

    @BeforeAll
    static void startTheLimitTestsCommand() {
        var before = ProcessHandle.current().descendants().map(ProcessHandle::pid).collect(Collectors.toSet());
        limitTestStart = System.nanoTime();
        var endsAt = System.currentTimeMillis() + LIMIT_TEST_ENDS_AFTER.toMillis();
        limitTestCall = startRun(child("ends-at", String.valueOf(endsAt)), LIMIT_TEST_LIMIT);
        ThreadWatch.pollUntil(Duration.ofSeconds(2), () -> limitTestCall.isDone()
                || ProcessHandle.current().descendants().anyMatch(process -> !before.contains(process.pid())));
        limitTestProcesses = ProcessHandle.current().descendants().map(ProcessHandle::pid).filter(pid -> !before.contains(pid))
                .collect(Collectors.toSet());
    }

    @AfterAll
    static void endTheLimitTestsCommand() {
        limitTestCall.awaitDone(remaining(limitTestStart, LIMIT_TEST_DEADLINE));
        limitTestProcesses.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
    }

    @TempDir
    Path folder;

    private final Set<Long> descendantsBefore = ProcessHandle.current().descendants().map(ProcessHandle::pid)
            .collect(Collectors.toSet());
    private final List<Long> knownPids = new ArrayList<>();

    @AfterEach
    void killWhatIsLeft() {
        knownPids.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
        newDescendants().forEach(ProcessHandle::destroyForcibly);
    }

    @Test
    @DisplayName("run() returns the exit code and what the command wrote to stdout and to stderr")
    void exitCodeAndBothOutputs() throws InterruptedException {
        var outcome = runWithin(child("print", "3", "to stdout", "to stderr"), Duration.ofSeconds(5), Duration.ofSeconds(5));
        assertThat(outcome)
                .as("""
                        run(a command that prints "to stdout", "to stderr" and exits with 3, limit 5 s).
                        Why: the exit code is what waitFor() or exitValue() says once the process has ended; the \
                        texts are everything read from getInputStream() (its stdout) and getErrorStream().""")
                .isEqualTo(new Command.Output(3, "to stdout", "to stderr"));
    }

    @Test
    @DisplayName("a command that writes 300 kB to each stream is read in full, without getting stuck")
    void bigOutputOnBothStreams() throws InterruptedException, IOException {
        int bytes = 300_000;
        var stallReport = folder.resolve("stalled");
        var call = startRun(child("flood", String.valueOf(bytes), "0", stallReport.toString()), Duration.ofSeconds(4));
        ThreadWatch.pollUntil(Duration.ofSeconds(5), () -> call.isDone() || Files.exists(stallReport));
        String why = """
                run(a command that writes 300 kB to stdout and 300 kB to stderr, 4 kB to each in turn, then exits).
                Why: a pipe holds a few kilobytes. A child that fills one stops until somebody reads it, and it \
                never ends, so waitFor() before reading waits for ever (or until the limit), and reading one \
                stream to its end before the other waits for ever too. Read both while the process runs, \
                each on a thread of its own (or redirect them to files).""";
        if (!call.isDone() && Files.exists(stallReport)) {
            var stalled = Files.readString(stallReport).split(" ");
            throw new AssertionError("""
                    %s
                    The command has written %s bytes to its %s, and has waited %d ms to write more: nobody \
                    read its %s meanwhile, and run() has not returned.
                    %s""".formatted(why, stalled[1], stalled[0], Child.StallWatch.STALL.toMillis(), stalled[0], call.describe()));
        }
        var outcome = call.awaitResult(Duration.ofMillis(1), "run(..., limit 4000 ms) must end within 5000 ms");
        assertThat(outcome).as(why + "%nWhat run() did", outcome).isInstanceOf(Command.Output.class);
        var output = (Command.Output) outcome;
        assertThat(output.exitCode()).as(why + "%nThe exit code").isZero();
        assertSameText(output.stdout(), Child.flood("out", bytes), "stdout", why);
        assertSameText(output.stderr(), Child.flood("err", bytes), "stderr", why);
    }

    @Test
    @Order(Integer.MAX_VALUE) // last: its command, started before every test, has then had most of its 1.4 s
    @DisplayName("a limit is kept to the millisecond: a command that ends 1.4 s after the call is not late with a limit of 1.95 s")
    void limitKeptToTheMillisecond() throws InterruptedException {
        var outcome = limitTestCall.awaitResult(remaining(limitTestStart, LIMIT_TEST_DEADLINE),
                "run(..., limit 1950 ms) must end within 3000 ms");
        assertThat(outcome)
                .as("""
                        run(a command that prints "done" and ends 1.4 s after run() was called, limit 1.95 s).
                        Why: wait the whole limit, in a unit that keeps it: limit.toSeconds() of 1.95 s is 1, \
                        and waitFor(1, SECONDS) gives up after one second. waitFor(limit.toNanos(), NANOSECONDS) \
                        keeps every bit of it.""")
                .isEqualTo(new Command.Output(0, "done", ""));
    }

    @Test
    @DisplayName("a late command is killed, and has ended, before run() throws TimeoutException")
    void lateCommandKilled() throws InterruptedException {
        var limit = Duration.ofMillis(500);
        long start = System.nanoTime();
        var call = startRun(child("hang", "-"), limit);
        assertKilledSoonAfter(call, start + limit.toNanos(), "the limit", this::runningCommands,
                "run(a command that never ends by itself, limit 500 ms)", WHY_KILL_AT_THE_LIMIT);
        var outcome = call.awaitResult(remaining(start, limit.plus(GRACE)), "run(..., limit 500 ms) must end within 2000 ms");
        var elapsed = Duration.ofNanos(System.nanoTime() - start);
        var stillRunning = newDescendants();
        assertThat(outcome)
                .as("""
                        run(a command that never ends by itself, limit 500 ms).
                        Why: when the process has not ended by the limit, run() kills it and throws \
                        TimeoutException; waitFor() without a timeout waits for ever.""")
                .isInstanceOf(TimeoutException.class);
        assertThat(elapsed).as("how long run() took, with a limit of 500 ms").isLessThan(limit.plus(GRACE));
        assertThat(stillRunning)
                .as("""
                        Processes of the command still running just after run() threw TimeoutException.
                        Why: a late command must be killed, and have ended, before run() returns: \
                        destroyForcibly() it and wait for it (destroy() only asks; a process may take its time \
                        to go, or refuse).""")
                .isEmpty();
    }

    @Test
    @DisplayName("a zero limit means do not wait: the command is late at once and killed")
    void zeroLimit() throws InterruptedException {
        long start = System.nanoTime();
        var call = startRun(child("hang", "-"), Duration.ZERO);
        assertKilledSoonAfter(call, start, "the call", this::runningCommands, "run(a command that never ends by itself, limit 0)",
                WHY_KILL_AT_THE_LIMIT);
        var outcome = call.awaitResult(remaining(start, GRACE.plus(GRACE)), "run(..., limit 0) must end within 3000 ms");
        assertThat(outcome)
                .as("""
                        run(a command that never ends by itself, limit 0).
                        Why: no time is given, so the process is late as soon as it has started; a zero \
                        limit does not mean "no limit" (as join(0) does).""")
                .isInstanceOf(TimeoutException.class);
        assertThat(newDescendants()).as("processes of the command still running after run() threw").isEmpty();
    }

    @Test
    @DisplayName("interrupted while it waits, run() kills the command and what it started, and throws InterruptedException")
    void interruptedWhileWaiting() throws InterruptedException {
        var pidFile = folder.resolve("pids");
        var command = child("hang", pidFile.toString(), "with-a-child");
        var call = BlockingCall.call("caller of run", () -> Command.run(command, Duration.ofSeconds(20)));
        boolean running = ThreadWatch.pollUntil(Duration.ofSeconds(5), () -> Files.exists(pidFile));
        assertThat(running).as("the command had started its own child within 5 s (%s)", call.describe()).isTrue();
        var whyNotWait = """
                run(a quick command) on another thread, while a first run() waits for a command that \
                never ends.
                Why: two calls share nothing, so neither may wait for the other: a synchronized run() \
                (one lock for the whole class) makes every caller wait until the one before is done.""";
        var meanwhile = startRun(child("print", "0", "meanwhile", ""), Duration.ofSeconds(5));
        ThreadWatch.pollUntil(Duration.ofSeconds(3), () -> meanwhile.isDone()
                || meanwhile.thread().getState() == Thread.State.BLOCKED && ThreadWatch.staysParked(meanwhile.thread(), LOCKED_OUT));
        if (!meanwhile.isDone() && meanwhile.thread().getState() == Thread.State.BLOCKED) {
            throw new AssertionError("""
                    %s
                    The second call has waited %d ms to enter a monitor the first one holds.
                    %s""".formatted(whyNotWait, LOCKED_OUT.toMillis(), meanwhile.describe()));
        }
        assertThat(meanwhile.awaitResult(Duration.ofMillis(1), "run(a quick command, limit 5 s) must end within 3 s"))
                .as(whyNotWait)
                .isEqualTo(new Command.Output(0, "meanwhile", ""));
        call.interrupt();
        assertKilledSoonAfter(call, System.nanoTime(), "the interrupt", () -> stillRunning(pidFile),
                "run(a command that never ends by itself, limit 20 s), its calling thread interrupted", """
                Why: nobody is waiting for the command any more, so nobody ever would stop it: kill it and \
                every process it started as soon as the wait is interrupted, whatever else run() is doing.""");
        call.assertThrowsInterruptedException(TREE_GRACE, """
                run() while the calling thread is interrupted as it waits for the command.
                Why: waitFor() throws InterruptedException; let it out (after killing the process), do not \
                swallow it or wait again.""");
        assertThat(stillRunning(pidFile))
                .as("""
                        Processes still running just after run() threw InterruptedException, out of the command and \
                        the process it started.
                        Why: nobody is waiting for the command any more, so nobody ever would stop it: kill it and \
                        every process it started in a finally block, and wait until they have ended. List them \
                        with process.descendants() BEFORE killing the command: once it is dead they are orphans, \
                        nobody's descendants any more.""")
                .isEmpty();
    }

    @Test
    @DisplayName("interrupted before the call, run() throws InterruptedException and leaves nothing running")
    void interruptedBeforeTheCall() throws InterruptedException {
        var command = child("hang", "-");
        long start = System.nanoTime();
        var call = BlockingCall.callInterrupted("interrupted caller of run", () -> Command.run(command, Duration.ofSeconds(20)));
        assertKilledSoonAfter(call, start, "the call", this::runningCommands,
                "run(a command that never ends by itself, limit 20 s) on a thread already interrupted", """
                Why: the interrupt asks run() not to wait at all: if it started the command, it must kill it \
                at once, whatever else it is doing.""");
        call.assertThrowsInterruptedException(GRACE.plus(GRACE), """
                run() called on a thread that was already interrupted.
                Why: the interrupt asks the thread to stop waiting: waitFor() throws at once, and run() must \
                let that out.""");
        assertThat(newDescendants())
                .as("""
                        Processes of the command still running after run() threw InterruptedException.
                        Why: if the process was started, it must be killed, and waited for, before run() throws.""")
                .isEmpty();
    }

    private static List<String> child(String... args) {
        return ChildJvm.command(QUICK_START, Child.class, args);
    }

    /** What run() returned, or the exception it threw, within {@code deadline}. */
    private static Object runWithin(List<String> command, Duration limit, Duration deadline) throws InterruptedException {
        return startRun(command, limit)
                .awaitResult(deadline, "run(..., limit " + limit.toMillis() + " ms) must end within " + deadline.toMillis() + " ms");
    }

    /** run() on a thread of its own; the call's result is what run() returned, or the TimeoutException it threw. */
    private static BlockingCall<Object> startRun(List<String> command, Duration limit) {
        return BlockingCall.call("caller of run", () -> {
            try {
                return withoutJvmNotices(Command.run(command, limit));
            } catch (TimeoutException late) {
                return late;
            }
        });
    }

    /**
     * Fails as soon as a call that must kill its command at {@code killAt} (a System.nanoTime(): its
     * limit, or at once when interrupted) is, {@link #KILL_NOTICE} later, still inside while
     * {@code running} still names processes of the command: waiting out the test's whole deadline
     * would only make the verdict slow. Returns at once when the call ends before then.
     */
    private static void assertKilledSoonAfter(BlockingCall<?> call, long killAt, String killMoment, Supplier<List<String>> running,
            String what, String why) {
        long noticeAt = killAt + KILL_NOTICE.toNanos();
        ThreadWatch.pollUntil(Duration.ofNanos(Math.max(0, noticeAt - System.nanoTime())), call::isDone);
        if (call.isDone()) {
            return;
        }
        var stillRunning = running.get();
        if (!stillRunning.isEmpty()) {
            throw new AssertionError("""
                    %s: %d ms after %s, run() has not returned, and has not killed the command: still running: %s.
                    %s
                    %s""".formatted(what, KILL_NOTICE.toMillis(), killMoment, String.join(", ", stillRunning), why,
                    call.describe()));
        }
    }

    /** What is left of {@code budget}, begun at {@code start} (a System.nanoTime()); zero once it is spent. */
    private static Duration remaining(long start, Duration budget) {
        return Duration.ofNanos(Math.max(0, start + budget.toNanos() - System.nanoTime()));
    }

    /**
     * The output with the lines a JVM writes to stderr before main() when JAVA_TOOL_OPTIONS or the
     * like are set ("Picked up JAVA_TOOL_OPTIONS: ..."), which the child inherits from this JVM.
     */
    private static Object withoutJvmNotices(Command.Output output) {
        if (output == null || output.stderr() == null) {
            return output;
        }
        return new Command.Output(output.exitCode(), output.stdout(),
                output.stderr().replaceAll("(?m)^(NOTE: )?Picked up [A-Z_]+: .*\\R", ""));
    }

    private List<String> stillRunning(Path pidFile) {
        var running = new ArrayList<String>();
        long itsChild = -1;
        if (Files.exists(pidFile)) {
            try {
                var pids = Files.readString(pidFile).trim().split(" ");
                long command = Long.parseLong(pids[0]);
                itsChild = Long.parseLong(pids[1]);
                knownPids.addAll(List.of(command, itsChild));
            } catch (IOException e) {
                throw new AssertionError("could not read " + pidFile, e);
            }
        }
        long grandchild = itsChild;
        newDescendants().stream().filter(process -> process.pid() != grandchild)
                .forEach(process -> running.add("the command (pid " + process.pid() + ")"));
        if (ProcessHandle.of(grandchild).filter(CommandTest::isRunning).isPresent()) {
            running.add("the process the command started (pid " + grandchild + ")");
        }
        return running;
    }

    private List<String> runningCommands() {
        return newDescendants().stream().map(process -> "the command (pid " + process.pid() + ")").toList();
    }

    private List<ProcessHandle> newDescendants() {
        return ProcessHandle.current().descendants()
                .filter(process -> !descendantsBefore.contains(process.pid()) && isRunning(process))
                .toList();
    }

    /**
     * Alive and not only waiting to be cleared away: a killed process whose parent has not yet
     * collected its exit status still counts as alive, but it has ended, and its command line is gone.
     */
    private static boolean isRunning(ProcessHandle process) {
        return process.isAlive() && process.info().command().isPresent();
    }

    private static void assertSameText(String actual, String expected, String stream, String why) {
        int differsAt = 0;
        while (differsAt < Math.min(actual.length(), expected.length()) && actual.charAt(differsAt) == expected.charAt(differsAt)) {
            differsAt++;
        }
        assertThat(actual.length() == expected.length() && differsAt == actual.length())
                .as("%s%n%s: %d characters read of %d written, the same up to character %d",
                        why, stream, actual.length(), expected.length(), differsAt)
                .isTrue();
    }
}
