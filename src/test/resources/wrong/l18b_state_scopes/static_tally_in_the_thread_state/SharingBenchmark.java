package l18b_state_scopes;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;

import workbook.testkit.ThreadTally;

/** Wrong: the ThreadTally is a static field, one for the whole JVM, so every thread shares it whatever the state's scope says. */
@Threads(4)
public class SharingBenchmark {

    @State(Scope.Benchmark)
    public static class Shared {
        final ThreadTally tally = new ThreadTally();
    }

    @State(Scope.Thread)
    public static class Own {
        static final ThreadTally tally = new ThreadTally();
    }

    @Benchmark
    public long shared(Shared state) {
        return state.tally.increment();
    }

    @Benchmark
    public long perThread(Own state) {
        return Own.tally.increment();
    }
}
