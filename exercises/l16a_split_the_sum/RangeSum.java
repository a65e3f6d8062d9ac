package l16a_split_the_sum;

import java.util.concurrent.ForkJoinPool;

/** Adds up a range of indices on every worker of a ForkJoinPool, split into pieces. */
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
        // TODO: a RecursiveTask that splits its range in two while it is longer than threshold,
        //  runs the two halves at the same time, and adds their sums; started in the given pool.
        return leaf.sum(from, to);
    }
}
