package workbook.testkit;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails a test that leaves threads running after it ends, naming each one.
 *
 * <p>A thread that outlives its test is a bug in waiting: a pool that was never shut down keeps a
 * program from exiting, a worker that was never told to stop goes on using what the test closed,
 * and the leaked thread competes for the two cores with the next test. Threads get a short grace
 * period to finish what they were already finishing ({@value #GRACE_MILLIS} ms); any still alive
 * after it are reported with their name, daemon flag and state.
 *
 * <p>The grace ends early when the leak is already certain: every thread left waits without a
 * timeout, in a lock, a condition or {@code Object.wait()}, is not interrupted, and has not been
 * woken for {@value #STUCK_MILLIS} ms. Such threads could only be woken by another thread of the
 * test, and none is left running. (A wait the JDK's own threads may end, for a process or a
 * {@code CompletableFuture}, gets the whole grace.) A stub whose workers never stop thus costs
 * each test a fraction of a second, not the whole grace.
 *
 * <p>Threads the test did not create are not its leaks and are left out: those alive before the
 * test started, JUnit's own timeout threads, the workers of the shared common pool, which the JVM
 * keeps for a while on purpose, and the JVM's scheduler of virtual threads (its carrier threads and
 * helpers), which the first virtual thread starts and which serves every virtual thread after it.
 * A virtual thread itself is never listed by {@code Thread.getAllStackTraces()}: a test that leaks
 * one is not caught here.
 *
 * <pre>{@code
 * @ExtendWith(NoThreadLeaks.class)
 * class WorkerPoolTest { ... }
 * }</pre>
 */
public final class NoThreadLeaks implements BeforeEachCallback, AfterEachCallback {

    static final long GRACE_MILLIS = 1000;

    static final long STUCK_MILLIS = 300;

    private static final long POLL_MILLIS = 10;

    /** Waits that a thread of the JDK's own (the process reaper, a delayed completion) may end. */
    private static final List<String> ENDED_BY_THE_JDK = List.of("java.lang.Process", "java.util.concurrent.CompletableFuture");

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(NoThreadLeaks.class);

    @Override
    public void beforeEach(ExtensionContext context) {
        context.getStore(NAMESPACE).put("before", Thread.getAllStackTraces().keySet());
    }

    @Override
    @SuppressWarnings("unchecked")
    public void afterEach(ExtensionContext context) throws InterruptedException {
        var before = (Set<Thread>) context.getStore(NAMESPACE).get("before", Set.class);
        var leaked = startedSince(before);
        long start = System.nanoTime();
        long end = start + Duration.ofMillis(GRACE_MILLIS).toNanos();
        var stuck = new StuckWatch();
        var stillAlive = leaked;
        while (!stillAlive.isEmpty() && System.nanoTime() < end && !stuck.allStuck(stillAlive)) {
            stillAlive.getFirst().join(Duration.ofMillis(POLL_MILLIS));
            stillAlive = stillAlive.stream().filter(Thread::isAlive).toList();
        }
        if (!stillAlive.isEmpty()) {
            long waited = Duration.ofNanos(System.nanoTime() - start).toMillis();
            var when = System.nanoTime() < end
                    ? "waiting for good after it ended (%d ms on, none had been woken for %d ms, and no thread that could wake them was left running)"
                    .formatted(waited, STUCK_MILLIS)
                    : "running %d ms after it ended".formatted(GRACE_MILLIS);
            throw new AssertionError("""
                    The test left %d thread(s) %s:
                    %s
                    Every thread a piece of code starts must end when that code is done with it: \
                    join it, stop it, or shut its executor down (shutdown() and awaitTermination())."""
                    .formatted(stillAlive.size(), when, stillAlive.stream()
                            .map(t -> "  \"%s\" (%s, %s)".formatted(t.getName(),
                                    t.isDaemon() ? "daemon" : "not daemon", t.getState()))
                            .collect(Collectors.joining("\n"))));
        }
    }

    /**
     * Whether every thread left has been waiting, unwoken, for {@link #STUCK_MILLIS}: asked again and
     * again, it keeps each thread's wait count from the last look and since when it has not moved.
     */
    private static final class StuckWatch {
        private static final ThreadMXBean MX = ManagementFactory.getThreadMXBean();
        private final Map<Long, Long> waitedCounts = new HashMap<>();
        private long steadySince = System.nanoTime();

        boolean allStuck(List<Thread> threads) {
            boolean steady = true;
            for (var thread : threads) {
                var info = MX.getThreadInfo(thread.threadId(), Integer.MAX_VALUE);
                if (info == null || !waitsForAnotherThreadOfTheTest(thread, info)) {
                    steadySince = System.nanoTime();
                    return false;
                }
                var previous = waitedCounts.put(thread.threadId(), info.getWaitedCount());
                steady &= previous != null && previous == info.getWaitedCount();
            }
            if (!steady) {
                steadySince = System.nanoTime();
            }
            return System.nanoTime() - steadySince >= Duration.ofMillis(STUCK_MILLIS).toNanos();
        }

        private static boolean waitsForAnotherThreadOfTheTest(Thread thread, ThreadInfo info) {
            if (info.getThreadState() != Thread.State.WAITING || thread.isInterrupted()) {
                return false;
            }
            var frames = Arrays.stream(info.getStackTrace()).map(StackTraceElement::getClassName).toList();
            boolean inALockOrAWait = frames.stream().anyMatch(name -> name.startsWith("java.util.concurrent.locks.")
                    || name.equals("java.lang.Object"));
            boolean mayBeEndedByTheJdk = frames.stream().anyMatch(name -> ENDED_BY_THE_JDK.stream().anyMatch(name::startsWith));
            return inALockOrAWait && !mayBeEndedByTheJdk;
        }
    }

    private static List<Thread> startedSince(Set<Thread> before) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> !before.contains(t))
                .filter(t -> t != Thread.currentThread())
                .filter(t -> !JdkThreads.isJdkOwn(t))
                .toList();
    }
}
