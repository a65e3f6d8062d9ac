package l16a_split_the_sum;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RecursiveTask;

/** Right: forks both halves and joins them in the order they were forked: both are ready to run before this worker waits, so while it waits for one, another worker runs the other (in a pool that replaces a worker waiting in join() by a spare, as the tests' pool does). */
public final class RangeSum {

    /** Adds up the indices {@code from} (inclusive) to {@code to} (exclusive) in one piece, on the calling thread. */
    @FunctionalInterface
    public interface Leaf {
        long sum(int from, int to);
    }

    private RangeSum() {
    }

    /** The sum of {@code leaf} over {@code [from, to)}, in pieces of at most {@code threshold} indices, computed in {@code pool}. */
    public static long sum(ForkJoinPool pool, int from, int to, int threshold, Leaf leaf) {
        if (threshold < 1) {
            throw new IllegalArgumentException("threshold must be at least 1, was " + threshold);
        }
        return pool.invoke(new Piece(from, to, threshold, leaf));
    }

    private static final class Piece extends RecursiveTask<Long> {
        private final int from;
        private final int to;
        private final int threshold;
        private final Leaf leaf;

        Piece(int from, int to, int threshold, Leaf leaf) {
            this.from = from;
            this.to = to;
            this.threshold = threshold;
            this.leaf = leaf;
        }

        @Override
        protected Long compute() {
            if (to - from <= threshold) {
                return leaf.sum(from, to);
            }
            int middle = from + (to - from) / 2;
            var left = new Piece(from, middle, threshold, leaf);
            var right = new Piece(middle, to, threshold, leaf);
            left.fork();
            right.fork();
            return left.join() + right.join();
        }
    }
}
