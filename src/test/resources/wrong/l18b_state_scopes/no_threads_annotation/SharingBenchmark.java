package l18b_state_scopes;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

import workbook.testkit.ThreadTally;

/** Wrong: without @Threads JMH runs each benchmark on one thread, so the shared ThreadTally is never contended. */
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
    public long perThread(Own state) {
        return state.tally.increment();
    }
}
