package l18b_state_scopes;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import l18b_state_scopes.SharingBenchmark.Tally;
import workbook.testkit.JmhRun;

class SharingBenchmarkTest {

    private static final String REPORT = "sharing:";
    private static final int THREADS = 4;

    /** In a JVM with the JIT on: a tiny JMH run of each benchmark alone; reports its threads and the tallies they used. */
    static final class SharingProbe {
        public static void main(String[] args) {
            for (var method : new String[] {"shared", "perThread"}) {
                var other = method.equals("shared") ? "perThread" : "shared";
                Tally.forget();
                var results = JmhRun.run(SharingBenchmark.class, run -> run.exclude("\\." + other + "$"));
                var used = Tally.tallyCountByUsers().toString().replace(" ", "");
                System.out.println(REPORT + " " + method + " " + results.get(0).getParams().getThreads() + " " + used);
            }
        }
    }

    /** What one benchmark did: how many threads JMH ran it on, and how many tallies were used by how many threads each. */
    private record Sharing(int threads, Map<Integer, Integer> talliesByUsers) {}

    /** One child JVM for all the tests: the JMH run is the slow part. */
    private static final class Measured {
        static final Map<String, Sharing> BY_METHOD = measure();

        private static Map<String, Sharing> measure() {
            var run = JmhRun.inChildJvm(SharingProbe.class, SharingBenchmark.class);
            var byMethod = new TreeMap<String, Sharing>();
            run.output().lines().filter(line -> line.startsWith(REPORT)).forEach(line -> {
                var parts = line.substring(REPORT.length()).trim().split(" ");
                var tallies = new TreeMap<Integer, Integer>();
                var inside = parts[2].substring(1, parts[2].length() - 1);
                for (var pair : inside.isEmpty() ? new String[0] : inside.split(",")) {
                    var keyValue = pair.split("=");
                    tallies.put(Integer.parseInt(keyValue[0]), Integer.parseInt(keyValue[1]));
                }
                byMethod.put(parts[0], new Sharing(Integer.parseInt(parts[1]), tallies));
            });
            return byMethod;
        }
    }

    @Test
    @DisplayName("JMH runs both benchmarks with 4 threads")
    void bothRunWithFourThreads() {
        Measured.BY_METHOD.forEach((method, sharing) -> assertThat(sharing.threads())
                .as("""
                        JMH ran %s() with %d thread(s).
                        Why: the claim is about four threads at once; JMH runs a benchmark on one thread unless \
                        @Threads says otherwise (on the class, or on each method).""", method, sharing.threads())
                .isEqualTo(THREADS));
    }

    @Test
    @DisplayName("shared(): all 4 threads increment one and the same Tally")
    void sharedUsesOneTallyForAllThreads() {
        var sharing = Measured.BY_METHOD.get("shared");
        assertThat(sharing.talliesByUsers())
                .as("""
                        In shared(), the tallies used (how many threads used each -> how many such tallies) were %s; \
                        expected one tally, used by all %d threads: {%d=1}.
                        Why: a field of a Scope.Thread state (or of the benchmark class under Scope.Thread) is made \
                        once per thread, so nothing is shared. JMH makes one instance of a Scope.Benchmark state for \
                        all the benchmark's threads: keep the shared Tally in such a state and take it as a \
                        parameter of shared().""", sharing.talliesByUsers(), THREADS, THREADS)
                .isEqualTo(Map.of(THREADS, 1));
    }

    @Test
    @DisplayName("perThread(): each of the 4 threads increments a Tally of its own")
    void perThreadGivesEachThreadItsOwnTally() {
        var sharing = Measured.BY_METHOD.get("perThread");
        assertThat(sharing.talliesByUsers())
                .as("""
                        In perThread(), the tallies used (how many threads used each -> how many such tallies) were \
                        %s; expected %d tallies, each used by one thread: {1=%d}.
                        Why: a Scope.Benchmark state, or a static field, is one object for every thread: that \
                        measures sharing again. A Scope.Thread state is made once per thread; and a Tally made \
                        anew in every call measures allocation, not a counter that lives through the run.""",
                        sharing.talliesByUsers(), THREADS, THREADS)
                .isEqualTo(Map.of(1, THREADS));
    }
}
