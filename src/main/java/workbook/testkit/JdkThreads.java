package workbook.testkit;

/**
 * The threads the JDK and JUnit start the first time a feature is used and keep for the JVM's
 * life: the common pool's workers and its delay scheduler, the carriers and helpers that run
 * virtual threads, the "process reaper" that waits for child processes, and JUnit's timeout
 * threads. None of them is a leak of the code that happened to need them first, so both the
 * testkit's {@link NoThreadLeaks} and the runner's check for threads left after the tests leave
 * them out.
 */
public final class JdkThreads {

    private JdkThreads() {}

    /** Whether {@code thread} is one of the JDK's or JUnit's own long-lived threads. */
    public static boolean isJdkOwn(Thread thread) {
        var name = thread.getName();
        return name.startsWith("junit-timeout-thread")
                || name.startsWith("ForkJoinPool.commonPool-worker")
                || thread.getClass().getName().equals("jdk.internal.misc.CarrierThread")
                || thread.isDaemon() && (name.equals("VirtualThread-unblocker")
                        || name.equals("process reaper")
                        || name.equals("Attach Listener") && isInTheSystemGroup(thread)
                        || name.startsWith("ForkJoinPool") && name.endsWith("-delayScheduler"));
    }

    /**
     * The JVM's own threads, such as the one it starts the first time an agent attaches (a test's
     * {@code Preemption}, {@code ./workbook explain}, {@code jcmd}), belong to the "system" group,
     * which no thread an answer makes can join.
     */
    private static boolean isInTheSystemGroup(Thread thread) {
        var group = thread.getThreadGroup();
        return group != null && group.getName().equals("system") && group.getParent() == null;
    }
}
