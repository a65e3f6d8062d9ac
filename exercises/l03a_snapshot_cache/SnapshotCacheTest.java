package l03a_snapshot_cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.BitSet;
import java.util.ConcurrentModificationException;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import workbook.runner.explain.ScenarioThreads;
import workbook.testkit.BlockingCall;
import workbook.testkit.RaceScenario;
import workbook.testkit.RunsAlone;
import workbook.testkit.StaleReads;
import workbook.testkit.ThreadWatch;

class SnapshotCacheTest {

    private static final Duration DEADLINE = Duration.ofSeconds(2);
    private static final int READERS = 3;
    private static final int ENTRIES = 500;

    /**
     * A cache key with a number; equal numbers are equal keys. The hash scatters the numbers, so
     * that keys put one after another land all over a map's table: a copy that overlaps a put
     * then misses an older key while it has a newer one, and shows the gap.
     */
    record Key(int id) {
        static Key of(int id) {
            return new Key(id);
        }

        @Override
        public int hashCode() {
            return id * 0x9E3779B1;
        }

        @Override
        public String toString() {
            return "key-" + id;
        }
    }

    /** A key whose hashCode() fails with an Error, as code called inside a lock sometimes does. */
    static final class BrokenKey {
        @Override
        public int hashCode() {
            throw new BrokenKeyError();
        }

        @Override
        public String toString() {
            return "broken-key";
        }
    }

    /** An Error, not an Exception: what a catch (Exception) around an unlock does not see. */
    static final class BrokenKeyError extends Error {
        BrokenKeyError() {
            super("hashCode() of the test's broken key failed, on purpose");
        }
    }

    @Test
    @DisplayName("one thread: get() finds what put() stored, and null for a key never stored")
    void getFindsWhatPutStored() {
        RunsAlone.run("put(), get() and snapshot()", SnapshotCache.class, () -> {
            var cache = new SnapshotCache<String, Integer>();
            cache.put("apple", 3);
            cache.put("pear", 5);
            cache.put("apple", 4);
            assertThat(cache.get("apple")).as("get(\"apple\") after put(\"apple\", 3) and put(\"apple\", 4)").isEqualTo(4);
            assertThat(cache.get("pear")).as("get(\"pear\") after put(\"pear\", 5)").isEqualTo(5);
            assertThat(cache.get("plum")).as("get(\"plum\"), never stored").isNull();
            assertThat(cache.snapshot()).as("snapshot() of a cache holding apple=4 and pear=5")
                    .isEqualTo(Map.of("apple", 4, "pear", 5));
        });
    }

    @Test
    @DisplayName("two caches side by side each keep their own entries")
    void twoCachesKeepTheirOwnEntries() {
        RunsAlone.run("put() and snapshot()", SnapshotCache.class, () -> {
            var first = new SnapshotCache<String, Integer>();
            var second = new SnapshotCache<String, Integer>();
            first.put("apple", 3);
            second.put("pear", 5);
            if (!Map.of("apple", 3).equals(first.snapshot()) || !Map.of("pear", 5).equals(second.snapshot())) {
                throw new AssertionError("""
                        Two new caches: apple=3 was put into the first and pear=5 into the second, but their \
                        snapshots are %s and %s.
                        Why: the caches share their map. A static field belongs to the class, not to one \
                        cache. Keep the map (and what guards it) in each instance."""
                        .formatted(first.snapshot(), second.snapshot()));
            }
        });
    }

    @Test
    @DisplayName("a snapshot keeps the entries of its moment: later puts do not show up in it")
    void aSnapshotDoesNotChangeAfterwards() {
        RunsAlone.run("put() and snapshot()", SnapshotCache.class, () -> {
            var cache = new SnapshotCache<String, Integer>();
            cache.put("apple", 3);
            var snapshot = cache.snapshot();
            cache.put("pear", 5);
            if (!Map.of("apple", 3).equals(snapshot)) {
                throw new AssertionError("""
                        snapshot() was taken when the cache held {apple=3}; after a later put("pear", 5) \
                        that snapshot shows %s.
                        Why: snapshot() handed out the map that put() goes on changing, or a view of it \
                        (such as Collections.unmodifiableMap, which is read-only but still live). Whoever \
                        walks it walks the map the writer is changing: that is the \
                        ConcurrentModificationException of the lesson. Hand out a map that nothing changes \
                        any more: a copy made under the lock, or a map the cache never touches again."""
                        .formatted(snapshot));
            }
        });
    }

    @Test
    @DisplayName("a caller that changes its snapshot does not change the cache")
    void changingASnapshotLeavesTheCacheAlone() {
        RunsAlone.run("put(), get() and snapshot()", SnapshotCache.class, () -> {
            var cache = new SnapshotCache<String, Integer>();
            cache.put("apple", 3);
            var snapshot = cache.snapshot();
            try {
                snapshot.put("apple", 99);
                snapshot.put("plum", 7);
            } catch (UnsupportedOperationException readOnly) {
                return;
            }
            var now = cache.snapshot();
            if (!Map.of("apple", 3).equals(now) || !Integer.valueOf(3).equals(cache.get("apple"))) {
                throw new AssertionError("""
                        A caller put apple=99 and plum=7 into the snapshot it was handed, and the cache \
                        changed with it: get("apple") now returns %s, and a new snapshot shows %s.
                        Why: snapshot() handed out the map the cache itself reads from. Its owner is now \
                        every caller, changing it with no lock. Hand out a copy, or a read-only map."""
                        .formatted(cache.get("apple"), now));
            }
        });
    }

    /** A key that works until told to fail; then its hashCode() throws an Error. */
    static final class KeyThatFailsLater {
        private final AtomicBoolean failing = new AtomicBoolean();

        void startFailing() {
            failing.set(true);
        }

        void stopFailing() {
            failing.set(false);
        }

        @Override
        public int hashCode() {
            if (failing.get()) {
                throw new BrokenKeyError();
            }
            return 7;
        }

        @Override
        public String toString() {
            return "failing-key";
        }
    }

    @Test
    @DisplayName("a put(), get() or snapshot() that fails with an Error inside the lock leaves the cache usable by other threads")
    void aFailedCallDoesNotKeepTheLock() {
        var cache = new SnapshotCache<Object, Integer>();
        var failingLater = new KeyThatFailsLater();
        RunsAlone.run("put()", SnapshotCache.class, () -> {
            cache.put("apple", 3);
            cache.put(failingLater, 2);
        });
        String[] calls = {"put(broken-key, 1)", "get(broken-key)", "snapshot() of a cache holding a key whose hashCode() fails"};
        for (int call = 0; call < calls.length; call++) {
            int which = call;
            failingLater.startFailing();
            RunsAlone.run(calls[call], SnapshotCache.class, () -> {
                try {
                    switch (which) {
                        case 0 -> cache.put(new BrokenKey(), 1);
                        case 1 -> cache.get(new BrokenKey());
                        default -> cache.snapshot();
                    }
                } catch (BrokenKeyError expected) {
                    // the key's failure, passed on to the caller as it should be
                }
            });
            failingLater.stopFailing();
            try {
                RunsAlone.run("put(\"pear\", 5) on another thread", SnapshotCache.class, () -> cache.put("pear", 5));
            } catch (AssertionError stuck) {
                throw new AssertionError("""
                        %s failed on a thread of its own (a key's hashCode() threw an Error, as code run \
                        inside a lock can), and that thread has ended. Then put("pear", 5) on another \
                        thread could not go on.
                        Why: the failed call never released its lock (a read lock left held keeps \
                        every writer out). Release a lock in finally (lock(); try { … } finally { \
                        unlock(); }), or use synchronized: a catch (Exception) does not run for an \
                        Error, and code after the failing line does not run at all.
                        %s""".formatted(calls[call], stuck.getMessage()), stuck);
            }
        }
        var after = RunsAlone.call("snapshot()", SnapshotCache.class, cache::snapshot);
        assertThat(after).as("snapshot() after put(apple, 3), put(failing-key, 2), put(pear, 5) and calls that failed")
                .isEqualTo(Map.of("apple", 3, failingLater, 2, "pear", 5));
    }

    /**
     * Keys that all have the same hash, so that a HashMap keeps them in one bin, and that are
     * Comparable. When a ninth joins the bin (in a table of 64 or more), HashMap turns the bin into
     * a tree in place, comparing the keys as it builds it: the first compareTo() then stops the
     * writer, with the bin half rebuilt, until the test lets it go. Only that first call stops.
     */
    static final class Collider implements Comparable<Collider> {
        private final int id;
        private final Gate gate;

        Collider(int id, Gate gate) {
            this.id = id;
            this.gate = gate;
        }

        @Override
        public int compareTo(Collider other) {
            gate.stopHereOnce();
            return Integer.compare(id, other.id);
        }

        @Override
        public int hashCode() {
            return 0x5EED;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Collider collider && collider.id == id;
        }

        @Override
        public String toString() {
            return "collider-" + id;
        }
    }

    /** Where the writer stops: armed once, stops the first thread that passes, for at most a deadline. */
    static final class Gate {
        private final AtomicBoolean armed = new AtomicBoolean();
        private final CountDownLatch stopped = new CountDownLatch(1);
        private final CountDownLatch released = new CountDownLatch(1);

        void arm() {
            armed.set(true);
        }

        void stopHereOnce() {
            if (armed.compareAndSet(true, false)) {
                stopped.countDown();
                try {
                    released.await(2 * DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    @Test
    @DisplayName("get() of a stored key finds it while another thread is in the middle of put()")
    void getFindsAStoredKeyDuringAPut() throws InterruptedException {
        var gate = new Gate();
        var cache = new SnapshotCache<Object, Integer>();
        RunsAlone.run("put()", SnapshotCache.class, () -> {
            for (int i = 0; i < 40; i++) {
                cache.put(i, i);
            }
            for (int id = 1; id <= 8; id++) {
                cache.put(new Collider(id, gate), id);
            }
        });
        gate.arm();
        var writer = BlockingCall.run("writer", () -> cache.put(new Collider(9, gate), 9));
        try {
            long end = System.nanoTime() + DEADLINE.toNanos();
            while (!gate.stopped.await(1, TimeUnit.MILLISECONDS) && !writer.isDone()) {
                if (System.nanoTime() > end) {
                    throw new AssertionError("put(collider-9, 9) neither returned nor reached the keys' compareTo() within "
                            + DEADLINE.toSeconds() + " s.\n" + writer.describe());
                }
            }
            var reader = BlockingCall.call("reader", () -> cache.get(new Collider(5, gate)));
            boolean readerWaits = false;
            while (!reader.isDone() && System.nanoTime() < end) {
                if (ThreadWatch.staysWaitingIn(reader.thread(), SnapshotCache.class, Duration.ofMillis(20))) {
                    readerWaits = true;
                    break;
                }
            }
            if (reader.isDone() && !Integer.valueOf(5).equals(reader.result())) {
                throw new AssertionError("""
                        get(collider-5) returned %s while another thread was in the middle of \
                        put(collider-9, 9), although put(collider-5, 5) had returned long before.
                        Why: get() read the map while put() was changing it. Here put() was turning the \
                        bin that holds collider-1 … collider-9 into a tree; halfway through, the bin \
                        cannot find most of its keys. A HashMap that grows or rebuilds a bin is not a \
                        map to read from another thread at that moment. get() must hold the lock that \
                        put() holds (or read a map that nobody changes any more)."""
                        .formatted(reader.result()));
            }
            var copier = BlockingCall.call("copier", cache::snapshot);
            while (!copier.isDone() && System.nanoTime() < end
                    && !ThreadWatch.staysWaitingIn(copier.thread(), SnapshotCache.class, Duration.ofMillis(20))) {
                Thread.onSpinWait();
            }
            if (copier.isDone()) {
                int size = copier.result().size();
                if (size != 48 && size != 49) {
                    throw new AssertionError("""
                            snapshot() taken while another thread was in the middle of put(collider-9, 9) \
                            held %d entries; the cache held 48 before that put, 49 after.
                            Why: the snapshot was copied while put() was changing the map. Copy under the \
                            lock that put() holds, or hand out a map that nobody changes any more."""
                            .formatted(size));
                }
            }
            gate.released.countDown();
            copier.awaitResult(DEADLINE, "snapshot() should return once put() has finished.");
            var found = reader.awaitResult(DEADLINE, readerWaits
                    ? "get() waited for the lock that put() held; once put() had finished, it should have returned."
                    : "get() should return promptly.");
            assertThat(found).as("get(collider-5), stored before").isEqualTo(5);
        } finally {
            gate.released.countDown();
        }
        writer.awaitResult(DEADLINE, "put(collider-9, 9) should return once the test let it go on.");
        assertThat(cache.get(new Collider(9, gate))).as("get(collider-9) after put(collider-9, 9) returned").isEqualTo(9);
    }

    /**
     * A cache key with a number, like {@link Key}; the one key that has a gate stops the thread
     * that calls its hashCode(), the gate's first stop. The test looks up such a key to hold the
     * reader inside get(), and stores only keys without one.
     */
    static final class PausingKey {
        private final int id;
        private final Gate gate;

        PausingKey(int id, Gate gate) {
            this.id = id;
            this.gate = gate;
        }

        @Override
        public int hashCode() {
            if (gate != null) {
                gate.stopHereOnce();
            }
            return id * 0x9E3779B1;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof PausingKey key && key.id == id;
        }

        @Override
        public String toString() {
            return "key-" + id;
        }
    }

    /**
     * HashMap.get() reads its table first and hashes the key after. The reader looks up a key whose
     * hashCode() stops it there; meanwhile a writer puts 28 new keys into a cache of 12, which grows
     * a HashMap's table twice, and growing takes every entry out of the old table. A get() that holds
     * the lock that put() holds keeps the writer out until it is done; one that gave the lock back
     * before reading (or never took it) looks into an emptied table and finds nothing. A map that
     * nobody changes any more, or a ConcurrentHashMap, is safe either way.
     */
    @Test
    @DisplayName("get() of a stored key while another thread's puts grow the map in the middle of the get: the key is found")
    void getFindsAStoredKeyWhileTheMapGrows() throws InterruptedException {
        var gate = new Gate();
        var cache = new SnapshotCache<PausingKey, Integer>();
        RunsAlone.run("put()", SnapshotCache.class, () -> {
            for (int id = 0; id < 12; id++) {
                cache.put(new PausingKey(id, null), id);
            }
        });
        gate.arm();
        var reader = BlockingCall.call("reader", () -> cache.get(new PausingKey(5, gate)));
        BlockingCall<Void> writer = null;
        try {
            long end = System.nanoTime() + DEADLINE.toNanos();
            while (!gate.stopped.await(1, TimeUnit.MILLISECONDS) && !reader.isDone()) {
                if (System.nanoTime() > end) {
                    throw new AssertionError("get(key-5) neither returned nor called the key's hashCode() within "
                            + DEADLINE.toSeconds() + " s.\n" + reader.describe());
                }
            }
            if (!reader.isDone()) {
                writer = BlockingCall.run("writer", () -> {
                    for (int id = 12; id < 40; id++) {
                        cache.put(new PausingKey(id, null), id);
                    }
                });
                var putting = writer;
                ThreadWatch.pollUntil(DEADLINE, () -> putting.isDone()
                        || ThreadWatch.staysWaitingIn(putting.thread(), SnapshotCache.class, Duration.ofMillis(20)));
            }
        } finally {
            gate.released.countDown();
        }
        var found = reader.awaitResult(DEADLINE, "get(key-5) should return once its key's hashCode() was let go on.");
        assertThat(found)
                .as("""
                        get(key-5), stored before, while another thread's put() calls grew the map from 12 \
                        keys to 40 in the middle of the get (the test held the reader inside the key's \
                        hashCode()).
                        Why: HashMap.get() reads the table first and looks into it after hashing the key; a \
                        map that grows moves every entry into a new table and empties the old one. get() \
                        must hold the lock that put() holds for the whole read, not take it and give it back \
                        before reading (or read a map that nobody changes any more).""")
                .isEqualTo(5);
        if (writer != null) {
            writer.awaitResult(DEADLINE, "put() of 28 new keys should return once the get() it waited for had returned.");
        }
        assertThat(cache.get(new PausingKey(39, null))).as("get(key-39) after its put() returned").isEqualTo(39);
    }

    /**
     * A writer adds key-0, key-1, … in that order while the readers take snapshots and look keys up
     * until it is done; {@code written} says how many puts have returned. The writer starts once
     * every reader is running, so that the two really overlap.
     */
    record Race(SnapshotCache<Key, Integer> cache, CountDownLatch readersRunning, AtomicInteger written,
            AtomicBoolean writerDone) {
        static Race fresh() {
            return new Race(new SnapshotCache<>(), new CountDownLatch(READERS), new AtomicInteger(), new AtomicBoolean());
        }
    }

    @Test
    @DisplayName("readers taking snapshots and calling get() while a writer adds see the cache at one moment, with every finished put")
    void readersSeeOneMomentWhileAWriterAdds() {
        RaceScenario.of("cache-user", Race::fresh)
                .threads(1 + READERS)
                .eachThread((race, index) -> {
                    if (index == 0) {
                        try {
                            race.readersRunning().await(1, TimeUnit.SECONDS);
                            for (int i = 0; i < ENTRIES; i++) {
                                race.cache().put(Key.of(i), i);
                                race.written().set(i + 1);
                            }
                        } finally {
                            race.writerDone().set(true);
                        }
                    } else {
                        race.readersRunning().countDown();
                        int previousSize = 0;
                        int lookups = 0;
                        boolean writerWasDone;
                        do {
                            writerWasDone = race.writerDone().get();
                            int finished = race.written().get();
                            previousSize = checkOneMoment(race.cache().snapshot(), previousSize, finished);
                            if (finished > 0) {
                                checkFound(race.cache(), (lookups++ * 7_919 + index) % finished, finished);
                            }
                        } while (!writerWasDone);
                    }
                })
                .afterAllThreads(race -> {
                    int size = checkOneMoment(race.cache().snapshot(), 0, ENTRIES);
                    assertThat(size).as("entries in snapshot() after the writer's %,d puts of new keys", ENTRIES)
                            .isEqualTo(ENTRIES);
                })
                .repeatFor(Duration.ofMillis(300));
    }

    @Test
    @DisplayName("two writers putting at the same time lose no entry")
    void twoWritersLoseNoEntry() {
        int perWriter = 500;
        RaceScenario.of("writer", () -> new SnapshotCache<Key, Integer>())
                .threads(2)
                .eachThread((cache, writer) -> {
                    for (int i = 0; i < perWriter; i++) {
                        cache.put(Key.of(writer * perWriter + i), i);
                    }
                })
                .afterAllThreads(cache -> {
                    var snapshot = cache.snapshot();
                    if (snapshot.size() != 2 * perWriter) {
                        throw new AssertionError("""
                                Two writers each put %,d new keys at the same time, and the cache ends with \
                                %,d entries instead of %,d.
                                Why: two put() calls overlapped and one undid the other. A HashMap changed \
                                by two threads at once loses entries; a copy-on-write put that reads the \
                                current map, copies it, adds one entry and stores the copy without a lock \
                                loses the other writer's entry. Each put() must hold the lock (or swap the \
                                map in with compareAndSet, retrying when it lost)."""
                                .formatted(perWriter, snapshot.size(), 2 * perWriter));
                    }
                })
                .trialDeadline(DEADLINE)
                .repeatFor(Duration.ofMillis(150));
    }

    /** Run in a child JVM with the JIT on: one thread spins on get() until another thread's put() shows. */
    static final class GetProbe {
        public static void main(String[] args) {
            var cache = new SnapshotCache<String, Integer>();
            cache.put("apple", 3);
            StaleReads.watch(cache, c -> c.get("apple") == 4, c -> c.put("apple", 4));
        }
    }

    @Test
    @DisplayName("a thread that keeps calling get() sees a put() made meanwhile by another thread")
    void getSeesAPutMadeMeanwhile() {
        var alone = new SnapshotCache<String, Integer>();
        RunsAlone.run("put()", SnapshotCache.class, () -> alone.put("apple", 3));
        RunsAlone.call("get() after a put() made by a thread that has ended", SnapshotCache.class, () -> alone.get("apple"));
        RunsAlone.run("put() after a get() made by a thread that has ended", SnapshotCache.class, () -> alone.put("apple", 4));
        RunsAlone.call("get() after a put() made by a thread that has ended", SnapshotCache.class, () -> alone.get("apple"));
        StaleReads.assertSeen(GetProbe.class, "get(\"apple\")", "put(\"apple\", 4)");
    }

    /** Fails unless {@code get(key-k)} returns k: that key's put() has returned before this call. */
    private static void checkFound(SnapshotCache<Key, Integer> cache, int k, int finished) {
        var found = cache.get(Key.of(k));
        if (found == null || found != k) {
            throw new AssertionError("""
                    get(key-%d) returned %s while the writer was adding, although put(key-%d, %d) had \
                    returned before (the writer had finished %,d puts).
                    Why: get() read the map while put() was changing it. A HashMap that grows moves its \
                    entries to a new table, and a read in the middle of that misses keys that are there. \
                    Reads must hold the lock that put() holds, or read a map that nobody changes any more."""
                    .formatted(k, found, k, k, finished));
        }
    }

    /**
     * Walks one snapshot and fails unless it holds exactly key-0 … key-(n-1) for some n no smaller
     * than the reader's previous snapshot, nor than the puts finished before it was taken: the
     * writer adds keys in that order, so the cache at any one moment looks like that. Returns n.
     */
    private static int checkOneMoment(Map<Key, Integer> snapshot, int previousSize, int finishedBefore) {
        var values = new BitSet();
        int walked = 0;
        try {
            for (var entry : snapshot.entrySet()) {
                values.set(entry.getValue());
                walked++;
            }
        } catch (ConcurrentModificationException e) {
            throw new AssertionError("""
                    A reader walking a snapshot got a ConcurrentModificationException after %,d entries: \
                    the map it walked was changed by the writer while it walked.
                    Why: snapshot() handed out a map that put() still changes: the cache's own map, or \
                    a view of it, or a copy made without the lock. Hand out a map that nothing changes \
                    any more: a copy made while holding the lock that put() holds, or a map the cache \
                    never touches again.""".formatted(walked), e);
        } catch (RuntimeException e) {
            throw new AssertionError("""
                    A reader walking a snapshot got %s after %,d entries.
                    Why: the map was read while the writer was changing it, and a map caught halfway \
                    through a change is not a map. Every access, reads and copies included, must hold \
                    the lock that put() holds.""".formatted(e, walked), e);
        }
        if (values.cardinality() != walked || values.length() != walked) {
            throw new AssertionError("""
                    A reader's snapshot held %,d entries, but not key-0 … key-%d without a gap: %s.
                    Why: the writer adds key-0, key-1, key-2, … in that order, so the cache at any one \
                    moment holds key-0 up to some key-n with none missing. This snapshot is part before \
                    and part after some of the writer's puts: it was copied while the writer was \
                    changing the map. Make the copy while holding the same lock that put() holds, so no \
                    put can happen in the middle of it."""
                    .formatted(walked, walked - 1, describeGaps(values, walked)));
        }
        if (walked < finishedBefore) {
            throw new AssertionError("""
                    A reader took a snapshot with %,d entries after the writer had finished %,d puts.
                    Why: the snapshot missed puts that had already returned. Reads must hold the same \
                    lock as put() (or read what put() published through a volatile or atomic \
                    reference) to see everything put() did before."""
                    .formatted(walked, finishedBefore));
        }
        if (walked < previousSize) {
            throw new AssertionError("""
                    A reader took a snapshot with %,d entries after one with %,d, but the cache only \
                    grows. Why: the later snapshot did not see puts that the earlier one saw; reads must \
                    hold the same lock as put() to see everything put() did before it."""
                    .formatted(walked, previousSize));
        }
        return walked;
    }

    private static String describeGaps(BitSet values, int walked) {
        if (values.cardinality() != walked) {
            return "some entries came up twice in one walk";
        }
        return "key-%d is missing while key-%d is there".formatted(values.nextClearBit(0), values.length() - 1);
    }

    /**
     * What {@code ./workbook explain} runs: a writer puts a then b while a reader takes a snapshot,
     * walks it at once, then puts c; afterwards the snapshot must be one moment of the cache that
     * has not changed since, and no put may be lost.
     */
    static final class ExplainScenario implements Runnable {
        private Map<String, Integer> snapshot;
        private Map<String, Integer> walked;
        private boolean snapshotFailed;
        private boolean walkFailed;

        @Override
        public void run() {
            snapshot = null;
            walked = null;
            snapshotFailed = false;
            walkFailed = false;
            var cache = new SnapshotCache<String, Integer>();
            ScenarioThreads.runTogether(() -> {
                cache.put("a", 1);
                cache.put("b", 2);
            }, () -> {
                try {
                    snapshot = cache.snapshot();
                } catch (ConcurrentModificationException e) {
                    snapshotFailed = true;
                    return;
                }
                try {
                    walked = new TreeMap<>(snapshot);
                } catch (ConcurrentModificationException e) {
                    walkFailed = true;
                }
                cache.put("c", 3);
            });
            if (snapshotFailed) {
                throw new AssertionError("snapshot() threw ConcurrentModificationException: it copied the cache's map while a put() changed it");
            }
            if (walkFailed) {
                throw new AssertionError("walking the snapshot threw ConcurrentModificationException: it is the map a put() was changing");
            }
            if (!walked.equals(snapshot)) {
                throw new AssertionError("the snapshot was " + walked + " when the reader walked it and is " + new TreeMap<>(snapshot)
                        + " afterwards: it went on changing with the cache");
            }
            if (walked.containsKey("c") || walked.containsKey("b") && !walked.containsKey("a")) {
                throw new AssertionError("the snapshot " + walked + " is not one moment of the cache: its own thread put c only after"
                        + " taking it, and the writer put a before b");
            }
            for (var key : new String[] {"a", "b", "c"}) {
                if (cache.get(key) == null) {
                    throw new AssertionError("put(" + key + ") returned, but get(" + key + ") finds nothing: the entry was lost");
                }
            }
            var last = cache.snapshot();
            try {
                last.put("z", 26);
            } catch (UnsupportedOperationException refused) {
                // a read-only snapshot is fine: the caller cannot change it at all
            }
            if (cache.get("z") != null) {
                throw new AssertionError("z was put into a snapshot, and the cache now holds z: the snapshot is the cache's own map");
            }
            if (new SnapshotCache<String, Integer>().get("a") != null) {
                throw new AssertionError("a new cache, never put to, already holds a: two caches share their entries");
            }
        }
    }
}
