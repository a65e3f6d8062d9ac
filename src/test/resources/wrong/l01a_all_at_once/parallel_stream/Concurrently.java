package l01a_all_at_once;

import java.util.List;

/** Wrong: a parallel stream runs some tasks on the caller's thread and the rest on a pool sized to the cores, so they do not all run at once. */
public final class Concurrently {

    private Concurrently() {}

    public static void runAll(List<Runnable> tasks) throws InterruptedException {
        tasks.parallelStream().forEach(Runnable::run);
    }
}
