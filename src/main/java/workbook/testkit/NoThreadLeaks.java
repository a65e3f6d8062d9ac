package workbook.testkit;

import java.time.Duration;
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
        long end = System.nanoTime() + Duration.ofMillis(GRACE_MILLIS).toNanos();
        for (var thread : leaked) {
            long left = end - System.nanoTime();
            if (left > 0) {
                thread.join(Duration.ofNanos(left));
            }
        }
        var stillAlive = leaked.stream().filter(Thread::isAlive).toList();
        if (!stillAlive.isEmpty()) {
            throw new AssertionError("""
                    The test left %d thread(s) running %d ms after it ended:
                    %s
                    Every thread a piece of code starts must end when that code is done with it: \
                    join it, stop it, or shut its executor down (shutdown() and awaitTermination())."""
                    .formatted(stillAlive.size(), GRACE_MILLIS, stillAlive.stream()
                            .map(t -> "  \"%s\" (%s, %s)".formatted(t.getName(),
                                    t.isDaemon() ? "daemon" : "not daemon", t.getState()))
                            .collect(Collectors.joining("\n"))));
        }
    }

    private static java.util.List<Thread> startedSince(Set<Thread> before) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> !before.contains(t))
                .filter(t -> t != Thread.currentThread())
                .filter(t -> !JdkThreads.isJdkOwn(t))
                .toList();
    }
}
