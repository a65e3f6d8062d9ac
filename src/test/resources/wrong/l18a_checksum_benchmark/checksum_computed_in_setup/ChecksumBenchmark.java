package l18a_checksum_benchmark;

import java.util.Random;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** Wrong: the checksum is computed once, in @Setup, which JMH does not time; the benchmark measures reading a field. */
@State(Scope.Thread)
public class ChecksumBenchmark {

    @Param({"1000", "16000"})
    public int size;

    private int checksum;

    @Setup
    public void fill() {
        int hash = 1;
        for (int value : new Random(42).ints(size).toArray()) {
            hash = 31 * hash + value;
        }
        checksum = hash;
    }

    @Benchmark
    public int checksum() {
        return checksum;
    }
}
