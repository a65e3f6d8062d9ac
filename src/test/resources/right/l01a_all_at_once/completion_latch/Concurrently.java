package l01a_all_at_once;

import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * Right, with a {@code CountDownLatch} instead of joins: every thread counts down once its task
 * has returned (in a finally, so a task that throws counts too), and the caller waits until the
 * count reaches zero. Actions before {@code countDown()} happen-before {@code await()} returns,
 * so the caller sees everything the tasks did. {@code await()} throws
 * {@code InterruptedException} when the caller is interrupted.
 */
public final class Concurrently {

    private Concurrently() {}

    public static void runAll(List<Runnable> tasks) throws InterruptedException {
        var finished = new CountDownLatch(tasks.size());
        for (var task : tasks) {
            new Thread(() -> {
                try {
                    task.run();
                } finally {
                    finished.countDown();
                }
            }).start();
        }
        finished.await();
    }
}
