package l18b_state_scopes;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;

import workbook.testkit.ThreadTally;

/** Right: one shared state holds a ThreadLocal, so each of JMH's threads gets a ThreadTally of its own and keeps it for the run. */
@Threads(4)
public class SharingBenchmark {

    @State(Scope.Benchmark)
    public static class Shared {
        final ThreadTally tally = new ThreadTally();
    }

    @State(Scope.Benchmark)
    public static class Own {
        final ThreadLocal<ThreadTally> tally = ThreadLocal.withInitial(ThreadTally::new);
    }

    @Benchmark
    public long shared(Shared state) {
        return state.tally.increment();
    }

    @Benchmark
    public long perThread(Own state) {
        return state.tally.get().increment();
    }
}
