package workbook.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import workbook.runner.check.TestLauncher;

@DisplayName("NoThreadLeaks")
class NoThreadLeaksTest {

    /** Released at the end, so that the threads leaked on purpose do not outlive this class. */
    private static final CountDownLatch RELEASE = new CountDownLatch(1);
    private static final ExecutorService NEVER_SHUT_DOWN_BY_ITS_TEST =
            Executors.newFixedThreadPool(1, Thread.ofPlatform().name("pool-worker").daemon(false).factory());

    @AfterAll
    static void releaseLeakedThreads() {
        RELEASE.countDown();
        NEVER_SHUT_DOWN_BY_ITS_TEST.shutdown();
    }

    @ExtendWith(NoThreadLeaks.class)
    static class LeavesAThreadRunning {
        @Test
        void leaks() {
            Thread.ofPlatform().name("forgotten-worker").start(() -> awaitRelease());
        }
    }

    @ExtendWith(NoThreadLeaks.class)
    static class NeverShutsItsPoolDown {
        @Test
        void leaks() {
            NEVER_SHUT_DOWN_BY_ITS_TEST.submit(() -> {});
        }
    }

    @ExtendWith(NoThreadLeaks.class)
    static class JoinsItsThread {
        @Test
        void cleansUp() throws InterruptedException {
            var worker = Thread.ofPlatform().name("joined-worker").start(() -> {});
            worker.join();
        }
    }

    @ExtendWith(NoThreadLeaks.class)
    static class JoinsItsVirtualThread {
        @Test
        void cleansUp() throws InterruptedException {
            Thread.ofVirtual().name("joined-virtual-worker").start(() -> {}).join();
        }
    }

    @ExtendWith(NoThreadLeaks.class)
    static class WaitsForAChildProcess {
        @Test
        void runsOne() throws IOException, InterruptedException {
            var java = ProcessHandle.current().info().command().orElseThrow();
            new ProcessBuilder(java, "-version").redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start().waitFor();
        }
    }

    /**
     * Runs {@link WaitsForAChildProcess} in a JVM of its own, where its child process is the first
     * one: only then does the JDK start its "process reaper" thread during the test. In a JVM that
     * started a process shortly before (any earlier test that ran a child JVM), the reaper is
     * already there and the fixture would pass whether or not NoThreadLeaks knows that thread.
     * Exits with 0 when the fixture passed, 1 when it failed, 2 when it could not prove anything.
     */
    public static final class FirstProcessOfItsJvm {
        public static void main(String[] args) {
            if (processReaperAlive()) {
                System.out.println("A process reaper was running before the fixture: its process was not the first.");
                System.exit(2);
            }
            var outcome = new TestLauncher().run(List.of(WaitsForAChildProcess.class), FirstProcessOfItsJvm.class.getClassLoader());
            if (!processReaperAlive()) {
                System.out.println("The fixture left no process reaper behind: it proves nothing about that thread.");
                System.exit(2);
            }
            System.out.println("tests run: " + outcome.testsRun());
            outcome.failures().forEach(failure -> System.out.println(failure.test() + ": " + failure.message()));
            System.exit(outcome.testsRun() == 1 && outcome.failures().isEmpty() ? 0 : 1);
        }

        private static boolean processReaperAlive() {
            return Thread.getAllStackTraces().keySet().stream().anyMatch(thread -> thread.getName().startsWith("process reaper"));
        }
    }

    @ExtendWith(NoThreadLeaks.class)
    static class ThreadEndsDuringTheGracePeriod {
        @Test
        void finishesJustAfter() {
            var almostDone = new CountDownLatch(1);
            Thread.ofPlatform().name("finishing-worker").start(() -> {
                try {
                    almostDone.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            almostDone.countDown();
        }
    }

    @ExtendWith(NoThreadLeaks.class)
    static class LeavesASleeperRunning {
        @Test
        void leaks() {
            Thread.ofPlatform().name("sleeping-worker").daemon().start(() -> {
                try {
                    Thread.sleep(Duration.ofMinutes(5));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }
    }

    @ExtendWith(NoThreadLeaks.class)
    static class WakesItsWaiterLate {
        @Test
        void wakesWithinTheGrace() {
            var late = new CountDownLatch(1);
            Thread.ofPlatform().name("waiting-worker").start(() -> {
                try {
                    late.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            Thread.ofPlatform().name("late-waker").start(() -> {
                try {
                    Thread.sleep(600);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                late.countDown();
            });
        }
    }

    @Test
    @DisplayName("fails a test that leaves a thread waiting for good, naming it with its daemon flag and state, without waiting out the grace period")
    void failsALeakingTest() {
        var outcome = run(LeavesAThreadRunning.class);
        assertThat(outcome.failures()).singleElement().satisfies(failure -> assertThat(failure.message())
                .contains("left 1 thread(s) waiting for good")
                .contains("\"forgotten-worker\" (not daemon, WAITING)"));
        assertThat(outcome.timeInTests()).as("the test, its check for leaks included")
                .isLessThan(Duration.ofMillis(NoThreadLeaks.GRACE_MILLIS));
    }

    @Test
    @DisplayName("gives a thread that is not waiting for good (a sleeper) the whole grace period, then fails the test")
    void waitsOutTheGraceForASleeper() {
        var outcome = run(LeavesASleeperRunning.class);
        assertThat(outcome.failures()).singleElement().satisfies(failure -> assertThat(failure.message())
                .contains("left 1 thread(s) running %d ms after it ended".formatted(NoThreadLeaks.GRACE_MILLIS))
                .contains("\"sleeping-worker\" (daemon, TIMED_WAITING)"));
    }

    @Test
    @DisplayName("passes a test whose waiting thread is woken late in the grace period by another of its threads")
    void passesAWaiterWokenLate() {
        assertThat(run(WakesItsWaiterLate.class).failures()).isEmpty();
    }

    @Test
    @DisplayName("fails a test that never shuts its executor down")
    void failsAnUnclosedPool() {
        var outcome = run(NeverShutsItsPoolDown.class);
        assertThat(outcome.failures()).singleElement().satisfies(failure -> assertThat(failure.message())
                .contains("\"pool-worker\"")
                .contains("shut its executor down"));
    }

    @Test
    @DisplayName("passes a test whose threads end, at once or within the grace period")
    void passesTestsThatCleanUp() {
        assertThat(run(JoinsItsThread.class).failures()).isEmpty();
        assertThat(run(ThreadEndsDuringTheGracePeriod.class).failures()).isEmpty();
        assertThat(run(JoinsItsVirtualThread.class).failures())
                .as("a joined virtual thread; the JVM's scheduler of virtual threads stays, and is not the test's leak")
                .isEmpty();
    }

    @Test
    @DisplayName("passes a test that waits for its child process: the JDK's process reaper thread stays, and is not the test's leak")
    void passesATestThatRunsAProcess() {
        var run = ChildJvm.run(FirstProcessOfItsJvm.class, Duration.ofSeconds(30));
        assertThat(run.exitCode()).as("the fixture, run where its process is the JVM's first. " + run.describe()).isZero();
    }

    private static TestLauncher.Outcome run(Class<?> testClass) {
        var outcome = new TestLauncher().run(List.of(testClass), NoThreadLeaksTest.class.getClassLoader());
        assertThat(outcome.testsRun()).as("tests run in " + testClass.getSimpleName()).isEqualTo(1);
        return outcome;
    }

    private static void awaitRelease() {
        try {
            RELEASE.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
