package workbook.demos;

import java.util.concurrent.CountDownLatch;

/** The thread plumbing several demos share, kept out of their way so that the demos show only their point. */
final class DemoThreads {

    private DemoThreads() {}

    /**
     * Starts {@code threads} threads named worker-0, worker-1, …, lets them all go at once (so that
     * they really overlap rather than run one after another), and waits for all of them.
     */
    static void runTogether(int threads, Runnable work) throws InterruptedException {
        var start = new CountDownLatch(1);
        var workers = new Thread[threads];
        for (int i = 0; i < threads; i++) {
            workers[i] = new Thread(() -> {
                awaitQuietly(start);
                work.run();
            }, "worker-" + i);
            workers[i].start();
        }
        start.countDown();
        for (var worker : workers) {
            worker.join();
        }
    }

    /** Waits for {@code latch}; an interrupt ends the wait and is kept for the caller to see. */
    static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
