package workbook.runner.bench;

import org.openjdk.jmh.runner.options.TimeValue;

/**
 * How long {@code ./workbook bench} measures. The short run shows each family's shape in a few
 * minutes, but one fork and five short iterations give wide error bars and leave out how much
 * forks differ from each other (each JVM compiles the code its own way): its figures are not for
 * quoting. The full run is what lessons cite.
 */
public enum RunLength {
    SHORT("short", 1, 2, 5, TimeValue.milliseconds(400)),
    FULL("full", 3, 5, 5, TimeValue.seconds(1));

    private final String id;
    private final int forks;
    private final int warmupIterations;
    private final int measurementIterations;
    private final TimeValue iterationTime;

    RunLength(String id, int forks, int warmupIterations, int measurementIterations, TimeValue iterationTime) {
        this.id = id;
        this.forks = forks;
        this.warmupIterations = warmupIterations;
        this.measurementIterations = measurementIterations;
        this.iterationTime = iterationTime;
    }

    public String id() {
        return id;
    }

    public int forks() {
        return forks;
    }

    public int warmupIterations() {
        return warmupIterations;
    }

    public int measurementIterations() {
        return measurementIterations;
    }

    public TimeValue iterationTime() {
        return iterationTime;
    }

    /** {@code short run: 1 fork, 2 warm-up and 5 measured iterations of 400 ms each}. */
    public String describe() {
        return "%s run: %d fork%s, %d warm-up and %d measured iterations of %s each".formatted(id, forks,
                forks == 1 ? "" : "s", warmupIterations, measurementIterations, iterationTime);
    }
}
