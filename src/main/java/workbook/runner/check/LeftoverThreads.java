package workbook.runner.check;

import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Finds the threads a check started that are still alive after it, asks them to stop, and names
 * those that did not.
 *
 * <p>The runner checks exercises in its own JVM (one {@code ./workbook check}, a warm watch mode,
 * the curriculum gate, the mutation analysis's workers). A wrong answer's thread that spins once its
 * tests are over would otherwise keep a core busy for every check after it, and make their races
 * and deadlines wrong. So {@link #since()} notes the threads alive before a check and
 * {@link #stopOrName(Duration)}, after it, interrupts each thread started since, waits a short grace
 * for it to end (with {@code join}, so a thread that ends at once costs nothing), and returns those
 * still alive: a thread that ignores interrupts, or was never told to stop.
 *
 * <p>The JDK's own threads are not the check's, even when the check's code was the first to need
 * them: the common pool's workers, the carriers and helpers that run virtual threads, the process
 * reaper, and JUnit's timeout threads ({@link #isJdkOwn(Thread)}). One of them is reported all the
 * same while it runs exercise code: a common-pool task that never ends is the exercise's leftover.
 * A virtual thread is never listed by {@code Thread.getAllStackTraces()}, so it is not seen here.
 */
public final class LeftoverThreads {

    /**
     * A thread still alive after the check and the interrupt.
     *
     * @param frame the topmost frame of its stack in the exercise's package (the student's line), or
     *              empty when none of its frames is exercise code (an idle pool worker, say)
     */
    public record Leftover(String name, Thread.State state, Optional<StackTraceElement> frame) {

        /** {@code "producer-1" (RUNNABLE) at l06b_timed_buffer.TimedBuffer.put(TimedBuffer.java:41)} */
        public String describe() {
            return "\"%s\" (%s)".formatted(name, state) + frame.map(f -> " at " + f).orElse("");
        }
    }

    private final Set<Thread> before;
    private final String exercisePackage;

    private LeftoverThreads(Set<Thread> before, String exercisePackage) {
        this.before = before;
        this.exercisePackage = exercisePackage;
    }

    /** Notes the threads alive now, before a check of the exercise whose classes are in {@code exercisePackage}. */
    public static LeftoverThreads since(String exercisePackage) {
        var alive = Collections.newSetFromMap(new IdentityHashMap<Thread, Boolean>());
        alive.addAll(Thread.getAllStackTraces().keySet());
        return new LeftoverThreads(alive, exercisePackage);
    }

    /**
     * Interrupts every thread started since {@link #since(String)} that is still alive, waits up to
     * {@code grace} in all for them to end, and names those still alive then.
     */
    public List<Leftover> stopOrName(Duration grace) throws InterruptedException {
        var started = Thread.getAllStackTraces().entrySet().stream()
                .filter(e -> !before.contains(e.getKey()) && e.getKey() != Thread.currentThread())
                .filter(e -> !isJdkOwn(e.getKey()) || exerciseFrame(e.getValue()).isPresent())
                .map(e -> e.getKey())
                .toList();
        started.forEach(Thread::interrupt);
        long deadline = System.nanoTime() + grace.toNanos();
        for (var thread : started) {
            long left = deadline - System.nanoTime();
            if (left > 0) {
                thread.join(Duration.ofNanos(left));
            }
        }
        return started.stream().filter(Thread::isAlive)
                .map(t -> new Leftover(t.getName(), t.getState(), exerciseFrame(t.getStackTrace())))
                .toList();
    }

    /**
     * Whether {@code thread} is one of the threads the JDK or JUnit start the first time a feature is
     * used and keep for the JVM's life: none of them is a leak of the code that first needed it.
     */
    public static boolean isJdkOwn(Thread thread) {
        var name = thread.getName();
        return name.startsWith("junit-timeout-thread")
                || name.startsWith("ForkJoinPool.commonPool-worker")
                || thread.getClass().getName().equals("jdk.internal.misc.CarrierThread")
                || thread.isDaemon() && (name.equals("VirtualThread-unblocker")
                        || name.equals("process reaper")
                        || name.startsWith("ForkJoinPool-") && name.endsWith("-delayScheduler"));
    }

    private Optional<StackTraceElement> exerciseFrame(StackTraceElement[] stack) {
        return Arrays.stream(stack).filter(f -> f.getClassName().startsWith(exercisePackage + ".")).findFirst();
    }
}
