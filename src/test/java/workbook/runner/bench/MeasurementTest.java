package workbook.runner.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading JMH's JSON results: the fields the charts use, JMH's words for non-numbers, and what is not JMH's JSON. */
@DisplayName("a benchmark measurement read from JMH's JSON")
class MeasurementTest {

    @TempDir
    Path folder;

    @Test
    @DisplayName("takes the method's name, its parameters, threads, score, error, unit and mode")
    void readsTheFieldsOfAResult() throws IOException {
        var json = write("""
                [ { "benchmark" : "workbook.bench.jmh.ThreadCostBenchmark.platformThreadPool", "mode" : "avgt", "threads" : 4,
                    "params" : { "poolSize" : "100", "tasks" : "1000" },
                    "primaryMetric" : { "score" : 1.5e2, "scoreError" : "NaN", "scoreUnit" : "ms/op" } },
                  { "benchmark" : "workbook.bench.jmh.CounterBenchmark.atomicLong", "mode" : "thrpt", "threads" : 1,
                    "primaryMetric" : { "score" : "+INF", "scoreError" : 0.25, "scoreUnit" : "ops/us" } } ]
                """);
        var measurements = Measurement.read(json);
        assertThat(measurements).containsExactly(
                new Measurement("platformThreadPool", Map.of("poolSize", "100", "tasks", "1000"), 4, 150.0, Double.NaN, "ms/op", "avgt"),
                new Measurement("atomicLong", Map.of(), 1, Double.POSITIVE_INFINITY, 0.25, "ops/us", "thrpt"));
        assertThat(measurements.getFirst().label()).isEqualTo("platformThreadPool (poolSize=100, tasks=1000)");
        assertThat(measurements.getFirst().higherIsBetter()).isFalse();
    }

    @Test
    @DisplayName("names the file and the line of a malformed text")
    void namesTheLineOfAnError() throws IOException {
        var json = write("[\n{\"score\" : }\n]");
        assertThatThrownBy(() -> Measurement.read(json))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith(json + " is not JMH's JSON at line 2: ");
    }

    @Test
    @DisplayName("refuses text after the array, an empty file, and JSON that is not an array of results")
    void refusesWhatIsNotJmhsJson() throws IOException {
        var twoArrays = write("[] []");
        assertThatThrownBy(() -> Measurement.read(twoArrays)).hasMessage(twoArrays + " is not JMH's JSON at line 1: more text after the array of results");
        var empty = write("");
        assertThatThrownBy(() -> Measurement.read(empty)).hasMessageContaining("it should be an array of results");
        var object = write("{\"benchmark\" : \"a.b\"}");
        assertThatThrownBy(() -> Measurement.read(object)).hasMessageContaining("it should be an array of results");
        var withoutMetric = write("[{\"benchmark\" : \"a.b\"}]");
        assertThatThrownBy(() -> Measurement.read(withoutMetric)).hasMessageContaining("a result without \"benchmark\" and \"primaryMetric\"");
    }

    private Path write(String text) throws IOException {
        return Files.writeString(Files.createTempFile(folder, "result", ".json"), text);
    }
}
