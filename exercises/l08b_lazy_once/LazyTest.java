package l08b_lazy_once;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import workbook.testkit.BlockingCall;
import workbook.testkit.RaceScenario;
import workbook.testkit.StaleReads;
import workbook.testkit.ThreadWatch;

class LazyTest {

    private static final Duration DEADLINE = Duration.ofSeconds(2);

    /** A value with a number, so that two builds can be told apart. */
    record Built(int number) {}

    /** In a JVM with the JIT on: a thread keeps asking isBuilt() while another thread calls get(). */
    static final class IsBuiltProbe {
        public static void main(String[] args) {
            StaleReads.watch(new Lazy<>(() -> new Built(1)), Lazy::isBuilt, Lazy::get);
        }
    }

    @Test
    @DisplayName("one thread: the first get() builds the value, later calls return the same one")
    void buildsOnceForOneThread() {
        var builds = new CountingSupplier();
        var lazy = new Lazy<>(builds);
        assertThat(lazy.isBuilt()).as("isBuilt() before any get()").isFalse();
        var first = lazy.get();
        assertThat(lazy.get()).as("the second get() returns the value the first one built").isSameAs(first);
        assertThat(builds.count()).as("times the supplier was called for two get() calls").isEqualTo(1);
        assertThat(lazy.isBuilt()).as("isBuilt() after get()").isTrue();
    }

    @Test
    @DisplayName("a get() made while another thread is building waits for that build, and does not build again")
    void aSecondCallerWaitsForTheBuild() throws InterruptedException {
        var builds = new CountingSupplier();
        builds.holdTheFirstBuild();
        var lazy = new Lazy<>(builds);
        var builder = BlockingCall.call("first-caller", lazy::get);
        assertThat(buildStarted(builds, builder)).as("the first get() should have called the supplier").isTrue();

        var second = BlockingCall.call("second-caller", lazy::get);
        ThreadWatch.pollUntil(DEADLINE, () -> builds.count() > 1 || second.isDone()
                || second.thread().getState() == Thread.State.BLOCKED || second.thread().getState() == Thread.State.WAITING);
        assertThat(builds.count())
                .as("""
                        Times the supplier was called: a second get() built the value again while the first \
                        build was still running.
                        Why: checking "is it built yet?" and then building are two steps; a second thread \
                        can pass the check before the first has stored its value. The check and the build \
                        must be one step for other callers (a lock), and a caller that waited must check \
                        again before building.""")
                .isEqualTo(1);
        second.assertBlocks(DEADLINE, "get() called while another thread's get() is still building the value");

        builds.releaseTheFirstBuild();
        var firstValue = builder.awaitResult(DEADLINE, "the first get() should return once its supplier has returned");
        var secondValue = second.awaitResult(DEADLINE, "the waiting get() should return once the first build is done");
        assertThat(builds.count())
                .as("""
                        Times the supplier was called: the caller that waited built the value again once the \
                        lock was free.
                        Why: a thread that waited for the lock must check again, inside it, whether the value \
                        is built by now.""")
                .isEqualTo(1);
        assertThat(secondValue).as("the waiting caller gets the value the first caller built").isSameAs(firstValue);
    }

    @Test
    @DisplayName("isBuilt() answers at once while another thread is building, and says false until the build is done")
    void isBuiltNeverWaits() throws InterruptedException {
        var builds = new CountingSupplier();
        builds.holdTheFirstBuild();
        var lazy = new Lazy<>(builds);
        var builder = BlockingCall.call("builder", lazy::get);
        try {
            assertThat(buildStarted(builds, builder)).as("get() should have called the supplier").isTrue();
            var query = BlockingCall.call("asker", lazy::isBuilt);
            ThreadWatch.pollUntil(DEADLINE, () -> query.isDone() || ThreadWatch.isWaitingIn(query.thread(), Lazy.class));
            assertThat(query.isDone())
                    .as("""
                            isBuilt() waited while another thread was building the value.
                            Why: the task says isBuilt() never waits. Taking the builder's lock in isBuilt() \
                            makes every caller wait for a slow build; a volatile (or atomic) field can be read \
                            without the lock and is still seen up to date.""")
                    .isTrue();
            assertThat(query.result())
                    .as("""
                            isBuilt() while the supplier had not returned yet.
                            Why: the value must be stored only once it is fully built; a value published \
                            before it is built can be seen half made by another thread.""")
                    .isFalse();
        } finally {
            builds.releaseTheFirstBuild();
            builder.awaitResult(DEADLINE, "get() should return once its supplier has returned");
        }
    }

    @Test
    @DisplayName("a build that throws reaches its caller, is not remembered, and the next get() builds again")
    void aFailedBuildIsTriedAgain() {
        var attempts = new AtomicInteger();
        var failure = new IllegalStateException("the first build fails");
        var error = new BuildError();
        var lazy = new Lazy<>(() -> switch (attempts.incrementAndGet()) {
            case 1 -> throw failure;
            case 2 -> throw error;
            default -> new Built(attempts.get());
        });
        assertThatThrownBy(lazy::get).as("the first get(), whose supplier throws an exception").isSameAs(failure);
        assertThat(lazy.isBuilt()).as("isBuilt() after a failed build").isFalse();
        assertThatThrownBy(lazy::get).as("the second get(), whose supplier throws an Error").isSameAs(error);
        var value = BlockingCall.call("third-caller", lazy::get);
        assertThat(value.awaitDone(DEADLINE))
                .as("""
                        After two failed builds, a get() from another thread was still waiting after 2 s.
                        Why: a failed build must leave nothing locked and nothing half set; a lock released \
                        only on exceptions (catch (Exception)), and not on an Error, stays held for ever.""")
                .isTrue();
        assertThat(value.result())
                .as("""
                        The third get(), after two failed builds.
                        Why: a failure is not a value. The next call must build again, not return null or \
                        a value remembered from a failed attempt.""")
                .isEqualTo(new Built(3));
        assertThat(lazy.isBuilt()).as("isBuilt() after a successful build").isTrue();
    }

    @Test
    @DisplayName("two Lazy objects side by side each build their own value")
    void twoInstancesKeepTheirOwnValues() {
        var first = new Lazy<>(() -> new Built(1));
        var second = new Lazy<>(() -> new Built(2));
        assertThat(first.get()).as("the first Lazy's value").isEqualTo(new Built(1));
        assertThat(second.isBuilt()).as("isBuilt() of a second Lazy nobody called get() on").isFalse();
        assertThat(second.get())
                .as("the second Lazy's value. Why: each Lazy has a value of its own; a static field is one for all of them")
                .isEqualTo(new Built(2));
    }

    @Test
    @DisplayName("four threads calling get() at once all get one value, built once")
    void manyCallersAtOnce() {
        RaceScenario.of("lazy value", () -> new Race(new CountingSupplier()))
                .threads(4)
                .eachThread((race, index) -> race.results[index] = race.lazy.get())
                .afterAllThreads(race -> {
                    assertThat(race.builds.count())
                            .as("times the supplier was called while 4 threads called get() at once. Why: the check "
                                    + "and the build must be one step for other callers")
                            .isEqualTo(1);
                    assertThat(race.results).as("the values the 4 threads got").containsOnly(race.results[0]);
                })
                .repeatFor(Duration.ofMillis(200));
    }

    @Test
    @DisplayName("compiled by the JIT, isBuilt() in one thread sees a value another thread built")
    void isBuiltSeesAnotherThreadsBuild() {
        StaleReads.assertSeen(IsBuiltProbe.class, "isBuilt()", "get()");
    }

    /** Whether {@code builder}'s get() called the supplier: true once it has, false once get() returned without it. */
    private static boolean buildStarted(CountingSupplier builds, BlockingCall<?> builder) {
        ThreadWatch.pollUntil(DEADLINE, () -> builds.count() > 0 || builder.isDone());
        return builds.count() > 0;
    }

    private static final class Race {
        final CountingSupplier builds;
        final Lazy<Built> lazy;
        final Object[] results = new Object[4];

        Race(CountingSupplier builds) {
            this.builds = builds;
            this.lazy = new Lazy<>(builds);
        }
    }

    /** An Error of the test's own, thrown by a supplier: not an Exception, as a real OutOfMemoryError is not. */
    private static final class BuildError extends Error {
        BuildError() {
            super("the second build fails with an Error");
        }
    }

    /** Builds numbered values and counts the builds; can hold the first build until the test lets it go. */
    private static final class CountingSupplier implements Supplier<Built> {
        private final AtomicInteger count = new AtomicInteger();
        private final CountDownLatch release = new CountDownLatch(1);
        private volatile boolean holdFirst;

        @Override
        public Built get() {
            int number = count.incrementAndGet();
            if (number == 1) {
                if (holdFirst) {
                    try {
                        release.await(DEADLINE.toNanos(), TimeUnit.NANOSECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            }
            return new Built(number);
        }

        void holdTheFirstBuild() {
            holdFirst = true;
        }

        void releaseTheFirstBuild() {
            release.countDown();
        }

        int count() {
            return count.get();
        }
    }
}
