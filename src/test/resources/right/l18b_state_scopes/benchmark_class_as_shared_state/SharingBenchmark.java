package l18b_state_scopes;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;

/** Right: the benchmark class itself is the Scope.Benchmark state, one instance for all threads, and a nested Scope.Thread state gives each thread its Tally. */
@Threads(4)
@State(Scope.Benchmark)
public class SharingBenchmark {

    private final Tally sharedTally = new Tally();

    @State(Scope.Thread)
    public static class Own {
        final Tally tally = new Tally();
    }

    @Benchmark
    public long shared() {
        return sharedTally.increment();
    }

    @Benchmark
    public long perThread(Own state) {
        return state.tally.increment();
    }

    /** A counter that notes which threads used it, so that the test sees what your states share. Keep it as it is. */
    public static final class Tally {
        private static final Set<Tally> USED = ConcurrentHashMap.newKeySet();
        private static final int MOST_NOTED = 1000;

        private final AtomicLong count = new AtomicLong();
        private final Set<Thread> users = ConcurrentHashMap.newKeySet();
        private volatile Thread lastUser;

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

        /** How many tallies were used since the last {@link #forget()} (up to 1000), by how many threads each. */
        public static Map<Integer, Integer> tallyCountByUsers() {
            var counts = new TreeMap<Integer, Integer>();
            USED.forEach(tally -> counts.merge(tally.users.size(), 1, Integer::sum));
            return counts;
        }

        public static void forget() {
            USED.forEach(tally -> {
                tally.users.clear();
                tally.lastUser = null;
            });
            USED.clear();
        }
    }
}
