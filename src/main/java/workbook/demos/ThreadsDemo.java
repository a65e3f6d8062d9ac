package workbook.demos;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Lesson 01 — threads: give a thread a task, start it, wait for it, and keep working meanwhile.
 *
 * <p>A {@code Runnable} is a task; a {@code Thread} runs one task, once, alongside the thread that
 * started it. The demo shows:
 * <ul>
 *   <li>{@link #startVersusRun()}: {@code start()} runs the task on the new thread; {@code run()}
 *       is an ordinary method call that runs it on the caller's thread and starts nothing;</li>
 *   <li>{@link #passingArguments()}: a lambda that captures its arguments, a {@code Runnable}
 *       record that holds them, a {@code Thread} subclass with fields;</li>
 *   <li>{@link #slowCallsInSequenceAndInThreads(int, Duration)}: slow calls that wait for a reply
 *       take the sum of their times one after another, and about the longest one when each has a
 *       thread: start them all, then join them all;</li>
 *   <li>{@link #mainStaysResponsive(Duration, Duration)}: {@code join(Duration)} waits a little at
 *       a time, so main stays free while a slow job runs;</li>
 *   <li>{@link #joinLimits(Duration)}: {@code join(Duration)} of a limit under a millisecond
 *       waits that long; the same limit in milliseconds is {@code join(0)}, which means "no
 *       limit"; and a thread never started is refused by {@code join(Duration)} but passed at
 *       once by {@code join()};</li>
 *   <li>{@link #statesThroughLife()}: one thread held in each {@link Thread.State} in turn until
 *       main has seen it there;</li>
 *   <li>{@link #notifiedWaiter()}: a thread woken from {@code wait()} is {@code BLOCKED} until it
 *       has the lock back, and only then {@code RUNNABLE};</li>
 *   <li>{@link #blockedInNativeIo()}: a thread blocked in {@code ServerSocket.accept()} is
 *       {@code RUNNABLE}: waiting inside the operating system is not a Java wait.</li>
 * </ul>
 *
 * <p>Run it with {@code ./workbook demo 01}, or in JShell: {@code /open lessons/01-threads.jsh}.
 * The order of the "fetches" lines and the timings change from run to run. One run on a 2-core
 * Linux machine with Temurin 25.0.3 (load average about 13: other builds were running); the parts
 * from "join at the edges" on, and the last two, come from a later run on the same machine (load
 * average about 20):
 * <pre>
 * worker.run():
 *   the task runs on thread "main"
 *   afterwards the worker thread is NEW: it never ran
 * worker.start(), then worker.join():
 *   the task runs on thread "worker"
 *   afterwards the worker thread is TERMINATED
 * worker.start() again: IllegalThreadStateException, a thread runs only once
 *
 * Passing arguments to a thread's task:
 *   "lambda" fetches report.csv (up to 3 attempts)
 *   "record" fetches prices.json (up to 2 attempts)
 *   "fetch-thread" fetches news.html (up to 4 attempts)
 *   "loop-1" fetches page-1.html (up to 2 attempts)
 *   "loop-0" fetches page-0.html (up to 2 attempts)
 *   "loop-2" fetches page-2.html (up to 2 attempts)
 *
 * 5 slow calls (200 ms each), one after another: 1,004 ms
 * 5 slow calls (200 ms each), one thread each:      212 ms (threads call-0 to call-4)
 *
 * main started "report-builder" and carries on:
 *   main is free (check 1): report-builder is alive, TIMED_WAITING
 *   main is free (check 2): report-builder is alive, TIMED_WAITING
 *   main is free (check 3): report-builder is alive, TIMED_WAITING
 *   report-builder has finished: alive false, TERMINATED
 *
 * join at the edges of its limit, with "slow" running for 300 ms:
 *   join(Duration.ofNanos(500_000)) returned false after 1.4 ms
 *   join(limit.toMillis()), which is join(0), returned after 297 ms, when "slow" ended: 0 means no limit
 *   join() on a thread never started returned at once; isAlive() is false, as for a thread that ended
 *   join(Duration) on it: IllegalThreadStateException
 *
 * The states of thread "life", as main saw them:
 *   NEW            created, start() not called yet
 *   RUNNABLE       running its loop (or ready to run when a core is free)
 *   TIMED_WAITING  in await(10, SECONDS): waiting, with a time limit
 *   WAITING        in await(): waiting, with no time limit
 *   BLOCKED        at synchronized (lock) while main holds the lock
 *   TERMINATED     its run() has returned
 *
 * A thread woken from wait() must take the lock back first:
 *   WAITING        in lock.wait()
 *   BLOCKED        notified, while main still holds the lock
 *   RUNNABLE       main let go: it has the lock back and runs on
 *
 * A thread blocked in ServerSocket.accept(), waiting for a connection:
 *   RUNNABLE       in sun.nio.ch.Net.accept, a native method
 * </pre>
 */
public final class ThreadsDemo {

    private static final Duration STATE_DEADLINE = Duration.ofSeconds(5);

    private ThreadsDemo() {}

    public static void main(String[] args) throws InterruptedException, IOException {
        int calls = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        var delay = Duration.ofMillis(args.length > 1 ? Integer.parseInt(args[1]) : 200);
        startVersusRun();
        System.out.println();
        passingArguments();
        System.out.println();
        slowCallsInSequenceAndInThreads(calls, delay);
        System.out.println();
        mainStaysResponsive(Duration.ofSeconds(1), Duration.ofMillis(300));
        System.out.println();
        joinLimits(Duration.ofMillis(300));
        System.out.println();
        statesThroughLife();
        System.out.println();
        notifiedWaiter();
        System.out.println();
        blockedInNativeIo();
    }

    /**
     * One task, run twice: once by calling {@code run()} (an ordinary method call, on the caller's
     * own thread) and once by {@code start()} (on the new thread); then a second {@code start()},
     * which a thread refuses. Returns the name of the thread the started task ran on.
     */
    public static String startVersusRun() throws InterruptedException {
        var ranOn = new AtomicReference<String>();
        Runnable sayWhere = () -> {
            ranOn.set(Thread.currentThread().getName());
            System.out.println("  the task runs on thread \"" + ranOn.get() + "\"");
        };
        var worker = new Thread(sayWhere, "worker");
        System.out.println("worker.run():");
        worker.run();
        System.out.println("  afterwards the worker thread is " + worker.getState() + ": it never ran");
        System.out.println("worker.start(), then worker.join():");
        worker.start();
        worker.join();
        System.out.println("  afterwards the worker thread is " + worker.getState());
        try {
            worker.start();
        } catch (IllegalThreadStateException e) {
            System.out.println("worker.start() again: " + e.getClass().getSimpleName() + ", a thread runs only once");
        }
        return ranOn.get();
    }

    /** A task that takes arguments: what Python passes with {@code args=} and {@code kwargs=}. */
    static void fetch(String page, int attempts) {
        System.out.printf("  \"%s\" fetches %s (up to %d attempts)%n", Thread.currentThread().getName(), page, attempts);
    }

    /** The task and its arguments in one value: a record's fields are final and set once. */
    record Fetch(String page, int attempts) implements Runnable {
        @Override
        public void run() {
            fetch(page, attempts);
        }
    }

    /** The same task as a subclass of Thread: it works, but the task and the thread are now one object. */
    static final class FetchThread extends Thread {
        private final String page;
        private final int attempts;

        FetchThread(String page, int attempts) {
            super("fetch-thread");
            this.page = page;
            this.attempts = attempts;
        }

        @Override
        public void run() {
            fetch(page, attempts);
        }
    }

    /**
     * Three ways to hand a thread its arguments: a lambda that captures them, a {@code Runnable}
     * record that holds them, a {@code Thread} subclass with fields; and a loop that gives each
     * thread its own number. The threads run at the same time, so the order of the lines changes
     * from run to run. Returns how many threads ran.
     */
    public static int passingArguments() throws InterruptedException {
        System.out.println("Passing arguments to a thread's task:");
        var page = "report.csv";
        int attempts = 3;
        var threads = new ArrayList<Thread>();
        threads.add(new Thread(() -> fetch(page, attempts), "lambda"));
        threads.add(new Thread(new Fetch("prices.json", 2), "record"));
        threads.add(new FetchThread("news.html", 4));
        for (int i = 0; i < 3; i++) {
            int number = i;
            threads.add(new Thread(() -> fetch("page-" + number + ".html", 2), "loop-" + i));
        }
        for (var thread : threads) {
            thread.start();
        }
        for (var thread : threads) {
            thread.join();
        }
        return threads.size();
    }

    /** How long each way took, the calls one after another and the calls one thread each. */
    public record Timings(Duration oneAfterAnother, Duration oneThreadEach) {}

    /** Stands for a call that spends its time waiting for a reply, such as a network request. */
    static void slowCall(Duration reply) {
        try {
            Thread.sleep(reply);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Makes {@code calls} slow calls one after another, then the same calls with a thread each,
     * started together and then joined; prints and returns how long each way took.
     */
    public static Timings slowCallsInSequenceAndInThreads(int calls, Duration reply) throws InterruptedException {
        long start = System.nanoTime();
        for (int i = 0; i < calls; i++) {
            slowCall(reply);
        }
        var oneAfterAnother = Duration.ofNanos(System.nanoTime() - start);

        start = System.nanoTime();
        var builder = Thread.ofPlatform().name("call-", 0);
        var threads = new ArrayList<Thread>();
        for (int i = 0; i < calls; i++) {
            threads.add(builder.start(() -> slowCall(reply)));
        }
        for (var thread : threads) {
            thread.join();
        }
        var oneThreadEach = Duration.ofNanos(System.nanoTime() - start);

        System.out.printf("%d slow calls (%d ms each), one after another: %,5d ms%n",
                calls, reply.toMillis(), oneAfterAnother.toMillis());
        System.out.printf("%d slow calls (%d ms each), one thread each:    %,5d ms (threads %s to %s)%n",
                calls, reply.toMillis(), oneThreadEach.toMillis(),
                threads.getFirst().getName(), threads.getLast().getName());
        return new Timings(oneAfterAnother, oneThreadEach);
    }

    /**
     * Starts a slow job in the background and keeps the main thread free: main waits for the job
     * {@code checkEvery} at a time with {@code join(Duration)}, doing its own work between waits.
     * Returns how many times main found the job still running.
     */
    public static int mainStaysResponsive(Duration job, Duration checkEvery) throws InterruptedException {
        var report = new Thread(() -> slowCall(job), "report-builder");
        report.start();
        System.out.println("main started \"report-builder\" and carries on:");
        int stillRunning = 0;
        while (!report.join(checkEvery)) {
            stillRunning++;
            System.out.printf("  main is free (check %d): report-builder is alive, %s%n", stillRunning, report.getState());
        }
        System.out.println("  report-builder has finished: alive " + report.isAlive() + ", " + report.getState());
        return stillRunning;
    }

    /**
     * Shows join at the edges of its limit on a thread that runs for {@code job}: a limit of
     * 500 µs given to {@code join(Duration)}, then the same limit in milliseconds (0) given to
     * {@code join(long)}; then join on a thread never started. Returns how long the second join
     * waited.
     */
    public static Duration joinLimits(Duration job) throws InterruptedException {
        var limit = Duration.ofNanos(500_000);
        var slow = new Thread(() -> slowCall(job), "slow");
        slow.start();
        System.out.printf("join at the edges of its limit, with \"slow\" running for %d ms:%n", job.toMillis());
        long start = System.nanoTime();
        boolean finished = slow.join(limit);
        System.out.printf("  join(Duration.ofNanos(500_000)) returned %s after %.1f ms%n", finished, (System.nanoTime() - start) / 1e6);
        start = System.nanoTime();
        slow.join(limit.toMillis());
        var waited = Duration.ofNanos(System.nanoTime() - start);
        System.out.printf("  join(limit.toMillis()), which is join(%d), returned after %d ms, when \"slow\" ended: 0 means no limit%n",
                limit.toMillis(), waited.toMillis());
        var neverStarted = new Thread(() -> {}, "never-started");
        neverStarted.join();
        System.out.println("  join() on a thread never started returned at once; isAlive() is " + neverStarted.isAlive()
                + ", as for a thread that ended");
        try {
            neverStarted.join(Duration.ofSeconds(1));
        } catch (IllegalThreadStateException e) {
            System.out.println("  join(Duration) on it: IllegalThreadStateException");
        }
        return waited;
    }

    /**
     * Walks one thread through every {@link Thread.State}, holding it in each until main has seen
     * it there; prints and returns the states in the order seen.
     */
    public static List<Thread.State> statesThroughLife() throws InterruptedException {
        var lock = new Object();
        var stopSpinning = new AtomicBoolean();
        var leaveTimedWait = new CountDownLatch(1);
        var leaveWait = new CountDownLatch(1);
        var life = new Thread(() -> {
            try {
                while (!stopSpinning.get()) {
                    Thread.onSpinWait();
                }
                leaveTimedWait.await(10, TimeUnit.SECONDS);
                leaveWait.await();
                synchronized (lock) {
                    // getting in is all this step is about
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "life");
        var seen = new ArrayList<Thread.State>();
        System.out.println("The states of thread \"life\", as main saw them:");
        try {
            see(life, Thread.State.NEW, "created, start() not called yet", seen);
            life.start();
            see(life, Thread.State.RUNNABLE, "running its loop (or ready to run when a core is free)", seen);
            stopSpinning.set(true);
            see(life, Thread.State.TIMED_WAITING, "in await(10, SECONDS): waiting, with a time limit", seen);
            leaveTimedWait.countDown();
            see(life, Thread.State.WAITING, "in await(): waiting, with no time limit", seen);
            synchronized (lock) {
                leaveWait.countDown();
                see(life, Thread.State.BLOCKED, "at synchronized (lock) while main holds the lock", seen);
            }
            life.join();
            see(life, Thread.State.TERMINATED, "its run() has returned", seen);
        } finally {
            stopSpinning.set(true);
            leaveTimedWait.countDown();
            leaveWait.countDown();
        }
        return seen;
    }

    /**
     * Holds a thread in {@code lock.wait()}, notifies it while main keeps the lock, then lets go;
     * prints and returns the states main saw it in.
     */
    public static List<Thread.State> notifiedWaiter() throws InterruptedException {
        var lock = new Object();
        var notified = new AtomicBoolean();
        var stopSpinning = new AtomicBoolean();
        var waiter = new Thread(() -> {
            try {
                synchronized (lock) {
                    while (!notified.get()) {
                        lock.wait();
                    }
                }
                while (!stopSpinning.get()) {
                    Thread.onSpinWait();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "waiter");
        var seen = new ArrayList<Thread.State>();
        System.out.println("A thread woken from wait() must take the lock back first:");
        try {
            waiter.start();
            see(waiter, Thread.State.WAITING, "in lock.wait()", seen);
            synchronized (lock) {
                notified.set(true);
                lock.notifyAll();
                see(waiter, Thread.State.BLOCKED, "notified, while main still holds the lock", seen);
            }
            see(waiter, Thread.State.RUNNABLE, "main let go: it has the lock back and runs on", seen);
        } finally {
            stopSpinning.set(true);
            notified.set(true);
            waiter.join(STATE_DEADLINE);
        }
        return seen;
    }

    /**
     * Holds a thread in {@code ServerSocket.accept()} on the loopback address, where it waits for
     * a connection inside the operating system, and prints the state main sees it in; then closes
     * the socket, which ends the accept. Returns that state.
     */
    public static Thread.State blockedInNativeIo() throws IOException, InterruptedException {
        System.out.println("A thread blocked in ServerSocket.accept(), waiting for a connection:");
        try (var server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            var acceptor = new Thread(() -> {
                try {
                    server.accept().close();
                } catch (IOException closed) {
                    // closing the server socket is how main ends this accept
                }
            }, "acceptor");
            acceptor.start();
            long end = System.nanoTime() + STATE_DEADLINE.toNanos();
            while (!inNativeCode(acceptor) && System.nanoTime() - end < 0) {
                Thread.sleep(1);
            }
            var state = acceptor.getState();
            var top = acceptor.getStackTrace();
            System.out.printf("  %-13s  in %s%n", state, top.length == 0 ? "(no frames)"
                    : top[0].getClassName() + "." + top[0].getMethodName() + (top[0].isNativeMethod() ? ", a native method" : ""));
            server.close();
            acceptor.join(STATE_DEADLINE);
            return state;
        }
    }

    private static boolean inNativeCode(Thread thread) {
        var top = thread.getStackTrace();
        return top.length > 0 && top[0].isNativeMethod();
    }

    /** Waits until {@code thread} is in {@code state} (at most a few seconds), then prints it. */
    private static void see(Thread thread, Thread.State state, String meaning, List<Thread.State> seen)
            throws InterruptedException {
        long end = System.nanoTime() + STATE_DEADLINE.toNanos();
        while (thread.getState() != state) {
            if (System.nanoTime() - end >= 0) {
                throw new IllegalStateException("thread \"" + thread.getName() + "\" did not reach " + state
                        + " within " + STATE_DEADLINE.toSeconds() + " s; it is " + thread.getState());
            }
            Thread.sleep(1);
        }
        seen.add(state);
        System.out.printf("  %-13s  %s%n", state, meaning);
    }
}
