package workbook.testkit;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

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
 * <p>Noting a thread costs a set insertion only when the thread differs from the last one that
 * used the tally, so a tally used by one thread costs an {@code AtomicLong} increment and a read.
 * At most 1000 tallies are noted between two {@link #forget()}s: a benchmark that makes one per
 * call would otherwise fill the heap.
 */
public final class ThreadTally {

    private static final Set<ThreadTally> USED = ConcurrentHashMap.newKeySet();
    private static final int MOST_NOTED = 1000;

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
        }
        return count.incrementAndGet();
    }

    /** How many tallies were used since the last {@link #forget()} (at most 1000), by number of threads: users -> tallies. */
    public static Map<Integer, Integer> tallyCountByUsers() {
        var counts = new TreeMap<Integer, Integer>();
        USED.forEach(tally -> counts.merge(tally.users.size(), 1, Integer::sum));
        return counts;
    }

    /** Forgets every use so far; call it before the run to be judged. */
    public static void forget() {
        USED.forEach(tally -> {
            tally.users.clear();
            tally.lastUser = null;
        });
        USED.clear();
    }
}
