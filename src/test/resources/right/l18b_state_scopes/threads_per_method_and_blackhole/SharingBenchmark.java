package l18b_state_scopes;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.infra.Blackhole;

import workbook.testkit.ThreadTally;

/** Right: @Threads on each method runs both with four threads, and a Blackhole consumes each count instead of a return value. */
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
    @Threads(4)
    public void shared(Shared state, Blackhole blackhole) {
        blackhole.consume(state.tally.increment());
    }

    @Benchmark
    @Threads(4)
    public void perThread(Own state, Blackhole blackhole) {
        blackhole.consume(state.tally.increment());
    }
}
