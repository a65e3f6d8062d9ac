package l18a_checksum_benchmark;

import java.util.Random;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * How long a checksum of {@code size} ints takes.
 *
 * <p>The checksum is returned: JMH hands whatever a benchmark returns to a {@code Blackhole}, which
 * the JIT cannot see through, so the loop that computes it has to run. The values come from the
 * state, filled in {@code @Setup} outside the timed calls, so the work depends on {@code size} and
 * on data the compiler cannot know in advance.
 */
@State(Scope.Thread)
public class ChecksumBenchmark {

    @Param({"1000", "16000"})
    public int size;

    private int[] values;

    @Setup
    public void fill() {
        values = new Random(42).ints(size).toArray();
    }

    @Benchmark
    public int checksum() {
        int hash = 1;
        for (int value : values) {
            hash = 31 * hash + value;
        }
        return hash;
    }
}
