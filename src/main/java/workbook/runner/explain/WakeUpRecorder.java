package workbook.runner.explain;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

/**
 * Runs a wake-up scenario on real threads, with the JDK's flight recorder noting every
 * {@code Object.wait()} that ends and which thread's {@code notify()} ended it, until the scenario
 * finishes or stalls: every one of its threads waiting (with or without a timeout), none woken for
 * a while. A stall is a lost wake-up, and its account says who woke whom just before. A scenario
 * must therefore never wait for a timeout on correct code: its waits end by a wake-up. Its
 * {@code toString()} says in a line what its threads do, for the account.
 *
 * <p>Why not Lincheck, as for the other scenarios: its model checker wakes every waiting thread on
 * {@code notify()}, so {@code notify()} waking the wrong thread never happens under it
 * (bench/RESULTS.md, "Explain mode: choosing the engine"). This is a real run, so which wake-ups
 * happen differs from run to run; but a {@code notify()} answer stalls within a few items, every run
 * seen, and a correct one never does.
 *
 * <p>A {@code Condition}'s {@code signal()} leaves no such record (the JDK's park events do not name
 * the thread that unparked), so for those answers the account shows only where each thread waits.
 */
final class WakeUpRecorder {

    /** How long a scenario may run, neither finished nor stalled, before it counts as unfinished. */
    static final Duration DEADLINE = Duration.ofSeconds(10);

    /**
     * How long every thread must stay waiting, none woken, to count as stalled. A notified thread
     * shows as waiting until it next gets a core, so on a very busy machine correct code can look
     * stalled for a moment: this is far longer than that moment, and short beside a student's wait.
     */
    private static final Duration STEADY = Duration.ofMillis(500);

    private static final Duration POLL = Duration.ofMillis(10);

    /** Waits that ended before the stall, shown at most; the earlier ones only repeat the pattern. */
    static final int WAKE_UPS_SHOWN = 8;

    private final String exercisePackage;

    WakeUpRecorder(String exercisePackage) {
        this.exercisePackage = exercisePackage;
    }

    /**
     * What a run came to: a stall's account, a wrong result the scenario reported, where each thread
     * was when the run was still going at {@link #DEADLINE} without stalling (a thread that polls or
     * spins instead of waiting), or none of these: a clean run.
     */
    record Found(Optional<WakeUpAccount> stall, Optional<String> wrongResult, Optional<WakeUpAccount> unfinished) {}

    /** Runs {@code scenario} until it ends or stalls. */
    Found run(Runnable scenario) {
        try (var recording = new Recording()) {
            recording.enable("jdk.JavaMonitorWait").withThreshold(Duration.ZERO).withStackTrace();
            recording.start();
            var wrongResult = new AtomicReference<String>();
            var runner = Thread.ofPlatform().name("wake-up scenario").daemon().start(() -> {
                try {
                    scenario.run();
                } catch (AssertionError wrong) {
                    wrongResult.set(wrong.getMessage());
                }
            });
            var stalled = awaitStall(runner);
            recording.stop();
            if (stalled.isEmpty() && runner.isAlive()) {
                var where = ScenarioThreads.alive().stream().map(thread -> waitOf(thread.getName(), Arrays.asList(thread.getStackTrace()))).toList();
                return new Found(Optional.empty(), Optional.empty(), Optional.of(new WakeUpAccount(scenario.toString(), List.of(), where)));
            }
            if (stalled.isEmpty()) {
                return new Found(Optional.empty(), Optional.ofNullable(wrongResult.get()), Optional.empty());
            }
            var file = Files.createTempFile("workbook-wake-ups-", ".jfr");
            try {
                recording.dump(file);
                var account = new WakeUpAccount(scenario.toString(), lastWakeUps(RecordingFile.readAllEvents(file), names(stalled.get())), stalled.get());
                return new Found(Optional.of(account), Optional.empty(), Optional.empty());
            } finally {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Where each scenario thread waits once all have waited, unwoken, for {@link #STEADY}; empty if the scenario ended first. */
    private Optional<List<WakeUpAccount.Wait>> awaitStall(Thread runner) {
        var threads = ManagementFactory.getThreadMXBean();
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        long steadySince = 0;
        var lastCounts = new long[0];
        while (runner.isAlive() && System.nanoTime() < deadline) {
            var alive = ScenarioThreads.alive();
            var infos = threads.getThreadInfo(alive.stream().mapToLong(Thread::threadId).toArray());
            boolean allWaiting = !alive.isEmpty() && Arrays.stream(infos).allMatch(info -> info != null
                    && (info.getThreadState() == Thread.State.WAITING || info.getThreadState() == Thread.State.TIMED_WAITING));
            var counts = Arrays.stream(infos).mapToLong(info -> info == null ? -1 : info.getWaitedCount()).toArray();
            if (!allWaiting || !Arrays.equals(counts, lastCounts)) {
                steadySince = System.nanoTime();
                lastCounts = counts;
            } else if (System.nanoTime() - steadySince >= STEADY.toNanos()) {
                return Optional.of(alive.stream().map(thread -> waitOf(thread.getName(), Arrays.asList(thread.getStackTrace()))).toList());
            }
            sleep();
        }
        return Optional.empty();
    }

    private WakeUpAccount.Wait waitOf(String thread, List<StackTraceElement> stack) {
        return stack.stream()
                .filter(frame -> frame.getClassName().startsWith(exercisePackage + ".") && isStudentFile(frame.getFileName()))
                .findFirst()
                .map(frame -> new WakeUpAccount.Wait(thread, frame.getFileName(), frame.getLineNumber(), frame.getMethodName(), ""))
                .orElse(new WakeUpAccount.Wait(thread, "", 0, "", ""));
    }

    private List<WakeUpAccount.Wait> lastWakeUps(List<RecordedEvent> events, Set<String> threads) {
        var ended = new ArrayList<RecordedEvent>();
        for (var event : events) {
            if (event.getThread() != null && threads.contains(event.getThread().getJavaName()) && studentFrame(event).isPresent()) {
                ended.add(event);
            }
        }
        ended.sort(Comparator.comparing(RecordedEvent::getEndTime));
        return ended.subList(Math.max(0, ended.size() - WAKE_UPS_SHOWN), ended.size()).stream().map(event -> {
            var frame = studentFrame(event).orElseThrow();
            var type = frame.getMethod().getType().getName();
            var file = type.substring(type.lastIndexOf('.') + 1).replaceAll("\\$.*", "") + ".java";
            RecordedThread notifier = event.getValue("notifier");
            return new WakeUpAccount.Wait(event.getThread().getJavaName(), file, frame.getLineNumber(), frame.getMethod().getName(),
                    notifier == null ? "" : notifier.getJavaName());
        }).toList();
    }

    private Optional<RecordedFrame> studentFrame(RecordedEvent event) {
        if (event.getStackTrace() == null) {
            return Optional.empty();
        }
        return event.getStackTrace().getFrames().stream()
                .filter(frame -> frame.isJavaFrame() && frame.getMethod().getType().getName().startsWith(exercisePackage + "."))
                .filter(frame -> isStudentFile(frame.getMethod().getType().getName().replaceAll("\\$.*", "") + ".java"))
                .findFirst();
    }

    /** The student's own files; the exercise's tests share its package. */
    private static boolean isStudentFile(String file) {
        return file != null && !file.endsWith("Test.java");
    }

    private static Set<String> names(List<WakeUpAccount.Wait> waits) {
        return waits.stream().map(WakeUpAccount.Wait::thread).collect(Collectors.toSet());
    }

    private static void sleep() {
        try {
            Thread.sleep(POLL);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while watching the wake-up scenario", e);
        }
    }
}
