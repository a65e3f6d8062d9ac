package l18b_state_scopes;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;

import workbook.testkit.ThreadTally;

/**
 * The claim: four threads that increment one shared counter pay for it, against four threads
 * that each increment a counter of their own.
 *
 * <p>JMH makes one instance of a {@code @State} class per scope: {@code Scope.Benchmark} gives all
 * the benchmark's threads the same {@code Shared}, {@code Scope.Thread} gives each thread its own
 * {@code Own}. A benchmark method asks for the state it needs as a parameter, so the two methods
 * differ in nothing but what they share. {@code @Threads(4)} runs each with four threads, and each
 * returns the count so JMH consumes it.
 */
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
    public long perThread(Own state) {
        return state.tally.increment();
    }
}
