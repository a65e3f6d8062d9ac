package l16a_split_the_sum;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RecursiveAction;
import java.util.concurrent.atomic.AtomicLong;

/** Wrong: one static total for every call: two sums at once add their pieces into the same total, and each returns a mix of both. */
public final class RangeSum {

    /** Adds up the indices {@code from} (inclusive) to {@code to} (exclusive) in one piece, on the calling thread. */
    @FunctionalInterface
    public interface Leaf {
        long sum(int from, int to);
    }

    private static final AtomicLong total = new AtomicLong();

    private RangeSum() {
    }

    /** The sum of {@code leaf} over {@code [from, to)}, in pieces of at most {@code threshold} indices, computed in {@code pool}. */
    public static long sum(ForkJoinPool pool, int from, int to, int threshold, Leaf leaf) {
        if (threshold < 1) {
            throw new IllegalArgumentException("threshold must be at least 1, was " + threshold);
        }
        total.set(0);
        pool.invoke(new Piece(from, to, threshold, leaf));
        return total.get();
    }

    private static final class Piece extends RecursiveAction {
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
        protected void compute() {
            if (to - from <= threshold) {
                total.addAndGet(leaf.sum(from, to));
                return;
            }
            int middle = from + (to - from) / 2;
            invokeAll(new Piece(from, middle, threshold, leaf), new Piece(middle, to, threshold, leaf));
        }
    }
}
