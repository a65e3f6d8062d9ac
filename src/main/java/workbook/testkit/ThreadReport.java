package workbook.testkit;

import java.lang.management.LockInfo;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Describes a set of threads the way a student needs to see them when a test is stuck: for each
 * thread its state, the locks it holds, the lock it waits for and who holds that, the frames of
 * code it is standing in ({@link StackFrames}), and, when the threads wait for each other in a circle, the cycle.
 *
 * <p>Only the threads handed in are described. A JVM that ran earlier tests may still hold
 * threads deadlocked by them (a deadlocked thread never dies); reporting those again would send
 * the student after a bug in code they already fixed.
 *
 * <pre>{@code
 * String report = ThreadReport.describe(List.of(transferA, transferB));
 * }</pre>
 */
public final class ThreadReport {

    private ThreadReport() {}

    /** A readable report of the given threads; threads that have already ended are left out. */
    public static String describe(Collection<Thread> threads) {
        var infos = infosOf(threads);
        if (infos.isEmpty()) {
            return "(none of the threads is alive any more)";
        }
        var out = new StringBuilder();
        for (var info : infos.values()) {
            out.append(describe(info, infos));
        }
        lockCycle(infos).ifPresent(cycle -> out.append(cycle));
        return out.toString();
    }

    /**
     * The wait-for cycle among the given threads, written as {@code a → b → a} with what each
     * waits for, or empty when they do not wait for each other in a circle.
     */
    public static Optional<String> lockCycle(Collection<Thread> threads) {
        return lockCycle(infosOf(threads));
    }

    private static Map<Long, ThreadInfo> infosOf(Collection<Thread> threads) {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long[] ids = threads.stream().filter(Thread::isAlive).mapToLong(Thread::threadId).toArray();
        var infos = new LinkedHashMap<Long, ThreadInfo>();
        for (ThreadInfo info : mx.getThreadInfo(ids, true, true)) {
            if (info != null) {
                infos.put(info.getThreadId(), info);
            }
        }
        return infos;
    }

    private static String describe(ThreadInfo info, Map<Long, ThreadInfo> others) {
        var out = new StringBuilder();
        out.append("  \"").append(info.getThreadName()).append("\" is ").append(info.getThreadState());
        LockInfo waitedFor = info.getLockInfo();
        if (waitedFor != null) {
            out.append(", waiting for ").append(lockName(waitedFor));
            if (info.getLockOwnerName() != null) {
                out.append(" held by \"").append(info.getLockOwnerName()).append('"');
                if (!others.containsKey(info.getLockOwnerId())) {
                    out.append(isAlive(info.getLockOwnerId())
                            ? " (not one of the threads reported here)"
                            : " (a thread that has ended without releasing it)");
                }
            }
        }
        out.append('\n');
        var held = heldLocks(info);
        if (!held.isEmpty()) {
            out.append("      holds ").append(String.join(", ", held)).append('\n');
        }
        for (var line : StackFrames.shown(info.getStackTrace())) {
            out.append("      ").append(line).append('\n');
        }
        return out.toString();
    }

    private static boolean isAlive(long threadId) {
        return Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.threadId() == threadId);
    }

    private static List<String> heldLocks(ThreadInfo info) {
        var held = new ArrayList<String>();
        Arrays.stream(info.getLockedMonitors()).map(ThreadReport::lockName).forEach(held::add);
        Arrays.stream(info.getLockedSynchronizers()).map(ThreadReport::lockName).forEach(held::add);
        return held;
    }

    private static Optional<String> lockCycle(Map<Long, ThreadInfo> infos) {
        for (long start : infos.keySet()) {
            var path = new ArrayList<ThreadInfo>();
            long current = start;
            for (int step = 0; step < infos.size() && infos.containsKey(current); step++) {
                var info = infos.get(current);
                path.add(info);
                current = info.getLockOwnerId();
                if (current == start) {
                    return Optional.of(cycleText(path));
                }
            }
        }
        return Optional.empty();
    }

    private static String cycleText(List<ThreadInfo> cycle) {
        var names = cycle.stream().map(t -> "\"" + t.getThreadName() + "\"").collect(Collectors.toList());
        names.add(names.getFirst());
        var out = new StringBuilder("  Deadlock: ").append(String.join(" → ", names)).append('\n');
        for (var info : cycle) {
            out.append("    \"").append(info.getThreadName()).append("\" waits for ")
                    .append(lockName(info.getLockInfo())).append(", held by \"")
                    .append(info.getLockOwnerName()).append("\"\n");
        }
        out.append("  Each thread holds a lock the next one needs, so none can ever go on.\n");
        return out.toString();
    }

    private static String lockName(LockInfo lock) {
        return simpleName(lock.getClassName()) + "@" + Integer.toHexString(lock.getIdentityHashCode());
    }

    private static String simpleName(String className) {
        return className.substring(className.lastIndexOf('.') + 1);
    }
}
