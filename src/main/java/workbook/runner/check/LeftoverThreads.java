package workbook.runner.check;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import workbook.testkit.JdkThreads;

/**
 * Finds the threads a check started that are still alive after it, asks them to stop, and names
 * those that did not.
 *
 * <p>The runner checks exercises in its own JVM (one {@code ./workbook check}, a warm watch mode,
 * the curriculum gate, the mutation analysis's workers). A wrong answer's thread that spins once its
 * tests are over would otherwise keep a core busy for every check after it, and make their races
 * and deadlines wrong. So {@link #since(String, ClassLoader)} notes the threads alive before a check and
 * {@link #stopOrName(Duration)}, after it, interrupts each thread started since, waits a short grace
 * for it to end (with {@code join}, so a thread that ends at once costs nothing), and returns those
 * still alive: a thread that ignores interrupts, or was never told to stop.
 *
 * <p>Of those, the ones that used the CPU during the second half of the grace are
 * {@linkplain Leftover#busy() busy}: they take a core from whatever runs next, which only a new JVM
 * can stop. One parked for ever (a self-deadlock, a pool never shut down) costs memory, not time. A
 * thread's state alone cannot tell them apart: a loop around {@code awaitNanos} with no time left
 * is caught as often TIMED_WAITING as RUNNABLE, so the measure is the thread's CPU time.
 *
 * <p>A thread is the check's when it was started since and inherited the exercise's class loader
 * as its context class loader, as every thread the tests start does, and the threads those start.
 * A thread some other part of the JVM started meanwhile is not, even when it runs the same
 * exercise's code: a test's Awaitility poller, or a second check of the same exercise running in
 * parallel, must not be interrupted. The JDK's own threads are not the check's either, even when
 * the check's code was the first to need them: the common pool's workers, the carriers and helpers
 * that run virtual threads, the process reaper, and JUnit's timeout threads ({@link JdkThreads}).
 * So a common-pool task that never ends is not seen here (nothing tells whose it is), nor is a
 * virtual thread, which {@code Thread.getAllStackTraces()} never lists.
 */
public final class LeftoverThreads {

    /**
     * A thread still alive after the check and the interrupt.
     *
     * @param frame the topmost frame of its stack in the exercise's package (the student's line), or
     *              empty when none of its frames is exercise code (an idle pool worker, say)
     * @param busy  whether it used the CPU near the end of the grace: it goes on taking a core
     */
    public record Leftover(String name, Thread.State state, Optional<StackTraceElement> frame, boolean busy) {

        /** {@code "producer-1" (RUNNABLE, busy) at l06b_timed_buffer.TimedBuffer.put(TimedBuffer.java:41)} */
        public String describe() {
            return "\"%s\" (%s%s)".formatted(name, state, busy ? ", busy" : "") + frame.map(f -> " at " + f).orElse("");
        }
    }

    /**
     * CPU time a thread must use in the second half of the grace to count as busy. A parked thread
     * uses none; one that spins uses nearly all of it on an idle machine, and still a fair share when
     * eight JVMs share two cores.
     */
    static final Duration BUSY_CPU = Duration.ofMillis(5);

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final Set<Thread> before;
    private final String exercisePackage;
    private final ClassLoader exerciseLoader;

    private LeftoverThreads(Set<Thread> before, String exercisePackage, ClassLoader exerciseLoader) {
        this.before = before;
        this.exercisePackage = exercisePackage;
        this.exerciseLoader = exerciseLoader;
    }

    /**
     * Notes the threads alive now, before a check of the exercise whose classes are in
     * {@code exercisePackage}, loaded by {@code exerciseLoader}, the context class loader its tests run with.
     */
    public static LeftoverThreads since(String exercisePackage, ClassLoader exerciseLoader) {
        var alive = Collections.newSetFromMap(new IdentityHashMap<Thread, Boolean>());
        alive.addAll(Thread.getAllStackTraces().keySet());
        return new LeftoverThreads(alive, exercisePackage, exerciseLoader);
    }

    /**
     * Interrupts every thread of the check started since {@link #since(String, ClassLoader)} that is still alive, waits up to
     * {@code grace} in all for them to end, and names those still alive then, each busy or not by the
     * CPU it used in the second half of the grace.
     */
    public List<Leftover> stopOrName(Duration grace) throws InterruptedException {
        var started = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> !before.contains(t) && t != Thread.currentThread())
                .filter(t -> t.getContextClassLoader() == exerciseLoader && !JdkThreads.isJdkOwn(t))
                .toList();
        for (var thread : started) {
            // What the interrupt makes it throw now is no test's failure: printed, it would only be noise above the verdict.
            thread.setUncaughtExceptionHandler((ended, thrown) -> {});
            thread.interrupt();
        }
        long start = System.nanoTime();
        joinUntil(started, start + grace.toNanos() / 2);
        var cpuAtHalf = new IdentityHashMap<Thread, Long>();
        started.stream().filter(Thread::isAlive).forEach(thread -> cpuAtHalf.put(thread, cpuNanos(thread)));
        joinUntil(List.copyOf(cpuAtHalf.keySet()), start + grace.toNanos());
        return started.stream().filter(Thread::isAlive)
                .map(t -> new Leftover(t.getName(), t.getState(), exerciseFrame(t.getStackTrace()), busy(t, cpuAtHalf.get(t))))
                .toList();
    }

    private static void joinUntil(List<Thread> threads, long deadline) throws InterruptedException {
        for (var thread : threads) {
            long left = deadline - System.nanoTime();
            if (left > 0) {
                thread.join(Duration.ofNanos(left));
            }
        }
    }

    /** Busy when it used {@link #BUSY_CPU} since {@code cpuBefore}; when the JVM cannot tell, busy to be safe. */
    private static boolean busy(Thread thread, Long cpuBefore) {
        long now = cpuNanos(thread);
        return cpuBefore == null || cpuBefore < 0 || now < 0 || now - cpuBefore >= BUSY_CPU.toNanos();
    }

    /** The thread's CPU time in nanoseconds, or -1 when this JVM does not measure it. */
    private static long cpuNanos(Thread thread) {
        return THREADS.isThreadCpuTimeSupported() ? THREADS.getThreadCpuTime(thread.threadId()) : -1;
    }

    private Optional<StackTraceElement> exerciseFrame(StackTraceElement[] stack) {
        return Arrays.stream(stack).filter(f -> f.getClassName().startsWith(exercisePackage + ".")).findFirst();
    }
}
