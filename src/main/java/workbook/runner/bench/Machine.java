package workbook.runner.bench;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Properties;

/**
 * The machine a benchmark run measured, and how it was loaded: what a figure means without it is
 * anyone's guess. JMH's JSON names the JVM but not the cores, the CPU, the date or the load, so a run
 * writes them beside its JSON ({@code target/jmh/<family>.machine.properties}) and the chart prints
 * them. The load average (processes running or waiting for a core, over the last minute) is taken
 * before and after the run; above the core count, other work shared the cores with the benchmark.
 */
public record Machine(String date, int cores, String cpu, String os, String jdk, String runLength,
                      double loadBefore, double loadAfter) {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT);

    /** This machine now, before a run of the given length; {@link #after()} adds the load at its end. */
    public static Machine now(RunLength length) {
        return new Machine(DATE.format(ZonedDateTime.now(ZoneOffset.UTC)), Runtime.getRuntime().availableProcessors(), cpuModel(),
                System.getProperty("os.name") + " " + System.getProperty("os.arch"),
                System.getProperty("java.vendor.version", System.getProperty("java.vendor")) + " (" + System.getProperty("java.version") + ")",
                length.describe(), loadAverage(), Double.NaN);
    }

    public Machine after() {
        return new Machine(date, cores, cpu, os, jdk, runLength, loadBefore, loadAverage());
    }

    /** {@code 2 cores (AMD EPYC 7B13), Linux amd64, Temurin-25.0.3+9 (25.0.3), 2026-12-01 20:10 UTC}. */
    public String describe() {
        return "%d cores (%s), %s, %s, %s".formatted(cores, cpu, os, jdk, date);
    }

    /** {@code load average 10.8 before, 9.1 after}, or that it is unknown (Windows has none). */
    public String describeLoad() {
        if (Double.isNaN(loadBefore)) {
            return "load average unknown";
        }
        return String.format(Locale.ROOT, "load average %.1f before, %.1f after (%d cores)", loadBefore, loadAfter, cores);
    }

    void write(Path file) throws IOException {
        var properties = new Properties();
        properties.setProperty("date", date);
        properties.setProperty("cores", Integer.toString(cores));
        properties.setProperty("cpu", cpu);
        properties.setProperty("os", os);
        properties.setProperty("jdk", jdk);
        properties.setProperty("runLength", runLength);
        properties.setProperty("loadBefore", Double.toString(loadBefore));
        properties.setProperty("loadAfter", Double.toString(loadAfter));
        try (Writer writer = Files.newBufferedWriter(file)) {
            properties.store(writer, "The machine of the JMH run beside this file (./workbook bench)");
        }
    }

    static Machine read(Path file) throws IOException {
        var properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        }
        return new Machine(properties.getProperty("date", "date unknown"),
                Integer.parseInt(properties.getProperty("cores", "0")),
                properties.getProperty("cpu", "CPU unknown"), properties.getProperty("os", "OS unknown"),
                properties.getProperty("jdk", "JDK unknown"), properties.getProperty("runLength", "unknown"),
                Double.parseDouble(properties.getProperty("loadBefore", "NaN")),
                Double.parseDouble(properties.getProperty("loadAfter", "NaN")));
    }

    private static double loadAverage() {
        double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        return load < 0 ? Double.NaN : load;
    }

    /** The CPU's model name from /proc/cpuinfo where there is one (Linux), else the architecture. */
    private static String cpuModel() {
        var cpuinfo = Path.of("/proc/cpuinfo");
        if (Files.isReadable(cpuinfo)) {
            try (var lines = Files.lines(cpuinfo)) {
                var model = lines.filter(line -> line.startsWith("model name")).findFirst();
                if (model.isPresent() && model.get().contains(":")) {
                    return model.get().substring(model.get().indexOf(':') + 1).trim().replaceAll("\\s+", " ");
                }
            } catch (IOException | java.io.UncheckedIOException e) {
                // No model name then: the architecture still says something.
            }
        }
        return System.getProperty("os.arch");
    }
}
