package l03a_snapshot_cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.BitSet;
import java.util.ConcurrentModificationException;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import workbook.testkit.MutualExclusion;
import workbook.testkit.RaceScenario;

class SnapshotCacheTest {

    private static final Duration DEADLINE = Duration.ofSeconds(2);
    private static final int READERS = 3;
    private static final int ENTRIES = 3_000;

    /**
     * A cache key with a number. A key made by {@link #stoppingIn} also stops the first thread that
     * asks for its {@code hashCode()}: a {@code HashMap} asks first thing in {@code put}, so that
     * thread stops inside {@code put()}, holding whatever lock {@code put()} holds.
     */
    static final class Key {
        private final int id;
        private final MutualExclusion.StopPoint stop;

        private Key(int id, MutualExclusion.StopPoint stop) {
            this.id = id;
            this.stop = stop;
        }

        static Key of(int id) {
            return new Key(id, null);
        }

        static Key stoppingIn(int id, MutualExclusion.StopPoint stop) {
            return new Key(id, stop);
        }

        @Override
        public int hashCode() {
            if (stop != null) {
                stop.here();
            }
            return Integer.hashCode(id);
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && key.id == id;
        }

        @Override
        public String toString() {
            return "key-" + id;
        }
    }

    @Test
    @DisplayName("one thread: get() finds what put() stored, and null for a key never stored")
    void getFindsWhatPutStored() {
        var cache = new SnapshotCache<String, Integer>();
        cache.put("apple", 3);
        cache.put("pear", 5);
        cache.put("apple", 4);
        assertThat(cache.get("apple")).as("get(\"apple\") after put(\"apple\", 3) and put(\"apple\", 4)").isEqualTo(4);
        assertThat(cache.get("pear")).as("get(\"pear\") after put(\"pear\", 5)").isEqualTo(5);
        assertThat(cache.get("plum")).as("get(\"plum\"), never stored").isNull();
        assertThat(cache.snapshot()).as("snapshot() of a cache holding apple=4 and pear=5")
                .isEqualTo(Map.of("apple", 4, "pear", 5));
    }

    @Test
    @DisplayName("a snapshot keeps the entries of its moment: later puts do not show up in it")
    void aSnapshotDoesNotChangeAfterwards() {
        var cache = new SnapshotCache<String, Integer>();
        cache.put("apple", 3);
        var snapshot = cache.snapshot();
        cache.put("pear", 5);
        if (!Map.of("apple", 3).equals(snapshot)) {
            throw new AssertionError("""
                    snapshot() was taken when the cache held {apple=3}; after a later put("pear", 5) \
                    that snapshot shows %s.
                    Why: snapshot() handed out the cache's own map, or a view of it (such as \
                    Collections.unmodifiableMap, which is read-only but still live). Whoever walks it \
                    walks the map the writer is changing: that is the ConcurrentModificationException \
                    of the lesson. Return a copy, made while holding the lock.""".formatted(snapshot));
        }
    }

    @Test
    @DisplayName("snapshot() waits while another thread is in the middle of put()")
    void snapshotWaitsForAPutInProgress() {
        var cache = new SnapshotCache<Key, Integer>();
        cache.put(Key.of(1), 1);
        var snapshot = new AtomicReference<Map<Key, Integer>>();
        var outcome = MutualExclusion.check(
                "writer", stop -> cache.put(Key.stoppingIn(2, stop), 2),
                "reader", () -> snapshot.set(cache.snapshot()),
                DEADLINE);
        if (outcome == MutualExclusion.Outcome.RAN_THROUGH) {
            throw new AssertionError("""
                    snapshot() returned while the writer was stopped in the middle of put(key-2, 2), \
                    inside whatever lock put() holds.
                    Why: snapshot() does not take the lock that put() holds, so it can copy the map \
                    while put() is changing it. Such a copy misses entries, or the copying throws \
                    ConcurrentModificationException. put(), get() and snapshot() must all hold one and \
                    the same lock.""");
        }
        assertThat(snapshot.get()).as("the snapshot taken once the writer's put(key-2, 2) was done")
                .isEqualTo(Map.of(Key.of(1), 1, Key.of(2), 2));
    }

    @Test
    @DisplayName("get() waits while another thread is in the middle of put()")
    void getWaitsForAPutInProgress() {
        var cache = new SnapshotCache<Key, Integer>();
        cache.put(Key.of(1), 1);
        var found = new AtomicReference<Integer>();
        var outcome = MutualExclusion.check(
                "writer", stop -> cache.put(Key.stoppingIn(2, stop), 2),
                "reader", () -> found.set(cache.get(Key.of(1))),
                DEADLINE);
        if (outcome == MutualExclusion.Outcome.RAN_THROUGH) {
            throw new AssertionError("""
                    get(key-1) returned while the writer was stopped in the middle of put(key-2, 2), \
                    inside whatever lock put() holds.
                    Why: get() only reads, but it reads a map that put() may be halfway through \
                    changing: a HashMap that is growing moves its entries to a new table, and a get() \
                    in the middle of that can miss a key that is there. Without the lock, nothing even \
                    makes the writer's entries visible to the reader. Reads must hold the same lock as \
                    writes.""");
        }
        assertThat(found.get()).as("get(key-1), which was stored before").isEqualTo(1);
    }

    /**
     * A writer adds key-0, key-1, … in that order while the readers take snapshots until it is done.
     * The writer starts once every reader is running, so that the two really overlap.
     */
    record Race(SnapshotCache<Key, Integer> cache, CountDownLatch readersRunning, AtomicBoolean writerDone) {
        static Race fresh() {
            return new Race(new SnapshotCache<>(), new CountDownLatch(READERS), new AtomicBoolean());
        }
    }

    @Test
    @DisplayName("readers walking snapshots while a writer adds get no exception and see the cache at one moment")
    void readersSeeOneMomentWhileAWriterAdds() {
        RaceScenario.of("cache-user", Race::fresh)
                .threads(1 + READERS)
                .eachThread((race, index) -> {
                    if (index == 0) {
                        try {
                            race.readersRunning().await(1, TimeUnit.SECONDS);
                            for (int i = 0; i < ENTRIES; i++) {
                                race.cache().put(Key.of(i), i);
                            }
                        } finally {
                            race.writerDone().set(true);
                        }
                    } else {
                        race.readersRunning().countDown();
                        int previousSize = 0;
                        boolean writerWasDone;
                        do {
                            writerWasDone = race.writerDone().get();
                            previousSize = checkOneMoment(race.cache().snapshot(), previousSize);
                        } while (!writerWasDone);
                    }
                })
                .afterAllThreads(race -> {
                    int size = checkOneMoment(race.cache().snapshot(), 0);
                    assertThat(size).as("entries in snapshot() after the writer's %,d puts of new keys", ENTRIES)
                            .isEqualTo(ENTRIES);
                })
                .repeatFor(Duration.ofMillis(300));
    }

    /**
     * Walks one snapshot and fails unless it holds exactly key-0 … key-(n-1) for some n no smaller
     * than the reader's previous snapshot: the writer adds keys in that order, so the cache at any
     * one moment looks like that. Returns n.
     */
    private static int checkOneMoment(Map<Key, Integer> snapshot, int previousSize) {
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
                    a view of it, or a copy made without the lock. Return a copy, made while holding \
                    the lock that put() holds.""".formatted(walked), e);
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
}
