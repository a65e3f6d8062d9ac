package l18b_state_scopes;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;

import workbook.testkit.ThreadTally;

/** Wrong: shared() is synchronized on the one benchmark object all threads share, so they queue for its lock and JMH measures the lock, not the counter. */
@Threads(4)
@State(Scope.Benchmark)
public class SharingBenchmark {

    private final ThreadTally sharedTally = new ThreadTally();

    @State(Scope.Thread)
    public static class Own {
        final ThreadTally tally = new ThreadTally();
    }

    @Benchmark
    public synchronized long shared() {
        return sharedTally.increment();
    }

    @Benchmark
    public long perThread(Own state) {
        return state.tally.increment();
    }
}
