package l01a_all_at_once;

import java.util.List;

/** Wrong: a stream takes each element through every step before the next, so each thread is joined before the next starts. */
public final class Concurrently {

    private Concurrently() {}

    public static void runAll(List<Runnable> tasks) throws InterruptedException {
        tasks.stream()
                .map(Thread::new)
                .peek(Thread::start)
                .forEach(thread -> {
                    try {
                        thread.join();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
    }
}
