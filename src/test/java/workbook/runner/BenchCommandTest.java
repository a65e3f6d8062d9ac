package workbook.runner;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Path;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./workbook bench}: what it says when its arguments are wrong, and its charts from a small
 * JMH result committed for the purpose ({@code src/test/resources/bench/}). Running JMH itself
 * takes minutes; the suite's own test checks what a run is given.
 */
@DisplayName("./workbook bench")
class BenchCommandTest {

    private static final Path FIXTURE = Path.of("src/test/resources/bench");

    @TempDir
    Path charts;

    @Test
    @DisplayName("--chart draws one PNG per family from JMH's JSON")
    void chartsFromJson() throws IOException {
        var run = run("--chart", "--results", FIXTURE.toString(), "--charts", charts.toString(), "counter", "false-sharing");
        assertThat(run.err()).isEmpty();
        assertThat(run.exitCode()).isZero();
        for (var name : new String[] {"counter", "false-sharing"}) {
            var png = charts.resolve(name + ".png");
            assertThat(run.out()).contains("Chart of " + name + ": " + png);
            var image = ImageIO.read(png.toFile());
            assertThat(image).as(png + " is a PNG").isNotNull();
            assertThat(image.getWidth()).isEqualTo(1000);
        }
    }

    @Test
    @DisplayName("a family is also known by its class's name")
    void familyByClassName() {
        var run = run("--chart", "--results", FIXTURE.toString(), "--charts", charts.toString(), "FalseSharingBenchmark");
        assertThat(run.exitCode()).isZero();
        assertThat(charts.resolve("false-sharing.png")).exists();
    }

    @Test
    @DisplayName("an unknown family is named, with the ones there are; exit code 2")
    void unknownFamily() {
        var run = run("--chart", "--results", FIXTURE.toString(), "--charts", charts.toString(), "counter", "contention");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("There is no benchmark family called \"contention\".")
                .contains("counter, false-sharing, blocking-tasks, parallel-sum, thread-cost");
        assertThat(charts).as("nothing drawn when one name is wrong").isEmptyDirectory();
    }

    @Test
    @DisplayName("--chart without a run's JSON says which command makes it; exit code 1")
    void chartWithoutResults() {
        var run = run("--chart", "--results", charts.resolve("nothing-here").toString(), "--charts", charts.toString(), "parallel-sum");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("No results to chart for parallel-sum").contains("./workbook bench parallel-sum");
    }

    @Test
    @DisplayName("--chart with --full is refused: the chart measures nothing; exit code 2")
    void chartAndFull() {
        var run = run("--chart", "--full", "--results", FIXTURE.toString(), "--charts", charts.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("./workbook bench --full first, then ./workbook bench --chart");
        assertThat(charts).isEmptyDirectory();
    }

    @Test
    @DisplayName("an unknown option gets picocli's message and the usage")
    void unknownOption() {
        var run = run("--fast");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("Unknown option: '--fast'").contains("Usage: workbook bench");
    }

    private static WorkbookCopy.Run run(String... args) {
        var out = new StringWriter();
        var err = new StringWriter();
        var commandLine = WorkbookCommand.commandLine(new WorkbookCommand(Workbook.locate(), new BufferedReader(new StringReader(""))));
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        var arguments = new String[args.length + 1];
        arguments[0] = "bench";
        System.arraycopy(args, 0, arguments, 1, args.length);
        return new WorkbookCopy.Run(commandLine.execute(arguments), out.toString(), err.toString());
    }
}
