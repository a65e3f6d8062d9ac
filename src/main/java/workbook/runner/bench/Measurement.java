package workbook.runner.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One benchmark's result as JMH's JSON gives it: the method (or {@code @Group}), its parameters, the
 * thread count, the score, its error (half the width of JMH's 99.9 % confidence interval, NaN when
 * there were too few iterations to compute one), the unit ({@code ops/us}, {@code ms/op}) and the
 * mode ({@code thrpt}, {@code avgt}).
 */
public record Measurement(String name, Map<String, String> params, int threads, double score, double error,
                          String unit, String mode) {

    /** Every result in a JMH JSON file (an array of results, as {@code -rf json} writes it). */
    public static List<Measurement> read(Path json) throws IOException {
        Object parsed;
        try {
            parsed = Json.parse(Files.readString(json));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(json + " is not JMH's JSON: " + e.getMessage(), e);
        }
        if (!(parsed instanceof List<?> results)) {
            throw new IllegalStateException(json + " is not JMH's JSON: it should be an array of results");
        }
        var measurements = new ArrayList<Measurement>();
        for (var result : results) {
            measurements.add(of(json, result));
        }
        return measurements;
    }

    /** {@code platformThreadPool (poolSize=100)}: the name, with its parameters when it has any. */
    public String label() {
        if (params.isEmpty()) {
            return name;
        }
        var values = new StringBuilder();
        params.forEach((key, value) -> values.append(values.isEmpty() ? "" : ", ").append(key).append('=').append(value));
        return name + " (" + values + ")";
    }

    /** Whether a higher score is the better one (throughput) or a lower one (time per operation). */
    public boolean higherIsBetter() {
        return mode.equals("thrpt");
    }

    private static Measurement of(Path json, Object result) {
        if (!(result instanceof Map<?, ?> fields) || !(fields.get("primaryMetric") instanceof Map<?, ?> metric)
                || !(fields.get("benchmark") instanceof String benchmark)) {
            throw new IllegalStateException(json + " is not JMH's JSON: a result without \"benchmark\" and \"primaryMetric\"");
        }
        var params = new LinkedHashMap<String, String>();
        if (fields.get("params") instanceof Map<?, ?> given) {
            given.forEach((key, value) -> params.put(String.valueOf(key), String.valueOf(value)));
        }
        return new Measurement(benchmark.substring(benchmark.lastIndexOf('.') + 1), params,
                (int) number(fields.get("threads")), number(metric.get("score")), number(metric.get("scoreError")),
                String.valueOf(metric.get("scoreUnit")), String.valueOf(fields.get("mode")));
    }

    /** A number from JMH's JSON, which writes the ones that are not numbers as the strings "NaN", "+INF", "-INF". */
    private static double number(Object value) {
        if (value instanceof Double number) {
            return number;
        }
        return switch (String.valueOf(value)) {
            case "+INF" -> Double.POSITIVE_INFINITY;
            case "-INF" -> Double.NEGATIVE_INFINITY;
            default -> Double.NaN;
        };
    }
}
