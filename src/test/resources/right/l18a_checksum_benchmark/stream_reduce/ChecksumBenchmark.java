package l18a_checksum_benchmark;

import java.util.Random;
import java.util.stream.IntStream;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** Right: a stream computes the same checksum and the method returns it, so JMH consumes it and the work must run. */
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
        return IntStream.of(values).reduce(1, (hash, value) -> 31 * hash + value);
    }
}
