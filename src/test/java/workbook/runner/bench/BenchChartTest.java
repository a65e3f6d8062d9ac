package workbook.runner.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;

import org.jfree.chart.title.TextTitle;
import org.jfree.data.statistics.DefaultStatisticalCategoryDataset;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** What a benchmark chart says besides its bars, from the JMH results in {@code src/test/resources/bench/}. */
@DisplayName("a benchmark chart")
class BenchChartTest {

    private static final Path FIXTURE = Path.of("src/test/resources/bench");

    @Test
    @DisplayName("names the machine, the load, the run's length, and where the error bars come from")
    void namesTheMachine() throws IOException {
        var machine = Machine.read(BenchmarkRun.machineFile(FIXTURE, Family.COUNTER));
        var chart = BenchChart.chart(Family.COUNTER, Measurement.read(FIXTURE.resolve("counter.json")), machine);
        var subtitles = chart.getSubtitles().stream().filter(TextTitle.class::isInstance).map(title -> ((TextTitle) title).getText()).toList();
        assertThat(String.join("\n", subtitles))
                .contains(machine.cores() + " cores (" + machine.cpu() + ")")
                .contains(machine.jdk())
                .contains(machine.date())
                .contains("short run: 1 fork").contains("not figures to quote")
                .contains("load average")
                .contains("error bars: JMH's score error (99.9 % confidence interval");
    }

    @Test
    @DisplayName("of a family run at 1, 2 and 4 threads groups the bars by thread count, and marks more threads than cores")
    void groupsByThreads() throws IOException {
        var machine = Machine.read(BenchmarkRun.machineFile(FIXTURE, Family.COUNTER));
        var measurements = Measurement.read(FIXTURE.resolve("counter.json"));
        var dataset = (DefaultStatisticalCategoryDataset) BenchChart.chart(Family.COUNTER, measurements, machine).getCategoryPlot().getDataset();
        assertThat(dataset.getColumnKeys()).hasToString("[1 thread, 2 threads, 4 threads (more than the 2 cores)]");
        assertThat(dataset.getRowKeys()).hasToString("[atomicLong, longAdder, reentrantLock, synchronizedBlock]");
        var first = measurements.getFirst();
        assertThat(dataset.getMeanValue(first.name(), "1 thread").doubleValue()).isEqualTo(first.score());
        assertThat(dataset.getStdDevValue(first.name(), "1 thread").doubleValue()).isEqualTo(first.error());
    }
}
