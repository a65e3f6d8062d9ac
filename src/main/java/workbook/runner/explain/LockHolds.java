package workbook.runner.explain;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Follows, thread by thread, the locks a trace's steps take and release in the student's files, so
 * that a deadlock can be told as a cycle: which thread holds what (taken at which line) and waits
 * for what (at which line). A thread's last lock step, with no step after it, is the one it is
 * still waiting in.
 */
final class LockHolds {

    private static final Pattern LOCKS = Pattern.compile("(?i).*\\b(lock|lockInterruptibly|tryLock|acquire|MONITORENTER)\\b.*");
    private static final Pattern UNLOCKS = Pattern.compile("(?i).*\\b(unlock|release|MONITOREXIT)\\b.*");

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
        if (UNLOCKS.matcher(step.event()).matches()) {
            if (!held.isEmpty()) {
                held.pop();
            }
            lastStepWasLock.put(step.thread(), false);
        } else if (LOCKS.matcher(step.event()).matches()) {
            held.push(place);
            lastStepWasLock.put(step.thread(), true);
        } else {
            lastStepWasLock.put(step.thread(), false);
        }
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
