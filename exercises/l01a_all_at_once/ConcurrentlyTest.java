package l01a_all_at_once;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.stream.IntStream;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import workbook.testkit.BlockingCall;
import workbook.testkit.Durations;
import workbook.testkit.ProbeTasks;

class ConcurrentlyTest {

    private static final int TASKS = 5;
    private static final Duration DEADLINE = Duration.ofSeconds(2);

    @Test
    @DisplayName("every task runs exactly once")
    void everyTaskRunsOnce() {
        var runs = new AtomicIntegerArray(TASKS);
        List<Runnable> tasks = IntStream.range(0, TASKS).<Runnable>mapToObj(index -> () -> runs.incrementAndGet(index)).toList();
        var call = BlockingCall.call("caller", () -> {
            Concurrently.runAll(tasks);
            return runs;
        });
        awaitReturn(call, "its tasks (which return at once) had run");
        var runsAtReturn = call.result();
        for (int task = 0; task < TASKS; task++) {
            int timesRun = runsAtReturn.get(task);
            if (timesRun != 1) {
                throw new AssertionError("""
                        When runAll returned, task %d had run %d times.
                        Each task must run exactly once, and runAll must return only after all of them have run."""
                        .formatted(task, timesRun));
            }
        }
    }

    @Test
    @DisplayName("the tasks all run at the same time, each on a thread of its own")
    void tasksRunAtTheSameTime() {
        var probes = ProbeTasks.of("runAll", TASKS);
        var call = BlockingCall.call("caller", () -> {
            Concurrently.runAll(probes.handOut());
            return null;
        });
        try {
            probes.awaitAllRunning(DEADLINE);
        } finally {
            call.awaitDone(DEADLINE);
        }
        awaitReturn(call, "all its tasks had finished");
        call.result();
    }

    @Test
    @DisplayName("runAll waits until every task has finished, and only then returns")
    void runAllWaitsForEveryTask() {
        var probes = ProbeTasks.of("runAll", TASKS).heldUntilReleased();
        var call = BlockingCall.call("caller", () -> {
            Concurrently.runAll(probes.handOut());
            return probes.finished();
        });
        try {
            probes.awaitAllRunning(DEADLINE);
            if (!call.awaitWaitingOrDone(DEADLINE)) {
                throw new AssertionError("""
                        All %d tasks were running, and %s later runAll was still busy, neither waiting \
                        nor returned:
                        %s
                        A loop that keeps asking isAlive() keeps a core busy doing nothing; join() waits \
                        without using the CPU.""".formatted(TASKS, Durations.readable(DEADLINE), call.describe()));
            }
            if (call.isDone()) {
                call.result();
                throw new AssertionError("""
                        runAll returned while all %d of its tasks were still running (each was waiting \
                        for this test to let it finish).
                        Why: starting a thread does not wait for it. A caller that gets control back \
                        before the tasks are done would read results that do not exist yet. After \
                        starting every thread, wait for each one with join() before returning."""
                        .formatted(TASKS));
            }
            probes.release();
            awaitReturn(call, "its tasks were let go and finished");
        } finally {
            probes.release();
            call.awaitDone(DEADLINE);
        }
        int finishedAtReturn = call.result();
        if (finishedAtReturn != TASKS) {
            throw new AssertionError("""
                    runAll returned when only %d of its %d tasks had finished. It must wait for every \
                    one of them: join() each thread, not just some of them.""".formatted(finishedAtReturn, TASKS));
        }
    }

    private static void awaitReturn(BlockingCall<?> call, String after) {
        if (!call.awaitDone(DEADLINE)) {
            throw new AssertionError("""
                    runAll had not returned %s after %s; it seems to wait for something that never happens:
                    %s""".formatted(Durations.readable(DEADLINE), after, call.describe()));
        }
    }
}
