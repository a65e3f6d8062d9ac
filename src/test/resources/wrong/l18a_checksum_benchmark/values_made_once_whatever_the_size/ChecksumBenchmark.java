package l18a_checksum_benchmark;

import java.util.Random;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** Wrong: the values are made once, 1000 of them, whatever size says, so every size measures the same work. */
@State(Scope.Thread)
public class ChecksumBenchmark {

    @Param({"1000", "16000"})
    public int size;

    private final int[] values = new Random(42).ints(1000).toArray();

    @Setup
    public void fill() {
        // the sample data is ready: the field initializer made it
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
