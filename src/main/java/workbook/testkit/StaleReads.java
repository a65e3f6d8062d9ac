package workbook.testkit;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;



/**
 * Whether a thread that keeps reading sees another thread's write, with the JIT on: the check that
 * catches a getter without a lock, or a stop flag that is not {@code volatile}.
 *
 * <p>Such a read looks right in every other test. A read after {@code join()} is always up to
 * date, because {@code join} publishes everything the joined thread wrote. And exercise code runs
 * interpreted under the workbook's tests (that is what makes races show), and the interpreter
 * reads a field from memory every time. The compiler does not have to: with no lock and no
 * {@code volatile}, nothing orders the reader's loads after the writer's store, so C2 may load the
 * field once, before the loop, and spin on that copy for ever. That is the stale read a student
 * meets in production, and only compiled code shows it.
 *
 * <p>So the check runs in a child JVM with nothing excluded from the JIT. A reader thread calls
 * the student's read in a loop until it sees the change; the writer waits until the reader has
 * spun long enough to be compiled (with {@code -Xbatch} compilation happens while the reader
 * waits, so spinning time means compiled time), makes the change once, and watches the reader
 * for a while of the reader's own CPU time. A correct read sees the change within microseconds.
 *
 * <pre>{@code
 * // in the exercise's test class
 * static final class GetterProbe {
 *     public static void main(String[] args) {
 *         StaleReads.watch(new Counter(), counter -> counter.get() > 0, Counter::increment);
 *     }
 * }
 *
 * @Test
 * void getSeesAnIncrementMadeWhileItReads() {
 *     StaleReads.assertSeen(GetterProbe.class, "get()", "increment()");
 * }
 * }</pre>
 *
 * <p>For a loop in the student's own code (a worker that runs until {@code stop()}), the probe
 * starts the worker's thread and calls {@link #watchUntilItEnds} instead: the worker must end
 * once the change is made.
 *
 * <p>Measured on this project's machine (bench/RESULTS.md): an unguarded getter and a non-volatile
 * flag are caught every time; a guarded or volatile read passes every time.
 */
public final class StaleReads {

    private static final String SEEN = "stale-reads: saw the change";
    private static final String NEVER_SEEN = "stale-reads: never seen";
    private static final String SEEN_TOO_EARLY = "stale-reads: seen before the change";

    /** How long the reader spins, in its own CPU time, before the change: long enough to be compiled. */
    private static final Duration WARM_UP = Duration.ofMillis(150);
    /** How long the reader may spin after the change without seeing it, in its own CPU time. */
    private static final Duration PATIENCE = Duration.ofMillis(400);
    /** A cap in wall time on each of those, for a machine so loaded that the reader hardly runs. */
    private static final Duration WALL_CAP = Duration.ofSeconds(4);

    private static final List<String> CHILD_OPTIONS = List.of(
            "-Xbatch", "-XX:+UseSerialGC", "-Xshare:auto", "-XX:-UsePerfData");

    private StaleReads() {}

    /**
     * The parent's half: runs {@code probe}'s {@code main} (which calls {@link #watch}) in a child
     * JVM with the JIT on, and fails unless its reader saw the change.
     *
     * @param read   the read being judged, as the student knows it ("get()")
     * @param write  the write it must see ("increment()")
     */
    public static void assertSeen(Class<?> probe, String read, String write) {
        var run = ChildJvm.run(CHILD_OPTIONS, probe, Duration.ofSeconds(20));
        if (run.stdout().contains(SEEN)) {
            return;
        }
        if (run.stdout().contains(NEVER_SEEN)) {
            var detail = run.stdout().lines().filter(l -> l.startsWith(NEVER_SEEN)).findFirst().orElse("");
            throw new AssertionError("""
                    A thread that kept calling %1$s while another thread called %2$s never saw the change \
                    (%3$s).
                    Why: this check runs your code compiled, as it runs in real programs. With no lock \
                    around the read (or no volatile or atomic field), nothing forces a reading thread to \
                    look at memory again: the JIT may read the field once and keep the copy for ever. Every \
                    read of shared state needs the same lock as the writes (or a volatile/atomic field), \
                    not only the writes.""".formatted(read, write, detail.substring(NEVER_SEEN.length()).replaceFirst("^[:\\s]+", "")));
        }
        if (run.stdout().contains(SEEN_TOO_EARLY)) {
            throw new AssertionError(read + " already showed the change (or the loop had ended) before " + write
                    + " was called, so this check cannot judge it: a freshly made object must not look changed, and a"
                    + " worker must keep running until it is told to stop.\n" + run.describe());
        }
        throw new AssertionError("The visibility check of " + read + " did not finish.\n" + run.describe());
    }

    /**
     * The child's half, called from a probe's {@code main}: a reader thread calls
     * {@code seesTheChange} on {@code subject} until it returns true; once the reader runs compiled,
     * this thread applies {@code change} once. Prints the outcome for {@link #assertSeen} and ends
     * the JVM.
     */
    public static <S> void watch(S subject, Predicate<? super S> seesTheChange, Consumer<? super S> change) {
        if (seesTheChange.test(subject)) {
            System.out.println(SEEN_TOO_EARLY);
            System.exit(2);
        }
        var reader = new Reader<S>(subject, seesTheChange);
        var thread = Thread.ofPlatform().daemon().name("stale-reads-reader").start(reader);
        judge(thread, () -> change.accept(subject));
    }

    /**
     * The child's half for a loop that runs in the student's own code (a worker that spins until it
     * is told to stop): {@code worker} is already started and must keep running until
     * {@code change} (the stop request) is made, then end. Once the worker has run long enough to be
     * compiled, this thread makes the change once. Prints the outcome for {@link #assertSeen} and
     * ends the JVM.
     */
    public static void watchUntilItEnds(Thread worker, Runnable change) {
        judge(worker, change);
    }

    /** Waits until {@code reader} runs compiled, makes the change, and prints whether the reader ended. */
    private static void judge(Thread reader, Runnable change) {
        spinFor(reader, WARM_UP);
        if (!reader.isAlive()) {
            System.out.println(SEEN_TOO_EARLY);
            System.exit(2);
        }
        long changedAt = System.nanoTime();
        change.run();
        long cpuAtChange = cpuTime(reader);
        long wallCap = System.nanoTime() + WALL_CAP.toNanos();
        while (reader.isAlive() && cpuTime(reader) - cpuAtChange < PATIENCE.toNanos() && System.nanoTime() < wallCap) {
            joinBriefly(reader);
        }
        if (!reader.isAlive()) {
            System.out.printf("%s within %d ms%n", SEEN, (System.nanoTime() - changedAt) / 1_000_000);
            System.exit(0);
        }
        System.out.printf("%s: the reader spun for %d ms of CPU time after the change, %d ms in all%n",
                NEVER_SEEN, (cpuTime(reader) - cpuAtChange) / 1_000_000, (System.nanoTime() - changedAt) / 1_000_000);
        System.exit(1);
    }

    /** The reading loop; nothing in it but the read, so that nothing else forces a fresh load. */
    private static final class Reader<S> implements Runnable {
        private final S subject;
        private final Predicate<? super S> seesTheChange;

        Reader(S subject, Predicate<? super S> seesTheChange) {
            this.subject = subject;
            this.seesTheChange = seesTheChange;
        }

        @Override
        public void run() {
            while (!seesTheChange.test(subject)) {
                // spin: a correct read leaves this loop, and so ends the thread, as soon as the change is made
            }
        }
    }

    private static void spinFor(Thread reader, Duration cpu) {
        long wallCap = System.nanoTime() + WALL_CAP.toNanos();
        while (reader.isAlive() && cpuTime(reader) < cpu.toNanos() && System.nanoTime() < wallCap) {
            joinBriefly(reader);
        }
    }

    private static void joinBriefly(Thread reader) {
        try {
            reader.join(5);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while watching the reader", e);
        }
    }

    private static long cpuTime(Thread thread) {
        long nanos = ManagementFactory.getThreadMXBean().getThreadCpuTime(thread.threadId());
        return Math.max(nanos, 0);
    }
}
