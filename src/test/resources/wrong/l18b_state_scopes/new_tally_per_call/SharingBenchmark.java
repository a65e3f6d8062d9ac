package l18b_state_scopes;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;

import workbook.testkit.ThreadTally;

/** Wrong: a new ThreadTally in every call measures an allocation and one increment of a fresh counter, not a counter each thread keeps. */
@Threads(4)
public class SharingBenchmark {

    @State(Scope.Benchmark)
    public static class Shared {
        final ThreadTally tally = new ThreadTally();
    }

    @State(Scope.Thread)
    public static class Own {
        final ThreadTally tally = new ThreadTally();
    }

    @Benchmark
    public long shared(Shared state) {
        return state.tally.increment();
    }

    @Benchmark
    public long perThread() {
        return new ThreadTally().increment();
    }
}
