package workbook.demos;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import workbook.testkit.ChildJvm;

/**
 * Lesson 07 — daemon threads: which threads keep the JVM alive, and what a daemon loses at exit.
 *
 * <p>The JVM ends when its last thread that is not a daemon ends. A daemon thread does not count:
 * once only daemons are left, the JVM exits and drops them wherever they are, in the middle of a
 * loop or of a write, without running their {@code finally} blocks. Whether a program ends is
 * decided after {@code main} returns, so the first demos run small programs (the nested classes
 * below, each with a {@code main}) in a child JVM and watch from outside:
 * <ul>
 *   <li>{@link #heartbeat(boolean)}: a heartbeat thread, daemon or not, and a {@code main} that
 *       returns after 500 ms. The daemon dies with {@code main}; the other keeps the JVM running
 *       until this demo kills it at a deadline;</li>
 *   <li>{@link #writeReport(boolean)}: a thread writes five lines to a file, slowly, and {@code main}
 *       returns halfway. As a daemon it loses every line and its {@code finally} never runs;</li>
 *   <li>{@link #exitWhileWriting()}: the same writer, not a daemon, and a {@code main} that calls
 *       {@code System.exit(0)} halfway: the JVM runs its shutdown hooks and halts without waiting
 *       for the writer, which loses every line too.</li>
 * </ul>
 * The rest runs in this JVM: {@link #setDaemonAfterStart()}, {@link #builderMakesADaemon()},
 * {@link #newThreadCreatedBy(boolean)}
 * (the flag is inherited), {@link #poolThreadIsDaemon(String, ExecutorService)} and
 * {@link #virtualThreadRefusesToBeNonDaemon()}.
 *
 * <p>Run it with {@code ./workbook demo 07}, or in JShell: {@code /open lessons/07-daemon-threads.jsh}.
 * Its output on a 2-core Linux machine with Temurin 25.0.3, busy with other builds (the System.exit
 * part from a later run than the rest; times in the
 * child's lines are since its {@code main} started; six heartbeats cut out):
 * <pre>
 * A heartbeat thread with daemon=true; main returns after 500 ms:
 *      285 ms  heartbeat 1
 *      506 ms  heartbeat 2
 *      684 ms  main returns
 *   The JVM ended by itself, 902 ms after it was started:
 *   once main returned, only daemons were left.
 *
 * A heartbeat thread with daemon=false; main returns after 500 ms:
 *       40 ms  heartbeat 1
 *      284 ms  heartbeat 2
 *      484 ms  heartbeat 3
 *      530 ms  main returns
 *      685 ms  heartbeat 4
 *      ...
 *     2091 ms  heartbeat 11
 *   The JVM was still running at the 2.5 s deadline and was killed:
 *   main had returned, but the heartbeat, not a daemon, kept it alive.
 *
 * A report-writer thread with daemon=true writes 5 lines, 100 ms apart; main returns after 250 ms:
 *       12 ms  writer: line 1 is in the buffer
 *      138 ms  writer: line 2 is in the buffer
 *      238 ms  writer: line 3 is in the buffer
 *      256 ms  main returns
 *   The file holds 0 of 5 lines, and the writer's finally never ran.
 *
 * A report-writer thread with daemon=false writes 5 lines, 100 ms apart; main returns after 250 ms:
 *       16 ms  writer: line 1 is in the buffer
 *      193 ms  writer: line 2 is in the buffer
 *      259 ms  main returns
 *      294 ms  writer: line 3 is in the buffer
 *      397 ms  writer: line 4 is in the buffer
 *      499 ms  writer: line 5 is in the buffer
 *      600 ms  writer: finally: the file is closed, its buffer written out
 *   The file holds 5 of 5 lines.
 *
 * A report-writer thread with daemon=false writes 5 lines, 100 ms apart; main calls System.exit(0) after 250 ms:
 *       31 ms  writer: line 1 is in the buffer
 *      204 ms  writer: line 2 is in the buffer
 *      275 ms  main calls System.exit(0)
 *      305 ms  writer: line 3 is in the buffer
 *      410 ms  writer: line 4 is in the buffer
 *      419 ms  shutdown hook runs
 *   The file holds 0 of 5 lines, and the writer's finally never ran.
 *
 * setDaemon(true) on a thread that is already running threw java.lang.IllegalThreadStateException;
 *   the thread is still daemon=false.
 * Thread.ofPlatform().daemon() made "made-by-a-builder" with daemon=true, in state NEW.
 * new Thread(...) called on a thread with daemon=false makes a thread with daemon=false
 * new Thread(...) called on a thread with daemon=true makes a thread with daemon=true
 * A task's thread in Executors.newFixedThreadPool(1):               daemon=false
 * A task's thread in ForkJoinPool.commonPool():                     daemon=true
 * A task's thread in Executors.newVirtualThreadPerTaskExecutor():   daemon=true
 * A virtual thread refused setDaemon(false): java.lang.IllegalArgumentException: 'false' not legal for virtual threads
 * </pre>
 */
public final class DaemonThreadsDemo {

    /** Long enough for a child JVM that ends by itself to start and end, even on a busy machine. */
    private static final Duration CHILD_DEADLINE = Duration.ofMillis(2_500);

    private DaemonThreadsDemo() {}

    public static void main(String[] args) throws Exception {
        heartbeat(true);
        heartbeat(false);
        writeReport(true);
        writeReport(false);
        exitWhileWriting();
        setDaemonAfterStart();
        builderMakesADaemon();
        newThreadCreatedBy(false);
        newThreadCreatedBy(true);
        poolThreadIsDaemon("Executors.newFixedThreadPool(1)", Executors.newFixedThreadPool(1));
        poolThreadIsDaemon("ForkJoinPool.commonPool()", ForkJoinPool.commonPool());
        poolThreadIsDaemon("Executors.newVirtualThreadPerTaskExecutor()", Executors.newVirtualThreadPerTaskExecutor());
        virtualThreadRefusesToBeNonDaemon();
    }

    /** Prints what a child program does, with the time since its {@code main} started. */
    private static final class Clock {
        private final long start = System.nanoTime();

        void say(String what) {
            System.out.printf("%6d ms  %s%n", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start), what);
        }
    }

    /** A child program: a heartbeat every 200 ms on a thread with the daemon flag {@code args[0]}. */
    public static final class Heartbeat {
        public static void main(String[] args) throws InterruptedException {
            var clock = new Clock();
            var heartbeat = new Thread(() -> {
                try {
                    for (int beat = 1; ; beat++) {
                        clock.say("heartbeat " + beat);
                        Thread.sleep(200);
                    }
                } catch (InterruptedException e) {
                    clock.say("heartbeat interrupted");
                }
            }, "heartbeat");
            heartbeat.setDaemon(Boolean.parseBoolean(args[0]));
            heartbeat.start();
            Thread.sleep(500);
            clock.say("main returns");
        }
    }

    /**
     * Runs {@link Heartbeat} in a child JVM and says how that JVM ended: by itself, or killed at the
     * deadline. Returns true when it ended by itself.
     */
    public static boolean heartbeat(boolean daemon) {
        System.out.printf("A heartbeat thread with daemon=%b; main returns after 500 ms:%n", daemon);
        var run = ChildJvm.run(Heartbeat.class, CHILD_DEADLINE, String.valueOf(daemon));
        System.out.print(indented(run.stdout() + run.stderr()));
        if (run.exitedByItself()) {
            System.out.printf("  The JVM ended by itself, %d ms after it was started:%n  once main returned, only daemons were left.%n%n",
                    run.elapsed().toMillis());
        } else {
            System.out.printf("  The JVM was still running at the %.1f s deadline and was killed:%n  %s%n%n",
                    CHILD_DEADLINE.toMillis() / 1000.0,
                    run.stdout().contains("main returns")
                            ? "main had returned, but the heartbeat, not a daemon, kept it alive."
                            : "main had not even returned yet (a very busy machine?); run it again.");
        }
        return run.exitedByItself();
    }

    /**
     * A child program: a thread with the daemon flag {@code args[1]} writes five lines to the file
     * {@code args[0]}, 100 ms apart, through a buffer that its try-with-resources closes at the end.
     */
    public static final class ReportWriter {
        public static void main(String[] args) throws InterruptedException {
            var file = Path.of(args[0]);
            var clock = new Clock();
            var writer = new Thread(() -> {
                try (var out = Files.newBufferedWriter(file)) {
                    for (int line = 1; line <= 5; line++) {
                        out.write("line " + line);
                        out.newLine();
                        clock.say("writer: line " + line + " is in the buffer");
                        Thread.sleep(100);
                    }
                } catch (IOException | InterruptedException e) {
                    clock.say("writer: stopped by " + e);
                } finally {
                    clock.say("writer: finally: the file is closed, its buffer written out");
                }
            }, "report-writer");
            writer.setDaemon(Boolean.parseBoolean(args[1]));
            writer.start();
            Thread.sleep(250);
            if (args.length > 2) {
                Runtime.getRuntime().addShutdownHook(new Thread(() -> clock.say("shutdown hook runs")));
                clock.say("main calls System.exit(0)");
                System.exit(0);
            }
            clock.say("main returns");
        }
    }

    /** Runs {@link ReportWriter} in a child JVM; prints and returns how many lines reached the file. */
    public static int writeReport(boolean daemon) throws IOException {
        System.out.printf("A report-writer thread with daemon=%b writes 5 lines, 100 ms apart; main returns after 250 ms:%n", daemon);
        return runReportWriter(String.valueOf(daemon));
    }

    /**
     * Runs {@link ReportWriter} with a writer that is not a daemon, and a {@code main} that calls
     * {@code System.exit(0)} instead of returning; prints and returns how many lines reached the file.
     */
    public static int exitWhileWriting() throws IOException {
        System.out.println("A report-writer thread with daemon=false writes 5 lines, 100 ms apart; main calls System.exit(0) after 250 ms:");
        return runReportWriter("false", "exit");
    }

    private static int runReportWriter(String... writerArgs) throws IOException {
        var file = Files.createTempFile("report-", ".txt");
        try {
            var args = new String[writerArgs.length + 1];
            args[0] = file.toString();
            System.arraycopy(writerArgs, 0, args, 1, writerArgs.length);
            var run = ChildJvm.run(ReportWriter.class, CHILD_DEADLINE, args);
            System.out.print(indented(run.stdout() + run.stderr()));
            int lines = Files.readAllLines(file).size();
            System.out.printf("  The file holds %d of 5 lines%s%n%n", lines,
                    run.stdout().contains("finally") ? "." : ", and the writer's finally never ran.");
            return lines;
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** Calls setDaemon(true) on a running thread; returns true when that threw IllegalThreadStateException. */
    public static boolean setDaemonAfterStart() throws InterruptedException {
        var release = new CountDownLatch(1);
        var running = new Thread(() -> awaitQuietly(release), "already-running");
        running.start();
        try {
            running.setDaemon(true);
            System.out.println("setDaemon(true) on a thread that is already running was accepted.");
            return false;
        } catch (IllegalThreadStateException e) {
            System.out.printf("setDaemon(true) on a thread that is already running threw %s;%n  the thread is still daemon=%b.%n",
                    e, running.isDaemon());
            return true;
        } finally {
            release.countDown();
            running.join(Duration.ofSeconds(5));
        }
    }

    /** Makes a thread with a builder that sets the flag before the thread exists; returns its flag. */
    public static boolean builderMakesADaemon() {
        var thread = Thread.ofPlatform().name("made-by-a-builder").daemon().unstarted(() -> {});
        System.out.printf("Thread.ofPlatform().daemon() made \"%s\" with daemon=%b, in state %s.%n",
                thread.getName(), thread.isDaemon(), thread.getState());
        return thread.isDaemon();
    }

    /**
     * Creates a thread from inside a thread whose daemon flag is {@code creatorIsDaemon}, without
     * setting the new thread's flag; prints and returns the flag the new thread got.
     */
    public static boolean newThreadCreatedBy(boolean creatorIsDaemon) throws InterruptedException {
        var created = new AtomicReference<Thread>();
        var creator = new Thread(() -> created.set(new Thread(() -> {})), "creator");
        creator.setDaemon(creatorIsDaemon);
        creator.start();
        creator.join(Duration.ofSeconds(5));
        boolean daemon = created.get().isDaemon();
        System.out.printf("new Thread(...) called on a thread with daemon=%b makes a thread with daemon=%b%n",
                creatorIsDaemon, daemon);
        return daemon;
    }

    /** Runs one task on {@code pool}, asks the task's thread whether it is a daemon, then closes the pool. */
    public static boolean poolThreadIsDaemon(String poolName, ExecutorService pool) throws Exception {
        try (pool) {
            boolean daemon = pool.submit(() -> Thread.currentThread().isDaemon()).get(5, TimeUnit.SECONDS);
            System.out.printf("A task's thread in %-46s daemon=%b%n", poolName + ":", daemon);
            return daemon;
        }
    }

    /** A virtual thread is always a daemon; returns true when it refused setDaemon(false). */
    public static boolean virtualThreadRefusesToBeNonDaemon() {
        var virtual = Thread.ofVirtual().unstarted(() -> {});
        try {
            virtual.setDaemon(false);
            System.out.println("A virtual thread accepted setDaemon(false).");
            return false;
        } catch (IllegalArgumentException e) {
            System.out.println("A virtual thread refused setDaemon(false): " + e);
            return true;
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String indented(String text) {
        return text.lines().map(line -> "  " + line + "\n").reduce("", String::concat);
    }
}
