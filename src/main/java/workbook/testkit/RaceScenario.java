package workbook.testkit;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * A race, run again and again within a time budget until it goes wrong once.
 *
 * <p>One run of a racy program often comes out right: the threads happen not to interleave at the
 * bad moment ({@code ./workbook demo 02} shows an unguarded counter losing nothing in some runs).
 * A test that runs the race once passes broken code.
 * So a scenario is a <em>trial</em>: a fresh state, several threads released together onto it, and
 * a check of the result once they have all finished. The trial is repeated until the check fails
 * (the test fails at once, with the check's message) or the budget is spent (the test passes). The
 * budget is wall time, stretched by the share of it a busy machine kept the racing threads from a
 * core, so a loaded machine races as much as an idle one.
 * A correct solution therefore costs the whole budget; keep budgets short and few.
 *
 * <p>Races show up far more often when the code under test is interpreted, not compiled: the JIT
 * keeps a field in a register and writes it once at the end of a loop. The workbook starts every
 * exercise test with the exercise packages excluded from the JIT, which is what makes a missing
 * lock fail every time rather than most of the time.
 *
 * <pre>{@code
 * RaceScenario.of("adder", Counter::new)
 *         .threads(4)
 *         .eachThread((counter, index) -> {
 *             for (int i = 0; i < 20_000; i++) counter.increment();
 *         })
 *         .afterAllThreads(counter -> Counts.assertNoLostUpdates("increment()", 4, 20_000, counter.get()))
 *         .repeatFor(Duration.ofMillis(500));
 * }</pre>
 *
 * @param <S> the shared state the threads race on, made fresh for every trial
 */
public final class RaceScenario<S> {

    /** What one thread does to the shared state; {@code index} runs from 0 to threads - 1. */
    @FunctionalInterface
    public interface ThreadWork<S> {
        void run(S state, int index) throws Exception;
    }

    /** The invariant checked after every trial; it fails by throwing an {@link AssertionError}. */
    @FunctionalInterface
    public interface Check<S> {
        void verify(S state) throws Exception;
    }

    private static final int STEADY_MILLIS = 100;

    private final String name;
    private final Supplier<S> freshState;
    private int threads = 4;
    private ThreadWork<S> work;
    private Check<S> check = state -> {};
    private Duration trialDeadline = Duration.ofSeconds(5);
    private Class<?> stuckIn;

    private RaceScenario(String name, Supplier<S> freshState) {
        this.name = name;
        this.freshState = freshState;
    }

    /** A scenario whose threads are named after {@code name} and race on a fresh state each trial. */
    public static <S> RaceScenario<S> of(String name, Supplier<S> freshState) {
        return new RaceScenario<>(name, Objects.requireNonNull(freshState));
    }

    /** How many threads race in each trial (4 unless set). */
    public RaceScenario<S> threads(int count) {
        this.threads = count;
        return this;
    }

    public RaceScenario<S> eachThread(ThreadWork<S> work) {
        this.work = work;
        return this;
    }

    public RaceScenario<S> afterAllThreads(Check<S> check) {
        this.check = check;
        return this;
    }

    /** How long one trial may take before its threads count as stuck (5 s unless set). */
    public RaceScenario<S> trialDeadline(Duration deadline) {
        this.trialDeadline = deadline;
        return this;
    }

    /**
     * Ends a trial as stuck before its deadline once every racing thread still running waits in a
     * call made by code of {@code type} and none has moved for {@value #STEADY_MILLIS} ms: a lock
     * that was never given back, or threads that wait for each other.
     */
    public RaceScenario<S> stuckWhenAllWaitIn(Class<?> type) {
        this.stuckIn = type;
        return this;
    }

    /**
     * Runs trials until one fails its check or {@code budget} is spent; at least one trial runs.
     *
     * @throws AssertionError with the check's message and the trial it failed on, with a worker's
     *     failure, or with a report of the stuck threads when a trial misses its deadline
     */
    public void repeatFor(Duration budget) {
        Objects.requireNonNull(work, "say what each thread does with eachThread(...)");
        var racing = new RacingTime(budget, threads);
        long start = System.nanoTime();
        int trial = 0;
        do {
            trial++;
            S state = freshState.get();
            try {
                long raceStart = System.nanoTime();
                var workers = Workers.start(name, threads, index -> {
                    try {
                        work.run(state, index);
                    } finally {
                        racing.addThisThreadsTime();
                    }
                });
                if (stuckIn == null) {
                    workers.awaitCompletion(trialDeadline);
                } else {
                    workers.awaitCompletion(trialDeadline, stuckIn, Duration.ofMillis(STEADY_MILLIS));
                }
                racing.addRace(System.nanoTime() - raceStart);
                check.verify(state);
            } catch (AssertionError failure) {
                throw caughtOn(trial, start, failure);
            } catch (Exception failure) {
                throw caughtOn(trial, start, new AssertionError("the check threw " + failure, failure));
            }
        } while (!racing.budgetSpent());
    }

    /**
     * The budget, counted in wall time the machine really gave the racing threads. On a busy machine
     * the threads spend much of the wall time waiting for a core, and racing threads that do not run
     * cannot race: a plain wall-time budget would give a broken solution fewer chances to show itself
     * exactly when the machine is loaded. So each trial measures what share of its racing the
     * threads could do: the time each spent on a core, blocked on a lock another racer held, or
     * waiting for the others, against the wall time of the race on as many cores as it can use. The
     * whole run's wall time (set-up and checks included) counts at that share. A budget of 500 ms
     * is 500 ms of wall time on an idle machine; a busy machine takes longer to spend it, up to
     * {@value #WALL_TIME_CAP}× the budget.
     *
     * <p>Counting only the racing threads' CPU time, as this class first did, made correct answers
     * slow: threads taking turns at a lock are blocked most of the time, and a trial whose set-up and
     * check take longer than its race spends little budget, so such tests ran to the cap, ten times
     * their budget, on an idle machine too (bench/RESULTS.md, "Race budgets").
     */
    private static final class RacingTime {
        private static final int WALL_TIME_CAP = 10;
        private static final ThreadMXBean MX = ManagementFactory.getThreadMXBean();
        private static final boolean MEASURABLE = startMeasuring();

        private final long budgetNanos;
        private final long start = System.nanoTime();
        private final long wallDeadline;
        private final int parallel;
        private final AtomicLong threadNanos = new AtomicLong();
        private long raceWallNanos;

        RacingTime(Duration budget, int threads) {
            this.budgetNanos = budget.toNanos();
            this.parallel = Math.min(threads, Runtime.getRuntime().availableProcessors());
            this.wallDeadline = start + budget.toNanos() * WALL_TIME_CAP;
        }

        /** Whether the JVM can say how long a thread ran, blocked and waited; turns the counting of the last two on. */
        private static boolean startMeasuring() {
            if (!MX.isCurrentThreadCpuTimeSupported() || !MX.isThreadCpuTimeEnabled() || !MX.isThreadContentionMonitoringSupported()) {
                return false;
            }
            MX.setThreadContentionMonitoringEnabled(true);
            return true;
        }

        /** Called by each racing thread as it ends, so that its counts cover its whole life. */
        void addThisThreadsTime() {
            if (MEASURABLE) {
                var info = MX.getThreadInfo(Thread.currentThread().threadId());
                long blockedOrWaitingMillis = info == null ? 0 : Math.max(0, info.getBlockedTime()) + Math.max(0, info.getWaitedTime());
                threadNanos.addAndGet(MX.getCurrentThreadCpuTime() + blockedOrWaitingMillis * 1_000_000);
            }
        }

        /** Called once a trial's threads have all ended, with how long they raced. */
        void addRace(long wallNanos) {
            raceWallNanos += wallNanos;
        }

        boolean budgetSpent() {
            long now = System.nanoTime();
            if (now >= wallDeadline) {
                return true;
            }
            double share = !MEASURABLE || raceWallNanos == 0 ? 1 : Math.min(1, threadNanos.get() / ((double) parallel * raceWallNanos));
            return (now - start) * share >= budgetNanos;
        }
    }

    private AssertionError caughtOn(int trial, long start, AssertionError failure) {
        var elapsed = Duration.ofNanos(System.nanoTime() - start);
        var message = """
                %s
                (Caught on trial %d, after %s: each trial starts %d "%s" threads together on a fresh \
                state. Correct code survives every trial.)""".formatted(
                failure.getMessage(), trial, Durations.readable(elapsed), threads, name);
        var error = new AssertionError(message, failure.getCause());
        error.setStackTrace(failure.getStackTrace());
        for (var suppressed : failure.getSuppressed()) {
            error.addSuppressed(suppressed);
        }
        return error;
    }
}
