package l18b_state_scopes;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

import workbook.testkit.ThreadTally;

/**
 * The claim to measure: four threads that increment one shared counter pay for it, against four
 * threads that each increment a counter of their own. As written, both benchmarks measure the same
 * thing, on one thread.
 */
// TODO: shared() must use one ThreadTally for all four threads, perThread() one ThreadTally per thread
@State(Scope.Thread)
public class SharingBenchmark {

    private final ThreadTally tally = new ThreadTally();

    @Benchmark
    public long shared() {
        return tally.increment();
    }

    @Benchmark
    public long perThread() {
        return tally.increment();
    }
}
