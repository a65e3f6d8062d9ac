package l18b_state_scopes;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;

import workbook.testkit.ThreadTally;

/** Right: the benchmark class itself is the Scope.Benchmark state, one instance for all threads, and a nested Scope.Thread state gives each thread its ThreadTally. */
@Threads(4)
@State(Scope.Benchmark)
public class SharingBenchmark {

    private final ThreadTally sharedTally = new ThreadTally();

    @State(Scope.Thread)
    public static class Own {
        final ThreadTally tally = new ThreadTally();
    }

    @Benchmark
    public long shared() {
        return sharedTally.increment();
    }

    @Benchmark
    public long perThread(Own state) {
        return state.tally.increment();
    }
}
