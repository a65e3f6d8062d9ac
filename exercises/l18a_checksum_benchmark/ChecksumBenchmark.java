package l18a_checksum_benchmark;

import java.util.Random;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * How long a checksum of {@code size} ints takes. As written, JMH reports about a nanosecond per
 * call whatever the size.
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
    public void checksum() {
        // TODO: nothing uses this checksum, so the JIT deletes the loop and JMH times an empty method
        int hash = 1;
        for (int value : values) {
            hash = 31 * hash + value;
        }
    }
}
