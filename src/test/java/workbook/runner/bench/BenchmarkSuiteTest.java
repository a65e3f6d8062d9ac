package workbook.runner.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.runner.BenchmarkList;
import org.openjdk.jmh.runner.BenchmarkListEntry;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * The benchmark suite as the build leaves it: JMH's annotation processor generated every family's
 * harness, and a run's forks measure with their own JVM options, never the runner's.
 */
@DisplayName("the JMH benchmark suite")
class BenchmarkSuiteTest {

    @Test
    @DisplayName("JMH's benchmark list, made at build time, holds every family ./workbook bench names")
    void everyFamilyIsInTheBenchmarkList() {
        var silent = OutputFormatFactory.createFormatInstance(new PrintStream(OutputStream.nullOutputStream()), VerboseMode.SILENT);
        var list = BenchmarkList.defaultList();
        for (var family : Family.values()) {
            var found = list.find(silent, List.of(family.include()), List.of()).stream().map(BenchmarkListEntry::getUserClassQName).toList();
            assertThat(found).as("benchmarks of " + family.id() + " in META-INF/BenchmarkList (written by jmh-generator-annprocess at compile time)")
                    .isNotEmpty()
                    .containsOnly(family.benchmarkClass().getName());
        }
        assertThat(Family.names()).isEqualTo("counter, false-sharing, blocking-tasks, parallel-sum, thread-cost");
    }

    @Test
    @DisplayName("forks get their own JVM options: not the runner's JIT exclusion, first-tier compiler, serial GC or class-data archive")
    void forksDoNotInheritTheRunnersOptions() {
        for (var length : RunLength.values()) {
            var options = BenchmarkRun.options(Family.COUNTER, length, 2, Path.of("counter.json"));
            assertThat(options.getJvmArgs().hasValue()).as("JVM options set for the forks, so that JMH does not copy the runner's").isTrue();
            assertThat(options.getJvmArgs().get()).containsExactlyElementsOf(BenchmarkRun.forkOptions())
                    .noneMatch(option -> option.contains("CompileCommand") || option.contains("TieredStopAtLevel")
                            || option.contains("SharedArchiveFile") || option.contains("UseSerialGC") || option.startsWith("@"));
            assertThat(options.getForkCount().get()).as("forks in a " + length.id() + " run: measuring in the runner's own JVM is never right").isPositive();
            assertThat(options.getThreads().get()).isEqualTo(2);
            assertThat(options.getIncludes()).containsExactly(Family.COUNTER.include());
        }
        assertThat(BenchmarkRun.options(Family.FALSE_SHARING, RunLength.SHORT, 0, Path.of("x.json")).getThreads().hasValue())
                .as("threads left to the class's @Group").isFalse();
    }
}
