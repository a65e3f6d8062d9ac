package workbook.runner;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import workbook.runner.bench.BenchChart;
import workbook.runner.bench.BenchmarkRun;
import workbook.runner.bench.Family;
import workbook.runner.bench.RunLength;

/**
 * {@code ./workbook bench [NAME...]}: runs the JMH benchmarks behind the lessons' performance claims
 * ({@code workbook.bench.jmh}), one family or all, and leaves JMH's JSON in {@code target/jmh/};
 * {@code --chart} then draws each family's chart into {@code lessons/charts/} from that JSON. The
 * default run is short, to see that everything works and what shape the results have; {@code --full}
 * is the run whose figures a lesson may quote. JMH runs in a JVM of its own, never in the runner's
 * (see {@link BenchmarkRun}), and the charts are drawn in the runner's, which needs no JIT to do it.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Run the JMH benchmarks the lessons quote, and chart their results.",
                "  ./workbook bench              every family, a short run: the shape only",
                "  ./workbook bench --full NAME  one family, measured long enough to quote",
                "  ./workbook bench --chart      a chart per family from the last run's JSON",
                "Families: counter, false-sharing, blocking-tasks, parallel-sum, thread-cost."})
public final class BenchCommand implements Callable<Integer> {

    @ParentCommand
    private WorkbookCommand parent;

    @Parameters(arity = "0..*", paramLabel = "NAME", description = "benchmark families, by name or class (counter or CounterBenchmark); default: all")
    private List<String> names = new ArrayList<>();

    @Option(names = "--full", description = "measure long enough to quote: 3 forks, 5 warm-up and 5 measured iterations of 1 s")
    private boolean full;

    @Option(names = "--chart", description = "do not measure: draw the charts from the JSON of an earlier run")
    private boolean chart;

    @Option(names = "--results", paramLabel = "DIR", description = "where the JSON goes, or is read from with --chart (default: target/jmh)")
    private Path results;

    @Option(names = "--charts", paramLabel = "DIR", description = "where --chart writes the charts (default: lessons/charts)")
    private Path charts;

    @Override
    public Integer call() throws Exception {
        var families = families();
        if (chart && full) {
            throw new UnknownName("--chart draws from the JSON an earlier run left, and measures nothing, so --full means"
                    + " nothing with it. Run ./workbook bench --full first, then ./workbook bench --chart.");
        }
        var resultsDir = results != null ? results : parent.workbook().root().resolve("target/jmh");
        var out = parent.out();
        if (chart) {
            var chartsDir = charts != null ? charts : parent.workbook().root().resolve("lessons/charts");
            for (var family : families) {
                out.println("Chart of " + family.id() + ": " + BenchChart.draw(family, resultsDir, chartsDir));
            }
            return 0;
        }
        var length = full ? RunLength.FULL : RunLength.SHORT;
        out.println("Benchmarks " + families.stream().map(Family::id).toList() + ", " + length.describe() + ".");
        if (!full) {
            out.println("A short run shows that each benchmark works and the shape of its results; with one fork and"
                    + " few iterations its error bars are wide. Quote figures only from ./workbook bench --full.");
        }
        var command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(BenchmarkRun.quietOptions());
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), BenchmarkRun.class.getName(), length.id(), resultsDir.toString()));
        families.forEach(family -> command.add(family.id()));
        out.flush();
        int exitCode = new ProcessBuilder(command).inheritIO().start().waitFor();
        if (exitCode != 0) {
            return exitCode;
        }
        out.println();
        families.forEach(family -> out.println("JMH's JSON: " + resultsDir.resolve(family.id() + ".json")));
        out.println("Charts from it: ./workbook bench --chart" + (results == null ? "" : " --results " + results)
                + (names.isEmpty() ? "" : " " + String.join(" ", names)));
        return 0;
    }

    private List<Family> families() {
        if (names.isEmpty()) {
            return Arrays.asList(Family.values());
        }
        var families = new ArrayList<Family>();
        for (var name : names) {
            families.add(Family.named(name).orElseThrow(() -> new UnknownName(
                    "There is no benchmark family called \"" + name + "\". The families are: " + Family.names() + ".")));
        }
        return families;
    }
}
