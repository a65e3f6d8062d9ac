package l18b_state_scopes;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;

import workbook.testkit.ThreadTally;

/** Wrong: the "shared" state has Scope.Thread, so JMH gives each thread its own ThreadTally and nothing is shared. */
@Threads(4)
public class SharingBenchmark {

    @State(Scope.Thread)
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
    public long perThread(Own state) {
        return state.tally.increment();
    }
}
