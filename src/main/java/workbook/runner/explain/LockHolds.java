package workbook.runner.explain;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Follows, thread by thread, the locks a trace's steps take and release in the student's files, so
 * that a deadlock can be told as a cycle: which thread holds what (taken at which line) and waits
 * for what (at which line). A thread's last lock step, with no step after it, is the one it is
 * still waiting in.
 */
final class LockHolds {

    /** The method a step calls, and what it returned when it has returned: {@code mutex.tryAcquire(): false}. */
    private static final Pattern CALL = Pattern.compile("^[^(]*?([\\w$]+)\\((.*)\\)(?:: (.*))?$");

    private static final Set<String> TAKES = Set.of("lock", "lockInterruptibly", "acquire", "acquireUninterruptibly");
    /** A try takes the lock when it returns true, and is still waiting (a timed try) while it has not returned. */
    private static final Set<String> TRIES = Set.of("tryLock", "tryAcquire");
    /**
     * StampedLock's calls return a stamp, a number; ReentrantReadWriteLock's calls of the same names
     * only hand out its read or write lock, an object, and take nothing.
     */
    private static final Set<String> STAMPS = Set.of("readLock", "writeLock", "readLockInterruptibly", "writeLockInterruptibly");
    private static final Set<String> GIVES = Set.of("unlock", "release", "unlockRead", "unlockWrite");

    private record Place(String where, String text) {
        @Override
        public String toString() {
            return where + " (" + text + ")";
        }
    }

    private final Map<String, Deque<Place>> heldByThread = new LinkedHashMap<>();
    private final Map<String, Boolean> lastStepWasLock = new LinkedHashMap<>();

    void record(LincheckTrace.Step step, String lineText) {
        var held = heldByThread.computeIfAbsent(step.thread(), thread -> new ArrayDeque<>());
        var place = new Place(step.file() + ":" + step.line(), lineText);
        if (gives(step.event())) {
            if (!held.isEmpty()) {
                held.pop();
            }
            lastStepWasLock.put(step.thread(), false);
        } else if (takes(step.event())) {
            held.push(place);
            lastStepWasLock.put(step.thread(), true);
        } else {
            lastStepWasLock.put(step.thread(), false);
        }
    }

    private static boolean takes(String event) {
        if (event.contains("MONITORENTER")) {
            return true;
        }
        var call = CALL.matcher(event);
        if (!call.matches()) {
            return false;
        }
        var method = call.group(1);
        var result = call.group(3);
        return TAKES.contains(method)
                || TRIES.contains(method) && (result == null || result.equals("true"))
                || STAMPS.contains(method) && (result == null || result.matches("\\d+"));
    }

    private static boolean gives(String event) {
        if (event.contains("MONITOREXIT")) {
            return true;
        }
        var call = CALL.matcher(event);
        return call.matches() && GIVES.contains(call.group(1));
    }

    /** One line per thread stuck in a lock call: where it waits, and what it holds. */
    List<String> describeStuckThreads() {
        var lines = new ArrayList<String>();
        heldByThread.forEach((thread, held) -> {
            if (Boolean.TRUE.equals(lastStepWasLock.get(thread)) && !held.isEmpty()) {
                var holds = new ArrayList<>(held);
                var waiting = holds.removeFirst();
                lines.add(thread + " waits at " + waiting + (holds.isEmpty() ? ", holding no lock of yours"
                        : ", holding the lock it took at " + String.join(" and ", holds.reversed().stream().map(Place::toString).toList())));
            }
        });
        if (lines.isEmpty()) {
            lines.add("(no thread waits for a lock in your files: they wait for a wake-up that never comes, or loop waiting)");
        }
        return lines;
    }
}
