package l18a_checksum_benchmark;

import java.util.Random;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/** Wrong: the Blackhole gets the array, not the checksum, so the loop is still dead code and the JIT deletes it. */
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
    public void checksum(Blackhole blackhole) {
        int hash = 1;
        for (int value : values) {
            hash = 31 * hash + value;
        }
        blackhole.consume(values);
    }
}
