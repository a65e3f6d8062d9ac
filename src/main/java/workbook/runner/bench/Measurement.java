package workbook.runner.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * One benchmark's result as JMH's JSON gives it: the method (or {@code @Group}), its parameters, the
 * thread count, the score, its error (half the width of JMH's 99.9 % confidence interval, NaN when
 * there were too few iterations to compute one), the unit ({@code ops/us}, {@code ms/op}) and the
 * mode ({@code thrpt}, {@code avgt}).
 */
public record Measurement(String name, Map<String, String> params, int threads, double score, double error,
                          String unit, String mode) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Every result in a JMH JSON file (an array of results, as {@code -rf json} writes it). */
    public static List<Measurement> read(Path json) throws IOException {
        JsonNode results;
        try (var parser = JSON.createParser(json.toFile())) {
            results = JSON.readTree(parser);
            // More after the array is a half-written or concatenated file, not one run's results.
            if (parser.nextToken() != null) {
                throw notJmhsJson(json, parser.currentLocation(), "more text after the array of results");
            }
        } catch (JsonProcessingException e) {
            throw notJmhsJson(json, e.getLocation(), e.getOriginalMessage());
        }
        if (results == null || !results.isArray()) {
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

    private static Measurement of(Path json, JsonNode result) {
        var metric = result.path("primaryMetric");
        var benchmark = result.path("benchmark");
        if (!metric.isObject() || !benchmark.isTextual()) {
            throw new IllegalStateException(json + " is not JMH's JSON: a result without \"benchmark\" and \"primaryMetric\"");
        }
        var params = new LinkedHashMap<String, String>();
        result.path("params").properties().forEach(param -> params.put(param.getKey(), param.getValue().asText()));
        var name = benchmark.asText();
        return new Measurement(name.substring(name.lastIndexOf('.') + 1), params,
                (int) number(result.path("threads")), number(metric.path("score")), number(metric.path("scoreError")),
                metric.path("scoreUnit").asText(), result.path("mode").asText());
    }

    private static IllegalStateException notJmhsJson(Path json, JsonLocation where, String what) {
        return new IllegalStateException(json + " is not JMH's JSON" + (where == null ? "" : " at line " + where.getLineNr()) + ": " + what);
    }

    /** A number from JMH's JSON, which writes the ones that are not numbers as the strings "NaN", "+INF", "-INF". */
    private static double number(JsonNode value) {
        if (value.isNumber()) {
            return value.doubleValue();
        }
        return switch (value.asText()) {
            case "+INF" -> Double.POSITIVE_INFINITY;
            case "-INF" -> Double.NEGATIVE_INFINITY;
            default -> Double.NaN;
        };
    }
}
