package l14a_word_counter;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ConcurrentModificationException;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import workbook.runner.explain.ScenarioThreads;
import workbook.testkit.BlockingCall;
import workbook.testkit.GrowingMapLookup;
import workbook.testkit.RaceScenario;
import workbook.testkit.StaleReads;

class WordCounterTest {

    private static final Duration RACE_BUDGET = Duration.ofMillis(150);
    private static final Duration SNAPSHOT_RACE_BUDGET = Duration.ofMillis(500); // a copy of a concurrent map showed two moments within 148 ms at worst, in 10 runs
    private static final Duration TRIAL_DEADLINE = Duration.ofSeconds(2);
    /** Long enough for any thread to be scheduled on a busy machine; far shorter than a hang. */
    private static final Duration SOON = Duration.ofSeconds(2);
    /** A call that has stayed this long in one wait, with nothing running that it could wait for, waits for ever. */
    private static final Duration QUIET = Duration.ofMillis(200);
    private static final String NOTHING_TO_WAIT_FOR = """
            has nothing to wait for. If it waits, an earlier call kept a lock: one that returned \
            without unlocking (unlock in a finally block, and take a read lock and a write lock \
            in different calls: a thread that holds the read lock cannot take the write lock).""";
    private static final int ADDERS = 4;
    private static final int ADDS_PER_THREAD = 1_000;
    private static final int WRITERS = 3;
    /** The writers of the count() test also add a new word now and then, so that the map grows while count() reads it. */
    private static final int FILLER_EVERY = 5;
    /** The words the snapshot test adds in turn: many, so that a copy takes long enough to overlap the adds. */
    private static final String[] IN_TURN = IntStream.range(0, 200).mapToObj("w%03d"::formatted).toArray(String[]::new);
    private static final int ROUNDS = 3;
    /** How many new words the growth test adds: enough for a HashMap to grow its table seven times. */
    private static final int NEW_WORDS = 800;

    /** In a JVM with the JIT on: a thread keeps calling count() while another thread adds the word. */
    static final class CountProbe {
        public static void main(String[] args) {
            StaleReads.watch(new WordCounter(), counter -> counter.count("seen") > 0, counter -> counter.add("seen"));
        }
    }

    @Test
    @DisplayName("counts per word, 0 for a word never added, and a snapshot later adds do not change")
    void countsAndSnapshots() throws InterruptedException {
        var counter = new WordCounter();
        assertThat(count(counter, "cat")).as("count(\"cat\") of a new counter").isZero();
        assertThat(snapshot(counter)).as("snapshot() of a new counter").isEmpty();
        add(counter, "cat");
        add(counter, "cat");
        add(counter, "hat");
        assertThat(count(counter, "cat")).as("count(\"cat\") after adding cat, cat, hat").isEqualTo(2);
        assertThat(count(counter, "hat")).as("count(\"hat\") after adding cat, cat, hat").isEqualTo(1);
        assertThat(count(counter, "bat")).as("count(\"bat\"), a word never added").isZero();
        var before = snapshot(counter);
        assertThat(before).as("snapshot() after adding cat, cat, hat").isEqualTo(Map.of("cat", 2L, "hat", 1L));
        add(counter, "cat");
        add(counter, "bat");
        assertThat(before)
                .as("""
                        a snapshot taken after cat, cat, hat, looked at again after two more adds.
                        Why: a snapshot is a copy of one moment. A view of the live map (even an \
                        unmodifiable one) goes on changing as the writers go on.""")
                .isEqualTo(Map.of("cat", 2L, "hat", 1L));
        assertThat(snapshot(counter)).as("snapshot() after adding cat, cat, hat, cat, bat")
                .isEqualTo(Map.of("cat", 3L, "hat", 1L, "bat", 1L));
    }

    @Test
    @DisplayName("two WordCounter objects side by side keep their own counts")
    void twoInstancesKeepTheirOwnCounts() throws InterruptedException {
        var first = new WordCounter();
        var second = new WordCounter();
        add(first, "cat");
        assertThat(count(second, "cat"))
                .as("count(\"cat\") of a second counter, after adding cat to the first. Why: each counter has "
                        + "counts of its own; a static map is one for all of them")
                .isZero();
        assertThat(snapshot(second)).as("snapshot() of the second counter").isEmpty();
    }

    @Test
    @DisplayName("four threads adding the same words at once lose no count")
    void noCountLost() {
        RaceScenario.of("adder", WordCounter::new)
                .threads(ADDERS)
                .trialDeadline(TRIAL_DEADLINE)
                .eachThread((counter, index) -> {
                    for (int i = 0; i < ADDS_PER_THREAD; i++) {
                        counter.add("the");
                        counter.add(i % 2 == 0 ? "cat" : "hat");
                        counter.add("thread-" + index);
                    }
                })
                .afterAllThreads(counter -> {
                    var why = """
                            Why: reading a count and storing it plus one are two steps, even on a \
                            ConcurrentHashMap (each call is atomic, the pair is not): two threads read the \
                            same count and both store count + 1. And "if the word is missing, put a new \
                            counter" is two steps too: a second put replaces a counter another thread has \
                            already counted on. Let the map do the whole step: merge, compute, or \
                            computeIfAbsent for a counter that is created once.""";
                    assertThat(count(counter, "the"))
                            .as("count(\"the\") after %d threads each added it %d times.%n%s", ADDERS, ADDS_PER_THREAD, why)
                            .isEqualTo(ADDERS * ADDS_PER_THREAD);
                    assertThat(count(counter, "cat"))
                            .as("count(\"cat\") after %d threads each added it %d times.%n%s", ADDERS, ADDS_PER_THREAD / 2, why)
                            .isEqualTo(ADDERS * ADDS_PER_THREAD / 2);
                    var expected = new java.util.HashMap<String, Long>();
                    expected.put("the", (long) ADDERS * ADDS_PER_THREAD);
                    expected.put("cat", (long) ADDERS * ADDS_PER_THREAD / 2);
                    expected.put("hat", (long) ADDERS * ADDS_PER_THREAD / 2);
                    IntStream.range(0, ADDERS).forEach(index -> expected.put("thread-" + index, (long) ADDS_PER_THREAD));
                    assertThat(snapshot(counter)).as("snapshot() once every thread has finished.%n%s", why)
                            .isEqualTo(expected);
                })
                .repeatFor(RACE_BUDGET);
    }

    @Test
    @DisplayName("count() while three threads add: never goes down, never counts an add that was not made")
    void countWhileWritersWork() {
        RaceScenario.of("worker", Writers::new)
                .threads(WRITERS + 1)
                .trialDeadline(TRIAL_DEADLINE)
                .eachThread((writers, index) -> {
                    if (index < WRITERS) {
                        try {
                            for (int i = 0; i < ADDS_PER_THREAD; i++) {
                                writers.counter.add("word");
                                if (i % FILLER_EVERY == 0) {
                                    writers.counter.add("word-" + index + "-" + i);
                                }
                            }
                        } finally {
                            writers.finished.incrementAndGet();
                        }
                        return;
                    }
                    long lastSeen = 0;
                    do {
                        long seen = writers.counter.count("word");
                        assertThat(seen)
                                .as("""
                                        count("word") while %d threads add it, after it had said %d: it went down.
                                        Why: a count must only grow. A second "new counter" put over the first \
                                        throws away what was counted on the first; and a HashMap read without \
                                        the writers' lock can find nothing while a put is growing the table.""", WRITERS, lastSeen)
                                .isGreaterThanOrEqualTo(lastSeen);
                        assertThat(seen).as("count(\"word\") while %d threads add it %d times each", WRITERS, ADDS_PER_THREAD)
                                .isLessThanOrEqualTo(WRITERS * ADDS_PER_THREAD);
                        lastSeen = seen;
                    } while (writers.finished.get() < WRITERS);
                })
                .afterAllThreads(writers -> assertThat(count(writers.counter, "word"))
                        .as("count(\"word\") after %d threads each added it %d times, while another thread read it",
                                WRITERS, ADDS_PER_THREAD)
                        .isEqualTo(WRITERS * ADDS_PER_THREAD))
                .repeatFor(RACE_BUDGET);
    }

    @Test
    @DisplayName("count() of a word while another thread adds many new words: the word is never lost from sight")
    void countWhileTheMapGrows() {
        RaceScenario.of("grower", WordCounter::new)
                .threads(2)
                .trialDeadline(TRIAL_DEADLINE)
                .eachThread((counter, index) -> {
                    if (index == 0) {
                        counter.add("first");
                        for (int i = 0; i < NEW_WORDS; i++) {
                            counter.add("new-" + i);
                        }
                        return;
                    }
                    boolean seen = false;
                    long start = System.nanoTime();
                    while (System.nanoTime() - start < TRIAL_DEADLINE.toNanos() / 2) {
                        long count = counter.count("first");
                        assertThat(seen && count == 0)
                                .as("""
                                        count("first") said 0 after it had said 1, while another thread added new \
                                        words (and nothing removes any).
                                        Why: a HashMap read without the writers' lock can look into the table while \
                                        a put is moving every entry into a bigger one, and find nothing. Every read \
                                        of a HashMap needs the lock its writers hold; a ConcurrentHashMap can be read \
                                        without one, even while it grows.""")
                                .isFalse();
                        seen |= count == 1;
                        if (seen && counter.count("new-" + (NEW_WORDS - 1)) == 1) {
                            return;
                        }
                    }
                })
                .repeatFor(RACE_BUDGET);
    }

    /**
     * HashMap.get() reads the table first and hashes the key after: count() of a fresh copy of a
     * long word while another thread's adds grow the map, with the adds aimed inside the hashing by
     * the reader's own CPU time ({@link GrowingMapLookup} says how).
     */
    @Test
    @DisplayName("count() of a word while another thread's add grows the map during the call: the word is found")
    void countWhileAnAddGrowsTheMap() throws InterruptedException {
        GrowingMapLookup.of(WordCounter::new, WordCounter::add, WordCounter::count).assertFound("""
                count() of a word added once, while another thread's add grew the map.
                Why: a HashMap that grows moves every entry into a bigger table; a get() that read the \
                table before and looks into it after finds nothing there. Every read of a HashMap needs \
                the lock its writers hold (the whole read, not only a step before it); a \
                ConcurrentHashMap can be read without one.""", NOTHING_TO_WAIT_FOR);
    }

    @Test
    @DisplayName("a snapshot taken while a thread adds words in turn shows one moment, never two mixed")
    void aSnapshotIsOneMoment() {
        RaceScenario.of("snapshot", InTurn::new)
                .threads(2)
                .trialDeadline(TRIAL_DEADLINE)
                .eachThread((inTurn, index) -> {
                    if (index == 0) {
                        try {
                            for (int round = 0; round < ROUNDS; round++) {
                                for (var word : IN_TURN) {
                                    inTurn.counter.add(word);
                                }
                            }
                        } finally {
                            inTurn.writerDone = true;
                        }
                        return;
                    }
                    do {
                        assertOneMoment(inTurn.counter.snapshot());
                    } while (!inTurn.writerDone);
                })
                .repeatFor(SNAPSHOT_RACE_BUDGET);
    }

    @Test
    @DisplayName("compiled by the JIT, count() in one thread sees a word another thread added")
    void countSeesAnotherThreadsAdd() {
        StaleReads.assertSeen(CountProbe.class, "count(\"seen\")", "add(\"seen\")");
    }

    /**
     * One thread adds w000, w001, … w199, then again from w000, so at every moment each word's count
     * is the same as the next word's, or one more, and the first word's count is at most one more
     * than the last one's. A snapshot of one moment has the same shape.
     */
    private static void assertOneMoment(Map<String, Long> snapshot) {
        long first = snapshot.getOrDefault(IN_TURN[0], 0L);
        long previous = first;
        for (int i = 1; i < IN_TURN.length; i++) {
            long count = snapshot.getOrDefault(IN_TURN[i], 0L);
            if (count > previous || first - count > 1) {
                var earlier = count > previous ? IN_TURN[i - 1] : IN_TURN[0];
                throw new AssertionError("""
                        A snapshot taken while one thread added %s, %s, … %s in turn, round after round, \
                        had %s = %d and %s = %d. The counter was never in that state: %s is always added \
                        before %s, so its count is never lower, and never more than one higher. The \
                        snapshot mixes two moments.
                        Why: walking or copying a ConcurrentHashMap while another thread writes to it is \
                        weakly consistent: it never throws, and it reads each entry as it is when the walk \
                        gets there, so early entries come from an earlier moment than late ones. For one \
                        moment, the adds must wait while the snapshot copies (a lock every add takes and \
                        the snapshot holds while it copies), or each add must replace one whole immutable \
                        map.""".formatted(IN_TURN[0], IN_TURN[1], IN_TURN[IN_TURN.length - 1],
                        earlier, count > previous ? previous : first, IN_TURN[i], count, earlier, IN_TURN[i]));
            }
            previous = count;
        }
    }

    /** add(), from a thread of its own: it must not wait for earlier calls, which have all returned. */
    private static void add(WordCounter counter, String word) throws InterruptedException {
        BlockingCall.run("add(\"" + word + "\")", () -> counter.add(word))
                .awaitResult(SOON, QUIET, "add(\"%s\"), called once every earlier call had returned, %s".formatted(word, NOTHING_TO_WAIT_FOR));
    }

    /** count(), asked from a thread of its own: it must not wait for earlier calls, which have all returned. */
    private static long count(WordCounter counter, String word) throws InterruptedException {
        return BlockingCall.call("count(\"" + word + "\")", () -> counter.count(word))
                .awaitResult(SOON, QUIET, "count(\"%s\"), called once every earlier call had returned, %s".formatted(word, NOTHING_TO_WAIT_FOR));
    }

    /** snapshot(), asked from a thread of its own: it must not wait for earlier calls, which have all returned. */
    private static Map<String, Long> snapshot(WordCounter counter) throws InterruptedException {
        return BlockingCall.call("snapshot()", counter::snapshot)
                .awaitResult(SOON, QUIET, "snapshot(), called once every earlier call had returned, " + NOTHING_TO_WAIT_FOR);
    }

    private static final class Writers {
        final WordCounter counter = new WordCounter();
        final AtomicInteger finished = new AtomicInteger();
    }

    private static final class InTurn {
        final WordCounter counter = new WordCounter();
        volatile boolean writerDone;
    }

    /**
     * What {@code ./workbook explain} runs: one thread adds a then b while another adds a and takes a
     * snapshot, which it walks at once; afterwards no add may be lost, and the snapshot must be one
     * moment of the counts that has not changed since.
     */
    static final class ExplainScenario implements Runnable {
        private Map<String, Long> snapshot;
        private Map<String, Long> walked;
        private boolean snapshotFailed;
        private boolean walkFailed;

        @Override
        public void run() {
            snapshot = null;
            walked = null;
            snapshotFailed = false;
            walkFailed = false;
            var counter = new WordCounter();
            ScenarioThreads.runTogether(() -> {
                counter.add("a");
                counter.add("b");
            }, () -> {
                counter.add("a");
                try {
                    snapshot = counter.snapshot();
                } catch (ConcurrentModificationException e) {
                    snapshotFailed = true;
                    return;
                }
                try {
                    walked = new TreeMap<>(snapshot);
                } catch (ConcurrentModificationException e) {
                    walkFailed = true;
                }
            });
            if (counter.count("a") != 2 || counter.count("b") != 1) {
                throw new AssertionError("a was added twice and b once, but count() says a: " + counter.count("a") + ", b: "
                        + counter.count("b") + ": an add was lost");
            }
            if (snapshotFailed) {
                throw new AssertionError("snapshot() threw ConcurrentModificationException: it copied the counts while an add() changed them");
            }
            if (walkFailed) {
                throw new AssertionError("walking the snapshot threw ConcurrentModificationException: it is the map an add() was changing");
            }
            if (!walked.equals(snapshot)) {
                throw new AssertionError("the snapshot was " + walked + " when it was walked and is " + new TreeMap<>(snapshot)
                        + " afterwards: it went on changing with the counts");
            }
            long a = walked.getOrDefault("a", 0L);
            long b = walked.getOrDefault("b", 0L);
            if (a < 1 || a > 2 || b > 1 || b == 1 && a < 2) {
                throw new AssertionError("the snapshot " + walked + " is not one moment of the counts: its own thread added a before taking it,"
                        + " and the other thread added its a before b");
            }
            if (new WordCounter().count("a") != 0) {
                throw new AssertionError("a new WordCounter, never added to, counts a " + new WordCounter().count("a")
                        + " times: two counters share their counts");
            }
        }
    }
}
