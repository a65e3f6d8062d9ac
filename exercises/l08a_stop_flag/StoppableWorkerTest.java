package l08a_stop_flag;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import workbook.testkit.StaleReads;
import workbook.testkit.ThreadWatch;

class StoppableWorkerTest {

    private static final Duration DEADLINE = Duration.ofSeconds(2);

    /** In a JVM with the JIT on: a worker with an empty step spins; stop() must end its loop. */
    static final class CompiledLoopProbe {
        public static void main(String[] args) {
            var worker = new StoppableWorker(() -> {});
            StaleReads.watchUntilItEnds(Thread.ofPlatform().daemon().name("worker").start(worker), worker::stop);
        }
    }

    /** In a JVM with the JIT on: another thread keeps asking isStopRequested() while stop() is called. */
    static final class QueryProbe {
        public static void main(String[] args) {
            StaleReads.watch(new StoppableWorker(() -> {}), StoppableWorker::isStopRequested, StoppableWorker::stop);
        }
    }

    private static final String STEP_AFTER_STOP_WHY = """
            Why: stop() asks the worker to stop after the step it is running, so the loop must check the \
            request before each step, not only now and then; and a copy of the flag taken once, before \
            the loop, never changes.""";

    @Test
    @DisplayName("a stop requested before run() starts means run() takes no step")
    void stopBeforeRunTakesNoStep() throws InterruptedException {
        var steps = new Steps();
        var worker = new StoppableWorker(steps);
        worker.stop();
        var thread = startWorker("worker", worker, steps);
        try {
            ThreadWatch.pollUntil(DEADLINE, () -> !thread.isAlive() || steps.taken() > 0);
            assertThat(steps.taken())
                    .as("""
                            run() took %d step(s), although stop() had been called before it started%s.
                            Why: a stop request must not be forgotten. Setting the flag back to false when the \
                            loop starts loses a stop() made a moment too early.""",
                            steps.taken(), thread.isAlive() ? ", and it is still running" : "")
                    .isZero();
        } finally {
            steps.poison(thread);
        }
    }

    @Test
    @DisplayName("stop() ends a running worker after the step it is in, and no further step starts")
    void stopEndsARunningWorker() throws InterruptedException {
        var steps = new Steps();
        steps.holdTheFirstStep();
        var worker = new StoppableWorker(steps);
        var thread = startWorker("worker", worker, steps);
        try {
            assertThat(steps.awaitFirstStep(DEADLINE)).as("the worker should have started its first step within %s of run()",
                    "2 s").isTrue();
            worker.stop();
            steps.releaseTheFirstStep();
            ThreadWatch.pollUntil(DEADLINE, () -> !thread.isAlive() || steps.taken() > 1);
            assertThat(thread.isAlive() && steps.taken() == 1)
                    .as("""
                            The worker was still in its first step 2 s after stop() released it.
                            Why: once the step returns, the loop must look at the stop request and end.""")
                    .isFalse();
            assertThat(steps.taken() - 1)
                    .as("""
                            Steps the worker started after stop() had returned (stop() was called during the \
                            first step)%s.
                            %s""", thread.isAlive() ? ", and it is still running" : "", STEP_AFTER_STOP_WHY)
                    .isZero();
        } finally {
            steps.poison(thread);
        }
    }

    @Test
    @DisplayName("stopping one worker leaves another one running")
    void twoWorkersStopIndependently() throws InterruptedException {
        var firstSteps = new Steps();
        var secondSteps = new Steps();
        var first = new StoppableWorker(firstSteps);
        var second = new StoppableWorker(secondSteps);
        var firstThread = startWorker("first-worker", first, firstSteps);
        var secondThread = startWorker("second-worker", second, secondSteps);
        try {
            assertThat(firstSteps.awaitFirstStep(DEADLINE) && secondSteps.awaitFirstStep(DEADLINE))
                    .as("both workers should have started a step within 2 s").isTrue();
            first.stop();
            int stepsAtStop = firstSteps.taken();
            ThreadWatch.pollUntil(DEADLINE, () -> !firstThread.isAlive() || firstSteps.taken() > stepsAtStop + 1);
            assertThat(firstSteps.taken() - stepsAtStop)
                    .as("""
                            Steps the first worker started after its stop() had returned, beyond the one it may \
                            have been about to start%s.
                            %s""", firstThread.isAlive() ? ", and it is still running" : "", STEP_AFTER_STOP_WHY)
                    .isLessThanOrEqualTo(1);
            assertThat(firstThread.isAlive()).as("the first worker should have stopped within 2 s of its stop()").isFalse();
            int before = secondSteps.taken();
            boolean stillWorking = ThreadWatch.pollUntil(DEADLINE, () -> secondSteps.taken() > before + 10 || !secondThread.isAlive());
            assertThat(stillWorking && secondThread.isAlive())
                    .as("""
                            The second worker stopped when only the first one was told to stop.
                            Why: each worker has its own stop request. A static flag is one flag shared by \
                            every worker.""")
                    .isTrue();
            assertThat(second.isStopRequested()).as("isStopRequested() of the worker nobody stopped").isFalse();
        } finally {
            firstSteps.poison(firstThread);
            secondSteps.poison(secondThread);
        }
    }

    @Test
    @DisplayName("compiled by the JIT, the worker's loop still sees stop() from another thread")
    void compiledLoopSeesStop() {
        StaleReads.assertSeen(CompiledLoopProbe.class, "the loop in run()", "stop()");
    }

    @Test
    @DisplayName("compiled by the JIT, isStopRequested() still sees stop() from another thread")
    void queryFromAnotherThreadSeesStop() {
        StaleReads.assertSeen(QueryProbe.class, "isStopRequested()", "stop()");
    }

    /** Runs the worker on a thread of its own; the poison that ends a worker which ignored stop() is not reported. */
    private static Thread startWorker(String name, StoppableWorker worker, Steps steps) {
        return Thread.ofPlatform().daemon().name(name)
                .uncaughtExceptionHandler((thread, failure) -> {
                    if (!steps.isPoisoned()) {
                        failure.printStackTrace();
                    }
                })
                .start(worker);
    }

    /**
     * The step the tests give a worker: counts the steps, can hold the first one until the test
     * lets it go, and can be poisoned so that a worker that ignores stop() ends anyway, by an
     * exception out of its next step, and does not spin on after the test.
     */
    private static final class Steps implements Runnable {
        private final AtomicInteger taken = new AtomicInteger();
        private final CountDownLatch firstStep = new CountDownLatch(1);
        private final CountDownLatch release = new CountDownLatch(1);
        private final AtomicBoolean poisoned = new AtomicBoolean();
        private volatile boolean holdFirst;

        @Override
        public void run() {
            if (poisoned.get()) {
                throw new IllegalStateException("the test is over: this worker ignored stop()");
            }
            if (taken.incrementAndGet() == 1) {
                firstStep.countDown();
                if (holdFirst) {
                    awaitRelease();
                }
            }
        }

        void holdTheFirstStep() {
            holdFirst = true;
        }

        void releaseTheFirstStep() {
            release.countDown();
        }

        boolean awaitFirstStep(Duration deadline) throws InterruptedException {
            return firstStep.await(deadline.toNanos(), TimeUnit.NANOSECONDS);
        }

        boolean isPoisoned() {
            return poisoned.get();
        }

        int taken() {
            return taken.get();
        }

        void poison(Thread worker) throws InterruptedException {
            poisoned.set(true);
            release.countDown();
            worker.join(DEADLINE);
        }

        private void awaitRelease() {
            try {
                release.await(DEADLINE.toNanos(), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
