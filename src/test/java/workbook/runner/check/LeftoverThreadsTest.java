package workbook.runner.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URL;
import java.net.URLClassLoader;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("LeftoverThreads")
class LeftoverThreadsTest {

    private static final Duration GRACE = Duration.ofMillis(200);
    /** The context class loader of the threads this test starts, as the exercise's loader is for a check's. */
    private static final ClassLoader OUR_LOADER = Thread.currentThread().getContextClassLoader();

    /** Set at the end of each test, so that the spinning threads started on purpose do not outlive it. */
    private volatile boolean stopSpinning;

    @AfterEach
    void stopTheSpinners() {
        stopSpinning = true;
    }

    @Test
    @DisplayName("names a thread started since that ignores the interrupt, with its state and its frame in the exercise's package")
    void namesASpinningThread() throws InterruptedException {
        var threads = LeftoverThreads.since(LeftoverThreadsTest.class.getPackageName(), OUR_LOADER);
        var spinning = new CountDownLatch(1);
        Thread.ofPlatform().name("spinner").daemon().start(() -> {
            spinning.countDown();
            while (!stopSpinning) {
                Thread.onSpinWait();
            }
        });
        assertThat(spinning.await(10, TimeUnit.SECONDS)).as("the spinner started").isTrue();
        var leftovers = threads.stopOrName(GRACE);
        assertThat(leftovers).singleElement().satisfies(thread -> {
            assertThat(thread.name()).isEqualTo("spinner");
            assertThat(thread.state()).isEqualTo(Thread.State.RUNNABLE);
            assertThat(thread.busy()).as("busy").isTrue();
            assertThat(thread.frame()).get().extracting(StackTraceElement::getClassName).asString()
                    .startsWith(LeftoverThreadsTest.class.getName());
            assertThat(thread.describe()).startsWith("\"spinner\" (RUNNABLE, busy) at " + LeftoverThreadsTest.class.getName());
        });
    }

    @Test
    @DisplayName("interrupts a thread that waits, which then ends within the grace and is not named")
    void interruptsAWaitingThread() throws InterruptedException {
        var threads = LeftoverThreads.since(LeftoverThreadsTest.class.getPackageName(), OUR_LOADER);
        var sleeper = Thread.ofPlatform().name("sleeper").daemon().start(() -> {
            try {
                Thread.sleep(Duration.ofMinutes(5));
            } catch (InterruptedException e) {
                // asked to stop: end
            }
        });
        long start = System.nanoTime();
        assertThat(threads.stopOrName(GRACE)).isEmpty();
        assertThat(sleeper.isAlive()).as("the sleeper after the interrupt").isFalse();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("time to stop a thread that ends when interrupted").isLessThan(GRACE);
    }

    @Test
    @DisplayName("a thread parked for good, ignoring the interrupt, is named but not busy")
    void aParkedThreadIsNotBusy() throws InterruptedException {
        var lock = new ReentrantLock();
        lock.lock();
        try {
            var threads = LeftoverThreads.since(LeftoverThreadsTest.class.getPackageName(), OUR_LOADER);
            var parked = Thread.ofPlatform().name("parked").daemon().start(lock::lock);
            await().atMost(Duration.ofSeconds(10)).until(() -> parked.getState() == Thread.State.WAITING);
            assertThat(threads.stopOrName(GRACE)).singleElement().satisfies(thread -> {
                assertThat(thread.name()).isEqualTo("parked");
                assertThat(thread.state()).isEqualTo(Thread.State.WAITING);
                assertThat(thread.busy()).as("busy").isFalse();
                assertThat(thread.describe()).isEqualTo("\"parked\" (WAITING)");
            });
        } finally {
            lock.unlock();
        }
    }

    @Test
    @DisplayName("leaves alone the threads alive before, and gives up after the grace")
    void leavesEarlierThreadsAlone() throws InterruptedException {
        var release = new CountDownLatch(1);
        var interrupted = new CountDownLatch(1);
        var earlier = Thread.ofPlatform().name("earlier").daemon().start(() -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                interrupted.countDown();
            }
        });
        try {
            var threads = LeftoverThreads.since(LeftoverThreadsTest.class.getPackageName(), OUR_LOADER);
            Thread.ofPlatform().name("idle-spinner").daemon().start(() -> {
                while (!stopSpinning) {
                    Thread.onSpinWait();
                }
            });
            long start = System.nanoTime();
            assertThat(threads.stopOrName(GRACE)).extracting(LeftoverThreads.Leftover::name).containsExactly("idle-spinner");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).as("time spent on a thread that never ends")
                    .isGreaterThanOrEqualTo(GRACE).isLessThan(Duration.ofSeconds(5));
            assertThat(interrupted.getCount()).as("interrupts sent to a thread alive before").isEqualTo(1);
        } finally {
            release.countDown();
            earlier.join();
        }
    }

    @Test
    @DisplayName("a thread with no frame in the exercise's package is named without a frame")
    void noFrameOutsideTheExercise() throws InterruptedException {
        var threads = LeftoverThreads.since("l99z_no_such_exercise", OUR_LOADER);
        Thread.ofPlatform().name("outsider").daemon().start(() -> {
            while (!stopSpinning) {
                Thread.onSpinWait();
            }
        });
        assertThat(threads.stopOrName(GRACE)).singleElement().satisfies(thread -> assertThat(thread.frame()).isEmpty());
    }

    @Test
    @DisplayName("leaves alone a thread started meanwhile by someone else (another context class loader), even in the exercise's code")
    void leavesOthersThreadsAlone() throws Exception {
        var threads = LeftoverThreads.since(LeftoverThreadsTest.class.getPackageName(), OUR_LOADER);
        var interrupted = new CountDownLatch(1);
        var release = new CountDownLatch(1);
        var someoneElses = Thread.ofPlatform().name("someone-elses").daemon().unstarted(() -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                interrupted.countDown();
            }
        });
        try (var otherLoader = new URLClassLoader(new URL[0], OUR_LOADER)) {
            someoneElses.setContextClassLoader(otherLoader);
            someoneElses.start();
            assertThat(threads.stopOrName(GRACE)).isEmpty();
            assertThat(interrupted.getCount()).as("interrupts sent to someone else's thread").isEqualTo(1);
        } finally {
            release.countDown();
            someoneElses.join();
        }
    }
}
