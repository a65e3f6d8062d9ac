package l16a_split_the_sum;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import workbook.testkit.BlockingCall;
import workbook.testkit.NoThreadLeaks;

@ExtendWith(NoThreadLeaks.class)
class RangeSumTest {

    /** Far longer than any sum here takes, even on a busy machine; far shorter than a hang. */
    private static final Duration DEADLINE = Duration.ofSeconds(2);
    /** How long a leaf waits for a leaf on another worker: stealing a forked half takes microseconds. */
    private static final Duration MEETING = Duration.ofSeconds(1);
    /**
     * How long the caller of a sum of a few pieces may stay in one wait, never woken: its pool adds
     * them up in microseconds, so one that waits this long waits for something else (a lock).
     */
    private static final Duration STUCK = Duration.ofMillis(500);

    private final List<ForkJoinPool> pools = new ArrayList<>();

    @AfterEach
    void closePools() throws InterruptedException {
        for (var pool : pools) {
            pool.shutdownNow();
            pool.awaitTermination(2, TimeUnit.SECONDS);
        }
    }

    @Test
    @DisplayName("the sum is exact, for ranges that do not start at 0 and lengths that do not halve evenly")
    void theSumIsExact() throws InterruptedException {
        var pool = pool(2);
        assertThat(sumWithin(pool, 7, 1_007, 64, RangeSumTest::squares)).as(exactSum(7, 1_007, 64)).isEqualTo(expected(7, 1_007));
        assertThat(sumWithin(pool, 3, 40, 1, RangeSumTest::squares)).as(exactSum(3, 40, 1)).isEqualTo(expected(3, 40));
        assertThat(sumWithin(pool, 5, 25, 100, RangeSumTest::squares)).as(exactSum(5, 25, 100)).isEqualTo(expected(5, 25));
        assertThat(sumWithin(pool(1), 0, 777, 10, RangeSumTest::squares))
                .as(exactSum(0, 777, 10) + " in a pool of ONE worker: it must work there too, only not faster")
                .isEqualTo(expected(0, 777));
    }

    @Test
    @DisplayName("every index is in exactly one leaf, and no leaf is longer than the threshold")
    void everyIndexOnceInPiecesOfAtMostTheThreshold() throws InterruptedException {
        var leaves = new Recorder();
        sumWithin(pool(2), 10, 1_010, 50, leaves);
        var pieces = leaves.piecesInOrder();
        assertThat(pieces)
                .as("""
                        The ranges handed to the leaf for sum(pool, 10, 1010, threshold 50, ...), sorted.
                        Why: a range longer than the threshold must be split, and its halves split again, \
                        until every piece has at most threshold indices; a condition that is never true \
                        (a length computed as from - to, say) never splits, and the whole work runs on one \
                        thread.""")
                .allMatch(piece -> piece.length() <= 50);
        int next = 10;
        for (var piece : pieces) {
            assertThat(piece.from())
                    .as("""
                            Where the leaf range %s starts: the ranges must follow each other with no gap and \
                            no overlap, from 10 to 1010 (all ranges: %s).
                            Why: each split gives [from, middle) to one half and [middle, to) to the other.""", piece, pieces)
                    .isEqualTo(next);
            next = piece.to();
        }
        assertThat(next).as("where the last leaf range ends (all ranges: %s)", pieces).isEqualTo(1_010);
        assertThat(pieces.size())
                .as("""
                        How many leaves sum(pool, 10, 1010, threshold 50, ...) made: %s.
                        Why: split a range only while it is longer than the threshold; a piece much smaller \
                        than the threshold costs a task for too little work. Halving gives about 2 x 1000 / 50 \
                        pieces at most.""", pieces)
                .isLessThanOrEqualTo(2 * 1_000 / 50 + 1);
    }

    @Test
    @DisplayName("every leaf runs on a worker of the pool it was given, not on the caller or in the common pool")
    void leavesRunInTheGivenPool() throws InterruptedException {
        var pool = pool(2);
        var leaves = new Recorder();
        sumWithin(pool, 0, 640, 40, leaves);
        assertThat(leaves.pieces)
                .as("""
                        The leaves and where each ran, for sum(pool, ...) with a pool of 2 workers made by the test.
                        Why: the caller chose the pool (how many threads, what they may do). Start the first \
                        task with pool.invoke(task): task.invoke() or task.fork() from a thread outside any \
                        pool runs on the calling thread or in ForkJoinPool.commonPool().""")
                .allMatch(piece -> piece.pool() == pool);
    }

    @Test
    @DisplayName("the two halves of a range run at the same time, on two workers")
    void theTwoHalvesRunAtTheSameTime() throws InterruptedException {
        var leaves = new Meeting();
        long sum = sumWithin(pool(2), 0, 200, 100, leaves);
        leaves.assertMet("""
                sum(pool of 2 workers, 0, 200, threshold 100, ...): its two halves, [0, 100) and [100, 200), \
                each wait until the other one runs.
                Why: the halves must run at the same time. Fork one half, then compute the other on this \
                thread, and only then join the first. Joining the forked half right away, or computing both \
                halves one after the other with compute(), runs them in turn on one thread.""");
        assertThat(sum).as(exactSum(0, 200, 100)).isEqualTo(expected(0, 200));
    }

    @Test
    @DisplayName("two sums at once, in two pools, each get their own exact result")
    void twoSumsAtOnce() throws InterruptedException {
        var firstLeafWaits = new CountDownLatch(1);
        var secondDone = new CountDownLatch(1);
        RangeSum.Leaf waitsForTheSecond = (from, to) -> {
            firstLeafWaits.countDown();
            try {
                secondDone.await(DEADLINE.toMillis() + 1_000, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return squares(from, to);
        };
        var first = BlockingCall.call("first sum", () -> RangeSum.sum(pool(2), 0, 300, 100, waitsForTheSecond));
        // The second sum starts only once the first is under way: a total the first call reset and
        // its leaves have yet to add to is there, for a shared one to mix up.
        assertThat(firstLeafWaits.await(DEADLINE.toMillis(), TimeUnit.MILLISECONDS))
                .as("a leaf of the first sum(...) had started within %d s (%s)", DEADLINE.toSeconds(), first.describe())
                .isTrue();
        long second = BlockingCall.call("second sum", () -> RangeSum.sum(pool(2), 0, 500, 100, RangeSumTest::squares))
                .awaitResult(DEADLINE, STUCK, """
                        a second sum(...), made while the leaves of a first one wait, must end by itself.
                        Why: two calls in two pools share nothing, so neither may wait for the other: a \
                        synchronized sum() (one lock for the whole class) makes the second call wait until \
                        the first is done.""");
        secondDone.countDown();
        long firstSum = first.awaitResult(DEADLINE, "the first sum must end once the second one has");
        var why = """
                Why: each call must add up its own pieces only. A total kept in a static field (or any \
                accumulator shared between calls) mixes the pieces of two calls made at the same time; \
                let each piece return its sum and let the parent add its two halves' sums.""";
        assertThat(second).as("the second sum, %s, computed while the first one's leaves waited.%n%s", exactSum(0, 500, 100), why)
                .isEqualTo(expected(0, 500));
        assertThat(firstSum).as("the first sum, %s, whose leaves ran after the second sum was done.%n%s", exactSum(0, 300, 100), why)
                .isEqualTo(expected(0, 300));
    }

    @Test
    @DisplayName("a threshold below 1 is refused: no piece could ever be small enough")
    void thresholdBelowOneIsRefused() {
        var pool = pool(1);
        for (int threshold : new int[] {0, -3}) {
            assertThatThrownBy(() -> RangeSum.sum(pool, 0, 10, threshold, RangeSumTest::squares))
                    .as("""
                            sum(pool, 0, 10, threshold %d, ...) must throw IllegalArgumentException.
                            Why: with a threshold below 1 even a piece of one index is too long, so splitting \
                            would never end.""", threshold)
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    /**
     * A pool of {@code workers} that keeps that many workers running: one that waits in join() for
     * a task another worker is running is replaced by a spare. A plain {@code new ForkJoinPool(2)}
     * keeps only one running (its minimumRunnable is 1), so after {@code left.fork(); right.fork();
     * left.join()}, with left stolen, right would wait in the joining worker's queue until left is
     * done; with this pool it runs at once, and any split that makes both halves ready to run
     * before it waits runs them at the same time, in every run.
     */
    private ForkJoinPool pool(int workers) {
        var pool = new ForkJoinPool(workers, ForkJoinPool.defaultForkJoinWorkerThreadFactory, null, false, 0,
                Integer.MAX_VALUE, workers, null, 1, TimeUnit.MINUTES);
        pools.add(pool);
        return pool;
    }

    private static long sumWithin(ForkJoinPool pool, int from, int to, int threshold, RangeSum.Leaf leaf)
            throws InterruptedException {
        return BlockingCall.call("caller of sum", () -> RangeSum.sum(pool, from, to, threshold, leaf))
                .awaitResult(DEADLINE, "sum(...) of " + (to - from) + " indices must end within " + DEADLINE.toSeconds() + " s");
    }

    private static String exactSum(int from, int to, int threshold) {
        return "sum(pool, %d, %d, threshold %d, i -> i * i): the sum of i * i for every i in [%d, %d), each exactly once"
                .formatted(from, to, threshold, from, to);
    }

    static long squares(int from, int to) {
        long sum = 0;
        for (long i = from; i < to; i++) {
            sum += i * i;
        }
        return sum;
    }

    private static long expected(int from, int to) {
        return squares(from, to);
    }

    record Piece(int from, int to, ForkJoinPool pool) {
        int length() {
            return to - from;
        }

        @Override
        public String toString() {
            return "[" + from + ", " + to + ")" + (pool == null ? " on a thread outside any pool" : "");
        }
    }

    /** A leaf that notes every range it is handed and the pool of the worker it ran on. */
    private static final class Recorder implements RangeSum.Leaf {
        final Queue<Piece> pieces = new ConcurrentLinkedQueue<>();

        @Override
        public long sum(int from, int to) {
            pieces.add(new Piece(from, to, ForkJoinTask.getPool()));
            return squares(from, to);
        }

        List<Piece> piecesInOrder() {
            return pieces.stream().sorted(Comparator.comparingInt(Piece::from).thenComparingInt(Piece::to)).toList();
        }
    }

    /** A leaf that waits, up to {@link #MEETING}, until a leaf is running on another thread at the same moment. */
    private static final class Meeting implements RangeSum.Leaf {
        private final Set<Thread> inside = ConcurrentHashMap.newKeySet();
        private final Set<String> ranOn = ConcurrentHashMap.newKeySet();
        private final CountDownLatch met = new CountDownLatch(1);
        private final AtomicReference<String> gaveUp = new AtomicReference<>();

        @Override
        public long sum(int from, int to) {
            var self = Thread.currentThread();
            ranOn.add(self.getName());
            inside.add(self);
            try {
                if (inside.size() >= 2) {
                    met.countDown();
                }
                if (gaveUp.get() == null && !met.await(MEETING.toMillis(), TimeUnit.MILLISECONDS)) {
                    gaveUp.compareAndSet(null, "leaf [" + from + ", " + to + ") on " + self.getName()
                            + " waited " + MEETING.toMillis() + " ms and no leaf ran on another thread meanwhile");
                }
            } catch (InterruptedException e) {
                self.interrupt();
            } finally {
                inside.remove(self);
            }
            return squares(from, to);
        }

        void assertMet(String what) {
            assertThat(gaveUp.get()).as("%s%nThe leaves ran on: %s", what, ranOn).isNull();
        }
    }
}
