import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RecursiveTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Whether two halves forked one after the other and joined in the order they were forked
 * ({@code left.fork(); right.fork(); left.join() + right.join()}) run at the same time in a pool of
 * two workers, as lesson 16 and l16a's tests say. Each half waits up to a second for the other to
 * be running too. Four cases: a pool that lets a worker wait in join() without a replacement
 * (minimumRunnable 1, the default of {@code new ForkJoinPool(2)}) and one that replaces it by a
 * spare (minimumRunnable 2, as l16a's tests build it); each with the race left alone, and with the
 * steal of {@code left} by the other worker made to come first (the parent waits until
 * {@code left} has started before it joins).
 *
 * <p>Run it with {@code bench/fork-join-order [RUNS]} (default 10 runs per case).
 */
public final class ForkJoinOrder {

    private ForkJoinOrder() {}

    /** One half: notes where it runs, then waits for the other half to start; 1 when they met. */
    private static final class Half extends RecursiveTask<Long> {
        private final CountDownLatch started;
        private final CountDownLatch otherStarted;
        private final AtomicReference<String> ranOn;

        Half(CountDownLatch started, CountDownLatch otherStarted, AtomicReference<String> ranOn) {
            this.started = started;
            this.otherStarted = otherStarted;
            this.ranOn = ranOn;
        }

        @Override
        protected Long compute() {
            ranOn.set(Thread.currentThread().getName());
            started.countDown();
            try {
                return otherStarted.await(1, TimeUnit.SECONDS) ? 1L : 0L;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return 0L;
            }
        }
    }

    /** Forks both halves, joins them in fork order; says whether they met and where each ran. */
    private static final class Parent extends RecursiveTask<String> {
        private final boolean stealFirst;

        Parent(boolean stealFirst) {
            this.stealFirst = stealFirst;
        }

        @Override
        protected String compute() {
            var leftStarted = new CountDownLatch(1);
            var rightStarted = new CountDownLatch(1);
            var leftRanOn = new AtomicReference<String>();
            var rightRanOn = new AtomicReference<String>();
            var left = new Half(leftStarted, rightStarted, leftRanOn);
            var right = new Half(rightStarted, leftStarted, rightRanOn);
            left.fork();
            right.fork();
            if (stealFirst) {
                try {
                    leftStarted.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            long met = left.join() + right.join();
            return (met == 2 ? "met" : "one after the other") + ": left on " + leftRanOn + ", right on " + rightRanOn;
        }
    }

    public static void main(String[] args) {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        System.out.println(Runtime.version() + ", " + Runtime.getRuntime().availableProcessors() + " cores");
        for (int minimumRunnable : new int[] {1, 2}) {
            for (boolean stealFirst : new boolean[] {false, true}) {
                int met = 0;
                var example = "";
                for (int run = 0; run < runs; run++) {
                    var pool = new ForkJoinPool(2, ForkJoinPool.defaultForkJoinWorkerThreadFactory, null, false, 0,
                            Integer.MAX_VALUE, minimumRunnable, null, 1, TimeUnit.MINUTES);
                    var outcome = pool.invoke(new Parent(stealFirst));
                    if (outcome.startsWith("met")) {
                        met++;
                    } else {
                        example = " (" + outcome + ")";
                    }
                    pool.shutdownNow();
                }
                System.out.printf("minimumRunnable %d, %-34s the halves met in %d of %d runs%s%n", minimumRunnable,
                        stealFirst ? "left stolen before the join:" : "the race left alone:", met, runs, example);
            }
        }
    }
}
