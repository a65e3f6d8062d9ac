package l07b_daemon_factory;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import workbook.testkit.ChildJvm;
import workbook.testkit.ExitWatchdog;
import workbook.testkit.RaceScenario;

class DaemonThreadFactoryTest {

    private static final Runnable NO_TASK = () -> {};

    @Test
    @DisplayName("its threads are daemons, also when a thread that is not a daemon asks for them")
    void threadsAreDaemonsWhoeverAsks() throws Exception {
        var factory = new DaemonThreadFactory("indexer");
        var asking = new FutureTask<>(() -> factory.newThread(NO_TASK));
        Thread.ofPlatform().name("non-daemon caller").daemon(false).start(asking);

        var made = asking.get(5, TimeUnit.SECONDS);

        if (!made.isDaemon()) {
            throw new AssertionError("""
                    A thread that is not a daemon (as main is) called newThread(), and got a thread with daemon=false.
                    Why: a new thread takes the daemon flag of the thread that creates it, unless told otherwise. \
                    An executor calls newThread() on whichever thread hands it a task, often main, so a factory \
                    for daemon threads must set the flag itself: setDaemon(true) before returning the thread.""");
        }
    }

    @Test
    @DisplayName("its threads are named prefix-1, prefix-2, ... and are not started yet")
    void threadsAreNamedInOrderAndNotStarted() {
        var factory = new DaemonThreadFactory("indexer");

        var threads = List.of(factory.newThread(NO_TASK), factory.newThread(NO_TASK), factory.newThread(NO_TASK));

        assertThat(threads).extracting(Thread::getName)
                .as("names of the first three threads of new DaemonThreadFactory(\"indexer\")")
                .containsExactly("indexer-1", "indexer-2", "indexer-3");
        for (var thread : threads) {
            if (thread.getState() != Thread.State.NEW) {
                throw new AssertionError("""
                        newThread() returned "%s" already started (its state is %s, not NEW).
                        Why: the executor starts every thread its factory makes, and a thread can be started \
                        only once: the executor's start() would throw IllegalThreadStateException. Return \
                        the thread unstarted.""".formatted(thread.getName(), thread.getState()));
            }
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

        assertThat(taskRan.await(5, TimeUnit.SECONDS))
                .as("the task given to newThread() ran within 5 s of starting the thread").isTrue();
    }

    private static final int ASKERS = 4;
    private static final int THREADS_PER_ASKER = 2_000;

    private static final Pattern NAME = Pattern.compile("indexer-(\\d+)");

    /** One factory and the names each asking thread got from it. */
    record NamesHandedOut(DaemonThreadFactory factory, String[][] names) {}

    @Test
    @DisplayName("four threads asking at once never get the same name")
    void namesStayUniqueWhenThreadsAskAtOnce() {
        RaceScenario.of("asker", () -> new NamesHandedOut(new DaemonThreadFactory("indexer"), new String[ASKERS][THREADS_PER_ASKER]))
                .threads(ASKERS)
                .eachThread((handedOut, asker) -> {
                    for (int i = 0; i < THREADS_PER_ASKER; i++) {
                        handedOut.names()[asker][i] = handedOut.factory().newThread(NO_TASK).getName();
                    }
                })
                .afterAllThreads(handedOut -> {
                    var timesGiven = new TreeMap<Integer, Integer>();
                    for (var names : handedOut.names()) {
                        for (var name : names) {
                            var number = NAME.matcher(name);
                            if (!number.matches()) {
                                throw new AssertionError("A thread made by new DaemonThreadFactory(\"indexer\") was named \""
                                        + name + "\", not indexer-<number>.");
                            }
                            timesGiven.merge(Integer.parseInt(number.group(1)), 1, Integer::sum);
                        }
                    }
                    var twice = timesGiven.entrySet().stream().filter(e -> e.getValue() > 1).map(e -> e.getKey()).toList();
                    if (!twice.isEmpty()) {
                        throw new AssertionError("""
                                %d threads each asked for %,d threads at the same time, and %d name(s) were handed out \
                                more than once, for example "indexer-%d".
                                Why: the number in the name is read, incremented and written back in separate steps; \
                                two threads can read the same number (lesson 02). Make it one atomic step: an \
                                AtomicInteger's incrementAndGet()."""
                                .formatted(ASKERS, THREADS_PER_ASKER, twice.size(), twice.getFirst()));
                    }
                    int made = ASKERS * THREADS_PER_ASKER;
                    if (timesGiven.firstKey() != 1 || timesGiven.lastKey() != made) {
                        throw new AssertionError("The %,d threads made by one factory were numbered %d to %d, not 1 to %,d."
                                .formatted(made, timesGiven.firstKey(), timesGiven.lastKey(), made));
                    }
                })
                .repeatFor(Duration.ofMillis(300));
    }

    /** The program under test: a pool of two indexers, used and never shut down. */
    public static final class ProgramWithABackgroundPool {
        public static void main(String[] args) throws Exception {
            ExitWatchdog.arm(Duration.ofSeconds(5), Duration.ofSeconds(1));
            var indexers = Executors.newFixedThreadPool(2, new DaemonThreadFactory("indexer"));
            var first = indexers.submit(() -> Thread.currentThread().getName());
            var second = indexers.submit(() -> Thread.currentThread().getName());
            System.out.println("main: the tasks ran on " + first.get(5, TimeUnit.SECONDS)
                    + " and " + second.get(5, TimeUnit.SECONDS));
            System.out.println("main: returns, and leaves the pool running");
        }
    }

    @Test
    @DisplayName("a pool of its threads, never shut down, lets the program end when main returns")
    void aPoolOfItsThreadsLetsTheProgramEnd() {
        var run = ChildJvm.run(ProgramWithABackgroundPool.class, Duration.ofSeconds(15));

        ExitWatchdog.assertExitedByItself(run, """
                Why: the JVM exits only when every thread that is not a daemon has ended, and a pool's threads \
                wait for more tasks until the pool is shut down. An executor's threads are whatever its factory \
                makes: Executors' default factory makes threads that are not daemons, on purpose, and a thread \
                made without a flag takes the flag of the thread that asked (here main, not a daemon).""");
        assertThat(run.stdout()).as("which threads ran the tasks\n" + ExitWatchdog.programOutput(run))
                .containsPattern("the tasks ran on indexer-[12] and indexer-[12]");
    }
}
