package l18b_state_scopes;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import workbook.testkit.JmhRun;
import workbook.testkit.ThreadTally;

class SharingBenchmarkTest {

    private static final String REPORT = "sharing:";
    private static final int THREADS = 4;

    /** In a JVM with the JIT on: a tiny JMH run of each benchmark alone; reports its threads and the tallies they used. */
    static final class SharingProbe {
        public static void main(String[] args) {
            for (var method : new String[] {"shared", "perThread"}) {
                var other = method.equals("shared") ? "perThread" : "shared";
                ThreadTally.forget();
                ThreadTally.expectTogether(THREADS);
                // no timing is judged, so no warm-up: one short iteration is enough to see who used what
                var results = JmhRun.run(SharingBenchmark.class,
                        run -> run.exclude("\\." + other + "$").warmupIterations(0).measurementIterations(1));
                var used = ThreadTally.tallyCountByUsers().toString().replace(" ", "");
                System.out.println(REPORT + " " + method + " " + results.get(0).getParams().getThreads() + " " + used
                        + " " + ThreadTally.metTogether());
            }
        }
    }

    /**
     * What one benchmark did: how many threads JMH ran it on, how many tallies were used by how many
     * threads each, and whether the threads could be inside the benchmark at the same time.
     */
    private record Sharing(int threads, Map<Integer, Integer> talliesByUsers, boolean together) {}

    /** One child JVM for all the tests: the JMH run is the slow part. Its failure fails every test with the same message. */
    private static Map<String, Sharing> measured;
    private static AssertionError failure;

    private static synchronized Map<String, Sharing> measured() {
        if (measured == null && failure == null) {
            try {
                measured = measure();
            } catch (AssertionError e) {
                failure = e;
            }
        }
        if (failure != null) {
            throw failure;
        }
        return measured;
    }

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
            byMethod.put(parts[0], new Sharing(Integer.parseInt(parts[1]), tallies, Boolean.parseBoolean(parts[3])));
        });
        return byMethod;
    }

    @Test
    @DisplayName("JMH runs both benchmarks with 4 threads")
    void bothRunWithFourThreads() {
        measured().forEach((method, sharing) -> assertThat(sharing.threads())
                .as("""
                        JMH ran %s() with %d thread(s).
                        Why: the claim is about four threads at once; JMH runs a benchmark on one thread unless \
                        @Threads says otherwise (on the class, or on each method).""", method, sharing.threads())
                .isEqualTo(THREADS));
    }

    @Test
    @DisplayName("shared(): all 4 threads increment one and the same ThreadTally")
    void sharedUsesOneTallyForAllThreads() {
        var sharing = measured().get("shared");
        assertThat(sharing.talliesByUsers())
                .as("""
                        In shared(), the tallies used (how many threads used each -> how many such tallies) were %s; \
                        expected one tally, used by all %d threads: {%d=1}.
                        Why: a field of a Scope.Thread state (or of the benchmark class under Scope.Thread) is made \
                        once per thread, so nothing is shared. JMH makes one instance of a Scope.Benchmark state for \
                        all the benchmark's threads: keep the shared ThreadTally in such a state and take it as a \
                        parameter of shared().""", sharing.talliesByUsers(), THREADS, THREADS)
                .isEqualTo(Map.of(THREADS, 1));
    }

    @Test
    @DisplayName("perThread(): each of the 4 threads increments a ThreadTally of its own")
    void perThreadGivesEachThreadItsOwnTally() {
        var sharing = measured().get("perThread");
        assertThat(sharing.talliesByUsers())
                .as("""
                        In perThread(), the tallies used (how many threads used each -> how many such tallies) were \
                        %s; expected %d tallies, each used by one thread: {1=%d}.
                        Why: a Scope.Benchmark state, or a static field, is one object for every thread: that \
                        measures sharing again. A Scope.Thread state is made once per thread; and a ThreadTally made \
                        anew in every call measures allocation, not a counter that lives through the run.""",
                        sharing.talliesByUsers(), THREADS, THREADS)
                .isEqualTo(Map.of(1, THREADS));
    }

    @Test
    @DisplayName("the 4 threads run each benchmark side by side: nothing lets them in one at a time")
    void theThreadsRunSideBySide() {
        measured().entrySet().stream().filter(entry -> entry.getValue().threads() == THREADS).forEach(entry -> assertThat(
                entry.getValue().together())
                .as("""
                        In %s(), the first thread to increment waited 1 s inside increment() for the other \
                        threads to make their first increment, and they could not while it was there.
                        Why: something lets only one thread at a time into the benchmark, such as a synchronized \
                        benchmark method on a state all threads share (or on the benchmark class when it is \
                        one). Then JMH measures threads queueing for that lock, not the counter.""", entry.getKey())
                .isTrue());
    }
}
