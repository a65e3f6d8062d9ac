package workbook.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("ExitWatchdog")
class ExitWatchdogTest {

    private static final Duration DEADLINE = Duration.ofSeconds(20);
    private static final String WHY = "Why: the reason the exercise gives.";

    /** Leaves a thread that is not a daemon sleeping forever, and returns. */
    public static final class KeptAliveByAWorker {
        public static void main(String[] args) {
            ExitWatchdog.arm(Duration.ofSeconds(5), Duration.ofMillis(500));
            Thread.ofPlatform().name("stubborn-worker").start(KeptAliveByAWorker::sleepForever);
        }

        static void sleepForever() {
            try {
                while (true) {
                    Thread.sleep(1_000);
                }
            } catch (InterruptedException e) {
                // the JVM is halted long before anyone could interrupt this
            }
        }
    }

    @Test
    @DisplayName("halts a JVM that a thread, not a daemon, keeps alive after main, and names that thread")
    void haltsAndNamesTheThreadThatKeepsTheJvmAlive() {
        var run = ChildJvm.run(KeptAliveByAWorker.class, DEADLINE);

        assertThat(run.exitCode()).as(run.describe()).isEqualTo(ExitWatchdog.HALTED);
        assertThat(run.elapsed()).as("time until the watchdog halted the JVM").isLessThan(Duration.ofSeconds(10));
        assertThatThrownBy(() -> ExitWatchdog.assertExitedByItself(run, WHY))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("main returned 500 ms ago, and the JVM is still running, kept alive by 1 thread that is not a daemon:")
                .hasMessageContaining("\"stubborn-worker\" (not daemon, TIMED_WAITING)")
                .hasMessageContaining("KeptAliveByAWorker.sleepForever")
                .hasMessageContaining(WHY);
    }

    /** Leaves a daemon sleeping forever, and returns. */
    public static final class OnlyADaemonLeft {
        public static void main(String[] args) {
            ExitWatchdog.arm(Duration.ofSeconds(5), Duration.ofMillis(500));
            Thread.ofPlatform().daemon().name("background").start(KeptAliveByAWorker::sleepForever);
        }
    }

    @Test
    @DisplayName("lets a JVM with only daemons left end by itself")
    void letsAJvmWithOnlyDaemonsEnd() {
        var run = ChildJvm.run(OnlyADaemonLeft.class, DEADLINE);

        assertThat(run.exitCode()).as(run.describe()).isZero();
        assertThat(run.stdout()).doesNotContain(ExitWatchdog.REPORT_START);
        ExitWatchdog.assertExitedByItself(run, WHY);
    }

    /** Leaves a thread that is not a daemon to finish 300 ms of work after main has returned. */
    public static final class WorkGoesOnAfterMain {
        public static void main(String[] args) {
            ExitWatchdog.arm(Duration.ofSeconds(5), Duration.ofSeconds(3));
            Thread.ofPlatform().name("finisher").start(() -> {
                try {
                    Thread.sleep(300);
                    System.out.println("work done");
                } catch (InterruptedException e) {
                    System.out.println("interrupted");
                }
            });
        }
    }

    @Test
    @DisplayName("does not cut short work that ends within the grace period")
    void doesNotCutShortWorkThatEndsInTime() {
        var run = ChildJvm.run(WorkGoesOnAfterMain.class, DEADLINE);

        ExitWatchdog.assertExitedByItself(run, WHY);
        assertThat(run.stdout()).as(run.describe()).contains("work done");
    }

    /** A main that waits for something that never comes. */
    public static final class MainNeverReturns {
        public static void main(String[] args) throws InterruptedException {
            ExitWatchdog.arm(Duration.ofMillis(500), Duration.ofSeconds(1));
            new CountDownLatch(1).await();
        }
    }

    @Test
    @DisplayName("halts a JVM whose main never returns, and shows where main is stuck")
    void haltsAJvmWhoseMainIsStuck() {
        var run = ChildJvm.run(MainNeverReturns.class, DEADLINE);

        assertThat(run.exitCode()).as(run.describe()).isEqualTo(ExitWatchdog.HALTED);
        assertThatThrownBy(() -> ExitWatchdog.assertExitedByItself(run, WHY))
                .hasMessageContaining("main has run for 500 ms and has not returned")
                .hasMessageContaining("\"main\" (not daemon, WAITING)")
                .hasMessageContaining("MainNeverReturns.main");
    }

    /** A main that throws. */
    public static final class MainThrows {
        public static void main(String[] args) {
            ExitWatchdog.arm(Duration.ofSeconds(5), Duration.ofSeconds(1));
            throw new IllegalStateException("broken on purpose");
        }
    }

    @Test
    @DisplayName("reports a JVM that ended with an error code, with what it printed")
    void reportsAnErrorExit() {
        var run = ChildJvm.run(MainThrows.class, DEADLINE);

        assertThatThrownBy(() -> ExitWatchdog.assertExitedByItself(run, WHY))
                .hasMessageContaining("ended with exit code 1")
                .hasMessageContaining("broken on purpose")
                .hasMessageNotContaining(WHY);
    }
}
