package l16a_split_the_sum;

import java.util.ArrayList;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RecursiveTask;

/** Right: the first task cuts the range into chunks of threshold indices and hands them all to invokeAll, which forks all but one and lets idle workers steal them; one level of splitting instead of halving. */
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
        return pool.invoke(new Chunks(from, to, threshold, leaf));
    }

    private static final class Chunks extends RecursiveTask<Long> {
        private final int from;
        private final int to;
        private final int threshold;
        private final Leaf leaf;

        Chunks(int from, int to, int threshold, Leaf leaf) {
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
            var chunks = new ArrayList<Chunks>();
            for (int start = from; start < to; start += threshold) {
                chunks.add(new Chunks(start, Math.min(to, start + threshold), threshold, leaf));
            }
            long sum = 0;
            for (var chunk : invokeAll(chunks)) {
                sum += chunk.join();
            }
            return sum;
        }
    }
}
