package l18a_checksum_benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import workbook.testkit.JmhRun;

class ChecksumBenchmarkTest {

    private static final String SMALL = "1000";
    private static final String LARGE = "16000";
    /** 16 times the values; real work takes about 16 times as long, deleted work the same nanosecond. */
    private static final double LEAST_GROWTH = 4;

    /** In a JVM with the JIT on: a tiny JMH run of checksum() at both sizes. */
    static final class ChecksumProbe {
        public static void main(String[] args) {
            JmhRun.printScores(ChecksumBenchmark.class, run -> run.param("size", SMALL, LARGE));
        }
    }

    @Test
    @DisplayName("JMH's score grows with the size: the checksum is really computed, compiled by the JIT")
    void theMeasuredWorkGrowsWithTheSize() {
        var run = JmhRun.inChildJvm(ChecksumProbe.class, ChecksumBenchmark.class);
        double small = run.best("checksum", Map.of("size", SMALL));
        double large = run.best("checksum", Map.of("size", LARGE));
        assertThat(large / small)
                .as(String.format(Locale.ROOT, """
                        JMH measured checksum() at %.1f ns per call for %s values and %.1f ns for %s: 16 times the \
                        values took only %.1f times as long.%s
                        Why: JMH times what the compiled code does, not what the source says. A result that \
                        nobody uses (not returned, not given to a Blackhole) is dead code, and the JIT deletes \
                        the loop that computes it. And a benchmark that does its work in @Setup, or on data \
                        that does not come from size, measures the same thing at every size. Return the \
                        checksum (or pass it to a Blackhole) and compute it, in the benchmark method, from the \
                        values @Setup filled.""", small, SMALL, large, LARGE, large / small,
                        large < 100 ? " A loop over " + LARGE + " values cannot take " + String.format(Locale.ROOT, "%.1f", large)
                                + " ns: it did not run." : ""))
                .isGreaterThanOrEqualTo(LEAST_GROWTH);
    }
}
