package workbook.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** Public, as JMH requires of a class that encloses benchmarks: its generated harness lives in another package. */
@DisplayName("JmhRun")
public class JmhRunTest {

    /** A sum over {@code size} longs, once returned to JMH and once thrown away. */
    @State(Scope.Thread)
    public static class Sums {
        @Param("1000")
        public int size;
        private long[] values;

        @Setup
        public void fill() {
            values = new java.util.Random(1).longs(size).toArray();
        }

        @Benchmark
        public long returned() {
            long sum = 0;
            for (long value : values) {
                sum += value * 31 + 7;
            }
            return sum;
        }

        @Benchmark
        public void thrownAway() {
            long sum = 0;
            for (long value : values) {
                sum += value * 31 + 7;
            }
        }
    }

    /** A benchmark that fails in its setup. */
    @State(Scope.Thread)
    public static class Failing {
        @Setup
        public void fill() {
            throw new IllegalStateException("no data today");
        }

        @Benchmark
        public int nothing() {
            return 1;
        }
    }

    static final class SumsProbe {
        public static void main(String[] args) {
            JmhRun.printScores(Sums.class, run -> run.param("size", "1000", "8000"));
        }
    }

    static final class FailingProbe {
        public static void main(String[] args) {
            JmhRun.printScores(Failing.class, run -> run);
        }
    }

    @Test
    @DisplayName("runs JMH with the JIT on: a thrown-away sum is deleted, a returned one grows with its input")
    void measuresCompiledCode() {
        var run = JmhRun.inChildJvm(SumsProbe.class, Sums.class);
        assertThat(run.scores()).hasSize(4);
        double small = run.best("returned", Map.of("size", "1000"));
        double large = run.best("returned", Map.of("size", "8000"));
        double deleted = run.best("thrownAway", Map.of("size", "8000"));
        assertThat(large / small).as(run.scores().toString()).isGreaterThan(3);
        assertThat(deleted * 20).as(run.scores().toString()).isLessThan(large);
    }

    @Test
    @DisplayName("a benchmark that throws fails with JMH's reason, not a timeout")
    void reportsAFailingBenchmark() {
        assertThatThrownBy(() -> JmhRun.inChildJvm(FailingProbe.class, Failing.class))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("JMH could not run your benchmark")
                .hasMessageContaining("no data today");
    }
}
