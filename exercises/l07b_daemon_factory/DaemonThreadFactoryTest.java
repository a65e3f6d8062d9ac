package l07b_daemon_factory;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import workbook.testkit.ChildJvm;
import workbook.testkit.ExitWatchdog;

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

        if (!taskRan.await(2, TimeUnit.SECONDS)) {
            throw new AssertionError("""
                    The thread that newThread(task) returned was started, and did not run the task within 2 s.
                    Why: a thread runs the Runnable it was created with. new Thread(name) has none: pass the task \
                    to the thread (new Thread(task, name)).""");
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
