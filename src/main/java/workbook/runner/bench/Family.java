package workbook.runner.bench;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import workbook.bench.jmh.BlockingTasksBenchmark;
import workbook.bench.jmh.CounterBenchmark;
import workbook.bench.jmh.FalseSharingBenchmark;
import workbook.bench.jmh.ParallelSumBenchmark;
import workbook.bench.jmh.ThreadCostBenchmark;

/**
 * A family of benchmarks: one JMH class, the name {@code ./workbook bench} knows it by (also the name
 * of its JSON in {@code target/jmh/} and of its chart in {@code lessons/charts/}), what its chart
 * shows, and the thread counts it is run at when it does not fix its own.
 */
public enum Family {
    COUNTER("counter", CounterBenchmark.class,
            "One counter shared by all threads: increments per µs, all threads together", List.of(1, 2, 4)),
    FALSE_SHARING("false-sharing", FalseSharingBenchmark.class,
            "Two threads, each writing its own field: writes per µs, both threads together", List.of()),
    BLOCKING_TASKS("blocking-tasks", BlockingTasksBenchmark.class,
            "10,000 tasks that block for 10 ms each: time to run the whole batch", List.of()),
    PARALLEL_SUM("parallel-sum", ParallelSumBenchmark.class,
            "One CPU-bound job (2^24 hashes added up): time per job", List.of()),
    THREAD_COST("thread-cost", ThreadCostBenchmark.class,
            "One tiny task, waited for: the time per task on each kind of thread", List.of());

    private final String id;
    private final Class<?> benchmarkClass;
    private final String title;
    private final List<Integer> threadCounts;

    Family(String id, Class<?> benchmarkClass, String title, List<Integer> threadCounts) {
        this.id = id;
        this.benchmarkClass = benchmarkClass;
        this.title = title;
        this.threadCounts = threadCounts;
    }

    /** The name on the command line, of the JSON file and of the chart: {@code false-sharing}. */
    public String id() {
        return id;
    }

    public Class<?> benchmarkClass() {
        return benchmarkClass;
    }

    /** The regular expression that picks this family's benchmarks out of JMH's benchmark list. */
    public String include() {
        return "^" + Pattern.quote(benchmarkClass.getName() + ".") + ".*";
    }

    public String title() {
        return title;
    }

    /** The thread counts to run the family at, one JMH run each; empty when the class sets its own. */
    public List<Integer> threadCounts() {
        return threadCounts;
    }

    /** The family called {@code name}: its id ({@code counter}) or its class's simple name ({@code CounterBenchmark}). */
    public static Optional<Family> named(String name) {
        return Arrays.stream(values())
                .filter(family -> family.id.equals(name) || family.benchmarkClass.getSimpleName().equals(name))
                .findFirst();
    }

    /** Every family's name, for messages: {@code counter, false-sharing, ...}. */
    public static String names() {
        return Arrays.stream(values()).map(Family::id).collect(Collectors.joining(", "));
    }
}
