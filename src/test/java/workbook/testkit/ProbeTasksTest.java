package workbook.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("ProbeTasks")
class ProbeTasksTest {

    private static final Duration SHORT_MEETING = Duration.ofMillis(200);
    private static final Duration DEADLINE = Duration.ofSeconds(2);

    @Test
    @DisplayName("passes tasks that all run at once, each on a thread of its own")
    void passesTasksRunTogether() throws InterruptedException {
        var probes = ProbeTasks.of("runAll", 4);
        var threads = new ArrayList<Thread>();
        for (var task : probes.handOut()) {
            threads.add(Thread.ofPlatform().start(task));
        }
        probes.awaitAllRunning(DEADLINE);
        for (var thread : threads) {
            assertThat(thread.join(DEADLINE)).as("a probe task that met the others finishes").isTrue();
        }
        assertThat(probes.finished()).isEqualTo(4);
    }

    @Test
    @DisplayName("catches tasks run one after another on a thread of their own")
    void catchesTasksRunOneAfterAnother() {
        var probes = ProbeTasks.of("runAll", 4).meetingDeadline(SHORT_MEETING);
        var tasks = probes.handOut();
        Thread.ofPlatform().name("sequential").start(() -> tasks.forEach(Runnable::run));
        assertThatThrownBy(() -> probes.awaitAllRunning(DEADLINE))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Task 0 started on thread \"sequential\"")
                .hasMessageContaining("it was the only one started")
                .hasMessageContaining("one after another");
    }

    @Test
    @DisplayName("catches tasks run a few at a time, as a pool with fewer threads than tasks runs them")
    void catchesTasksRunAFewAtATime() throws InterruptedException {
        var probes = ProbeTasks.of("runAll", 4).meetingDeadline(SHORT_MEETING);
        var pool = Executors.newFixedThreadPool(2);
        try {
            probes.handOut().forEach(pool::execute);
            assertThatThrownBy(() -> probes.awaitAllRunning(DEADLINE))
                    .isInstanceOf(AssertionError.class)
                    .hasMessageContaining("only 2 of the 4 tasks had started")
                    .hasMessageContaining("a few at a time")
                    .hasMessageContaining("newFixedThreadPool");
        } finally {
            pool.shutdown();
            assertThat(pool.awaitTermination(DEADLINE.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
        }
    }

    @Test
    @DisplayName("catches a task run in place, on the thread that handed it out, without waiting for the others")
    void catchesATaskRunInPlace() {
        var probes = ProbeTasks.of("runAll", 3).meetingDeadline(Duration.ofMinutes(1));
        probes.handOut().getFirst().run();
        assertThatThrownBy(() -> probes.awaitAllRunning(DEADLINE))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Task 0 ran on the thread that called runAll (\"" + Thread.currentThread().getName() + "\")")
                .hasMessageContaining("start()")
                .hasMessageContaining("parallel stream");
    }

    @Test
    @DisplayName("catches tasks that never run")
    void catchesTasksNeverRun() {
        var probes = ProbeTasks.of("runAll", 3);
        probes.handOut();
        assertThatThrownBy(() -> probes.awaitAllRunning(Duration.ofMillis(100)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("None of the 3 tasks handed to runAll had started");
    }

    @Test
    @DisplayName("catches a task run twice")
    void catchesATaskRunTwice() throws InterruptedException {
        var probes = ProbeTasks.of("runAll", 2);
        var tasks = probes.handOut();
        var both = tasks.stream().map(task -> Thread.ofPlatform().start(task)).toList();
        for (var thread : both) {
            assertThat(thread.join(DEADLINE)).as("tasks that met finishing").isTrue();
        }
        assertThat(Thread.ofPlatform().start(tasks.getFirst()).join(DEADLINE)).isTrue();
        assertThatThrownBy(() -> probes.awaitAllRunning(DEADLINE))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Task 0 ran a second time");
    }

    @Test
    @DisplayName("holds tasks that have met until they are released")
    void holdsTasksUntilReleased() throws InterruptedException {
        var probes = ProbeTasks.of("runAll", 2).heldUntilReleased();
        List<Thread> threads = probes.handOut().stream().map(task -> Thread.ofPlatform().start(task)).toList();
        probes.awaitAllRunning(DEADLINE);
        for (var thread : threads) {
            assertThat(thread.join(Duration.ofMillis(50))).as("a held task finishing before its release").isFalse();
        }
        assertThat(probes.finished()).isZero();
        probes.release();
        for (var thread : threads) {
            assertThat(thread.join(DEADLINE)).as("a released task finishing").isTrue();
        }
        assertThat(probes.finished()).isEqualTo(2);
    }
}
