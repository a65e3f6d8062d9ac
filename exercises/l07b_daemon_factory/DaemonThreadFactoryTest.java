package l07b_daemon_factory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import workbook.testkit.ChildJvm;
import workbook.testkit.ExitWatchdog;
import workbook.testkit.RaceScenario;

/**
 * The factory is judged by the threads it returns: their daemon flag whoever asks, their names in
 * order (per factory, and unique when several threads ask at once), that they are not started, and
 * that they run their task. A program with a pool of its threads runs in a JVM of its own, started
 * first so that it runs while the other tests do.
 */
class DaemonThreadFactoryTest {

    private static final Runnable NO_TASK = () -> {};
    private static final int ASKERS = 8;
    private static final int THREADS_PER_ASKER = 500;

    private static CompletableFuture<ChildJvm.Result> poolProgram;

    @BeforeAll
    static void startTheProgramWithAPool() {
        poolProgram = CompletableFuture.supplyAsync(
                () -> ChildJvm.run(ProgramWithABackgroundPool.class, Duration.ofSeconds(15)));
    }

    @Test
    @DisplayName("its threads are daemons, whether the thread that asks for them is a daemon or not")
    void threadsAreDaemonsWhoeverAsks() throws Exception {
        for (boolean callerIsDaemon : new boolean[] {false, true}) {
            var factory = new DaemonThreadFactory("indexer");
            var asking = new FutureTask<>(() -> factory.newThread(NO_TASK));
            Thread.ofPlatform().name("caller with daemon=" + callerIsDaemon).daemon(callerIsDaemon).start(asking);

            var made = asking.get(5, TimeUnit.SECONDS);

            if (!made.isDaemon()) {
                throw new AssertionError("""
                        A thread with daemon=%b called newThread(), and got a thread with daemon=false.
                        Why: a new thread takes the daemon flag of the thread that creates it, unless told \
                        otherwise. An executor calls newThread() on whichever thread hands it a task, often \
                        main (not a daemon), so a factory for daemon threads must set the flag itself: \
                        setDaemon(true) before returning the thread.""".formatted(callerIsDaemon));
            }
        }
    }

    @Test
    @DisplayName("its threads are named prefix-1, prefix-2, ... and are not started yet")
    void threadsAreNamedInOrderAndNotStarted() {
        var factory = new DaemonThreadFactory("indexer");

        var threads = List.of(factory.newThread(NO_TASK), factory.newThread(NO_TASK), factory.newThread(NO_TASK));

        var names = threads.stream().map(Thread::getName).toList();
        if (!names.equals(List.of("indexer-1", "indexer-2", "indexer-3"))) {
            throw new AssertionError("""
                    The first three threads of new DaemonThreadFactory("indexer") were named %s, not \
                    [indexer-1, indexer-2, indexer-3].
                    Why: each thread is named after the prefix and its number, counted from 1 in the order \
                    newThread() is called: the factory keeps that count itself, and every call takes the \
                    next number.""".formatted(names));
        }
        threads.forEach(DaemonThreadFactoryTest::unstarted);
    }

    /** The thread newThread() returned, which must not be started yet. */
    private static Thread unstarted(Thread thread) {
        if (thread.getState() != Thread.State.NEW) {
            throw new AssertionError("""
                    newThread() returned "%s" already started (its state is %s, not NEW).
                    Why: the executor starts every thread its factory makes, and a thread can be started \
                    only once: the executor's start() would throw IllegalThreadStateException. Return \
                    the thread unstarted.""".formatted(thread.getName(), thread.getState()));
        }
        return thread;
    }

    @Test
    @DisplayName("two factories count their threads each on their own")
    void twoFactoriesCountSeparately() {
        var indexers = new DaemonThreadFactory("indexer");
        var mailers = new DaemonThreadFactory("mailer");

        var names = List.of(indexers.newThread(NO_TASK).getName(), indexers.newThread(NO_TASK).getName(),
                mailers.newThread(NO_TASK).getName(), indexers.newThread(NO_TASK).getName());

        if (!names.equals(List.of("indexer-1", "indexer-2", "mailer-1", "indexer-3"))) {
            throw new AssertionError("""
                    Two factories, "indexer" and "mailer", asked in turn for indexer, indexer, mailer, indexer, \
                    named their threads %s, not [indexer-1, indexer-2, mailer-1, indexer-3].
                    Why: each factory counts the threads it made itself, so its count is a field of each \
                    factory. A static field is one count shared by every factory of the program.""".formatted(names));
        }
    }

    @Test
    @DisplayName("threads asked for by several threads at once all get different names, 1 to N")
    void namesStayUniqueWhenAskedFromSeveralThreadsAtOnce() {
        record Asking(DaemonThreadFactory factory, ConcurrentLinkedQueue<String> names) {}
        RaceScenario.of("asker", () -> new Asking(new DaemonThreadFactory("indexer"), new ConcurrentLinkedQueue<>()))
                .threads(ASKERS)
                .eachThread((asking, index) -> {
                    for (int i = 0; i < THREADS_PER_ASKER; i++) {
                        asking.names().add(unstarted(asking.factory().newThread(NO_TASK)).getName());
                    }
                })
                .afterAllThreads(asking -> assertEachNumberHandedOutOnce(asking.names()))
                .repeatFor(Duration.ofMillis(400));
    }

    private static void assertEachNumberHandedOutOnce(Iterable<String> names) {
        Map<String, Integer> timesGiven = new TreeMap<>();
        names.forEach(name -> timesGiven.merge(name, 1, Integer::sum));
        var twice = timesGiven.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey).toList();
        int asked = ASKERS * THREADS_PER_ASKER;
        if (!twice.isEmpty()) {
            throw new AssertionError("""
                    %d threads called newThread() %d times each, at the same time, and some names were handed \
                    out more than once: %s (%d of the %d names).
                    Why: an executor calls newThread() from whichever threads hand it tasks, several at once. \
                    count++ on a plain or volatile field is three steps (read, add one, write back), and two \
                    threads can both read the same number; an increment followed by a separate read \
                    (increment() then sum(), incrementAndGet() then get()) has the same gap. Take the next \
                    number in one atomic step (AtomicInteger.incrementAndGet(), or newThread() synchronized). A \
                    Thread.Builder is not safe for several threads either; the factory() it makes is.""".formatted(
                    ASKERS, THREADS_PER_ASKER, twice.subList(0, Math.min(5, twice.size())), twice.size(), asked));
        }
        var expected = IntStream.rangeClosed(1, asked).mapToObj(n -> "indexer-" + n).collect(Collectors.toSet());
        if (!timesGiven.keySet().equals(expected)) {
            var unexpected = new ArrayList<>(timesGiven.keySet());
            unexpected.removeAll(expected);
            throw new AssertionError("""
                    %d threads called newThread() %d times each, at the same time; the names were all different, \
                    but not indexer-1 to indexer-%d: for example %s.
                    Why: whoever asks, and however many ask at once, every call takes the next number, with \
                    none skipped.""".formatted(ASKERS, THREADS_PER_ASKER, asked,
                    unexpected.subList(0, Math.min(5, unexpected.size()))));
        }
    }

    @Test
    @DisplayName("a thread it makes runs the task it was made for")
    void aThreadRunsItsTask() throws InterruptedException {
        var taskRan = new CountDownLatch(1);
        var thread = new DaemonThreadFactory("indexer").newThread(taskRan::countDown);
        if (thread.getState() == Thread.State.NEW) {
            thread.start();
        }

        thread.join(Duration.ofSeconds(2));

        if (taskRan.getCount() > 0) {
            throw new AssertionError("""
                    The thread that newThread(task) returned was started, and %s without running the task.
                    Why: a thread runs the Runnable it was created with. new Thread(name) has none: pass the task \
                    to the thread (new Thread(task, name)).""".formatted(
                    thread.isAlive() ? "was still running 2 s later" : "ended"));
        }
    }

    /** The program under test: a pool of two indexers, used and never shut down. */
    public static final class ProgramWithABackgroundPool {
        public static void main(String[] args) throws Exception {
            ExitWatchdog.arm(Duration.ofSeconds(5), Duration.ofSeconds(1));
            var indexers = Executors.newFixedThreadPool(2, new DaemonThreadFactory("indexer"));
            var first = indexers.submit(() -> Thread.currentThread().getName());
            var second = indexers.submit(() -> Thread.currentThread().getName());
            System.out.println("main: the tasks ran on " + first.get(2, TimeUnit.SECONDS)
                    + " and " + second.get(2, TimeUnit.SECONDS));
            System.out.println("main: returns, and leaves the pool running");
        }
    }

    @Test
    @DisplayName("a pool of its threads, never shut down, lets the program end when main returns")
    void aPoolOfItsThreadsLetsTheProgramEnd() {
        var run = poolProgram.join();

        ExitWatchdog.assertExitedByItself(run, """
                Why: the JVM exits only when every thread that is not a daemon has ended, and a pool's threads \
                wait for more tasks until the pool is shut down. An executor's threads are whatever its factory \
                makes: Executors' default factory makes threads that are not daemons, on purpose, and a thread \
                made without a flag takes the flag of the thread that asked (here main, not a daemon).""");
        if (!run.stdout().matches("(?s).*the tasks ran on indexer-[12] and indexer-[12].*")) {
            throw new AssertionError("""
                    The pool's two tasks should have run on threads named indexer-1 and indexer-2.
                    Why: a pool runs its tasks on the threads its factory made, under the names the factory gave.
                    %s""".formatted(ExitWatchdog.programOutput(run)));
        }
    }
}
