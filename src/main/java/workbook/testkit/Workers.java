package workbook.testkit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

/**
 * A group of named worker threads that start their work together and are waited for against a
 * deadline, so that a test of concurrent code can neither hang nor miss a worker's failure.
 *
 * <p>Three things go wrong when a test starts threads by hand, and each is handled here:
 * <ul>
 *   <li><b>A worker's failure is lost.</b> An exception or a failed assertion in a thread other than
 *       the test's own is only printed; the test goes on and passes. Here it is rethrown in the
 *       test thread by {@link #awaitCompletion(Duration)}, with the worker named.</li>
 *   <li><b>Threads do not overlap.</b> A thread often finishes its loop before the next one has
 *       started, and the race under test never happens. Here every worker waits at a start gate
 *       until all of them exist, and the gate opens for all at once.</li>
 *   <li><b>A stuck worker hangs the build.</b> Here the test waits until a deadline only, then fails
 *       with a {@link ThreadReport} of this group's threads: who waits for which lock, who holds it,
 *       and the deadlock cycle if there is one.</li>
 * </ul>
 *
 * <pre>{@code
 * var counter = new Counter();
 * Workers.start("adder", 4, index -> {
 *     for (int i = 0; i < 10_000; i++) counter.increment();
 * }).awaitCompletion(Duration.ofSeconds(5));
 * }</pre>
 *
 * <p>Memory consistency effects: everything a worker did happens-before {@code awaitCompletion}
 * returns normally, because it joins each worker.
 */
public final class Workers {

    /** The work of one worker; {@code index} runs from 0 to count - 1. */
    @FunctionalInterface
    public interface Work {
        void run(int index) throws Exception;
    }

    private final String name;
    private final List<Thread> threads;
    private final ConcurrentLinkedQueue<Failure> failures = new ConcurrentLinkedQueue<>();

    private record Failure(String worker, Throwable cause) {}

    private Workers(String name, int count, Work work) {
        if (count < 1) {
            throw new IllegalArgumentException("a group needs at least one worker, not " + count);
        }
        this.name = name;
        var allCreated = new CountDownLatch(1);
        var threads = new ArrayList<Thread>(count);
        for (int i = 0; i < count; i++) {
            int index = i;
            var thread = new Thread(() -> {
                try {
                    allCreated.await();
                    work.run(index);
                } catch (Throwable failure) {
                    failures.add(new Failure(Thread.currentThread().getName(), failure));
                }
            }, name + "-" + i);
            thread.setDaemon(true);
            threads.add(thread);
        }
        this.threads = List.copyOf(threads);
        this.threads.forEach(Thread::start);
        allCreated.countDown();
    }

    /**
     * Starts {@code count} daemon threads named {@code name-0 … name-(count-1)}; each runs
     * {@code work} with its index once all of them have been started. Daemon, so that a worker a
     * broken solution leaves stuck cannot keep the JVM from exiting after the test has failed.
     */
    public static Workers start(String name, int count, Work work) {
        return new Workers(name, count, work);
    }

    /**
     * Waits until every worker has finished, at most {@code deadline} in all. Fails with a report
     * of the stuck threads when the deadline passes, or with the first worker's failure (the rest
     * attached as suppressed) when a worker threw.
     */
    public void awaitCompletion(Duration deadline) {
        long end = System.nanoTime() + deadline.toNanos();
        try {
            for (var thread : threads) {
                long left = end - System.nanoTime();
                if (left <= 0 || !thread.join(Duration.ofNanos(left))) {
                    throw stuck(deadline);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for the \"" + name + "\" workers", e);
        }
        rethrowFailures();
    }

    /**
     * {@link #awaitCompletion(Duration)}, deciding "stuck" before the deadline when it is plain:
     * every worker still running waits in a call made by code of {@code type} (a lock, a
     * condition, a semaphore of the class under test) and none of them has moved for
     * {@code steady}. Nobody is left to wake them, so waiting out the deadline would only be slow.
     */
    public void awaitCompletion(Duration deadline, Class<?> type, Duration steady) {
        long end = System.nanoTime() + deadline.toNanos();
        while (threads.stream().anyMatch(Thread::isAlive) && System.nanoTime() - end < 0) {
            if (allStayWaitingIn(type, steady)) {
                throw stuck(Duration.ofNanos(System.nanoTime() - (end - deadline.toNanos())));
            }
            ThreadWatch.pollUntil(Duration.ofMillis(5), () -> threads.stream().noneMatch(Thread::isAlive));
        }
        awaitCompletion(Duration.ofNanos(Math.max(0, end - System.nanoTime())));
    }

    private boolean allStayWaitingIn(Class<?> type, Duration steady) {
        var alive = threads.stream().filter(Thread::isAlive).toList();
        if (alive.isEmpty() || !alive.stream().allMatch(thread -> ThreadWatch.isWaitingIn(thread, type))) {
            return false;
        }
        var waitsBefore = alive.stream().mapToLong(ThreadWatch::timesWaited).toArray();
        return ThreadWatch.holdsFor(steady, () -> IntStream.range(0, alive.size()).allMatch(i ->
                ThreadWatch.isWaitingIn(alive.get(i), type) && ThreadWatch.timesWaited(alive.get(i)) == waitsBefore[i]));
    }

    /** The threads of this group, for a test that wants to look at their states. */
    public List<Thread> threads() {
        return threads;
    }

    private AssertionError stuck(Duration deadline) {
        var alive = threads.stream().filter(Thread::isAlive).toList();
        var message = """
                %d of %d "%s" threads did not finish within %s. \
                A correct solution finishes long before that, so these threads are stuck:
                %s""".formatted(alive.size(), threads.size(), name, Durations.readable(deadline),
                ThreadReport.describe(alive));
        alive.forEach(Thread::interrupt);
        var error = new AssertionError(message.stripTrailing());
        failures.forEach(f -> error.addSuppressed(f.cause()));
        return error;
    }

    private void rethrowFailures() {
        var first = failures.poll();
        if (first == null) {
            return;
        }
        var cause = first.cause();
        AssertionError error = cause instanceof AssertionError assertion
                ? new AssertionError("in thread \"" + first.worker() + "\": " + assertion.getMessage(), assertion)
                : new AssertionError("thread \"" + first.worker() + "\" threw " + cause, cause);
        failures.forEach(f -> error.addSuppressed(f.cause()));
        throw error;
    }
}
