package workbook.testkit;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * A counter that notes which threads used it, so that a test can see what a benchmark's threads
 * shared: one tally used by every thread, or one per thread.
 *
 * <p>JMH decides how many instances of a {@code @State} class exist, and which thread gets which;
 * nothing of that shows in a benchmark's score. A benchmark that increments a {@code ThreadTally}
 * leaves a record instead: after a run, {@link #tallyCountByUsers()} says how many tallies were
 * used by how many threads each ({@code {4=1}}: one tally, four threads; {@code {1=4}}: four
 * tallies, one thread each).
 *
 * <pre>{@code
 * ThreadTally.forget();
 * JmhRun.run(SharingBenchmark.class, run -> run);   // in the child JVM
 * System.out.println(ThreadTally.tallyCountByUsers());
 * }</pre>
 *
 * <p>Whether the threads really ran side by side shows too: after {@link #expectTogether(int)}, a
 * thread's first increment waits (up to a second) inside {@code increment()} until that many
 * threads have made theirs. Threads that can only enter one at a time (a {@code synchronized}
 * benchmark method on a shared object) never all get there while the first one waits, and
 * {@link #metTogether()} turns false; the waiting then stops, so it costs that one second once.
 *
 * <p>Noting a thread costs a set insertion only when the thread differs from the last one that
 * used the tally, so a tally used by one thread costs an {@code AtomicLong} increment and a read.
 * At most 1000 tallies are noted between two {@link #forget()}s: a benchmark that makes one per
 * call would otherwise fill the heap.
 */
public final class ThreadTally {

    private static final Set<ThreadTally> USED = ConcurrentHashMap.newKeySet();
    private static final int MOST_NOTED = 1000;
    private static final Duration PATIENCE = Duration.ofSeconds(1);
    private static final Set<Thread> ARRIVED = ConcurrentHashMap.newKeySet();
    private static volatile int expectedTogether = 1;
    private static volatile boolean keptApart;

    private final AtomicLong count = new AtomicLong();
    private final Set<Thread> users = ConcurrentHashMap.newKeySet();
    private volatile Thread lastUser;

    /** Adds one and returns the new count. */
    public long increment() {
        var me = Thread.currentThread();
        if (lastUser != me) {
            lastUser = me;
            if (users.add(me) && USED.size() < MOST_NOTED) {
                USED.add(this);
            }
            if (ARRIVED.add(me)) {
                awaitTheOthers();
            }
        }
        return count.incrementAndGet();
    }

    /** A thread's first increment waits for the others' first, so that threads kept apart show. */
    private static void awaitTheOthers() {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!keptApart && ARRIVED.size() < expectedTogether) {
            if (System.nanoTime() > deadline) {
                keptApart = true;
                return;
            }
            LockSupport.parkNanos(100_000);
        }
    }

    /** From now on, each thread's first increment waits until {@code threads} threads have made theirs. */
    public static void expectTogether(int threads) {
        expectedTogether = threads;
    }

    /** False when a thread waited in vain, inside its first increment, for the others to make theirs. */
    public static boolean metTogether() {
        return !keptApart;
    }

    /** How many tallies were used since the last {@link #forget()} (at most 1000), by number of threads: users -> tallies. */
    public static Map<Integer, Integer> tallyCountByUsers() {
        var counts = new TreeMap<Integer, Integer>();
        USED.forEach(tally -> counts.merge(tally.users.size(), 1, Integer::sum));
        return counts;
    }

    /** Forgets every use so far, and whether threads met; call it before the run to be judged. */
    public static void forget() {
        USED.forEach(tally -> {
            tally.users.clear();
            tally.lastUser = null;
        });
        USED.clear();
        ARRIVED.clear();
        keptApart = false;
    }
}
