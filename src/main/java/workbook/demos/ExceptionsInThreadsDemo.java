package workbook.demos;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.FutureTask;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;

/**
 * Lesson 15 — exceptions in threads: where an exception goes when it leaves a thread, a pool's
 * task or a {@code CompletableFuture}, and how a worker loop outlives a failing task.
 *
 * <p>An exception thrown in a thread other than {@code main} ends that thread and no other: the
 * thread that started it is not told, and {@code join()} returns as if all went well. What the
 * JVM does with the exception is decided by the dying thread's uncaught-exception handler.
 * <ul>
 *   <li>{@link #silentDeath()}: a thread dies of an exception; the JVM prints it, and the joiner
 *       learns nothing;</li>
 *   <li>{@link #whichHandler()}: the thread's own handler, then the default handler, and the
 *       thread each runs on;</li>
 *   <li>{@link #poolsKeepOrLose()}: {@code execute} lets a task's exception end its pool thread,
 *       which the pool replaces; {@code submit} keeps it in the {@code Future}, and a cancelled
 *       task's failure is dropped;</li>
 *   <li>{@link #completableFutureFailures()}: what {@code join}, {@code get}, {@code exceptionally}
 *       and {@code handle} see of a failed {@code supplyAsync};</li>
 *   <li>{@link #workerLoops(int)}: a loop over tasks with no catch dies at the first failure; one
 *       with {@code catch (Exception)} dies at the first {@code Error}; one with
 *       {@code catch (Throwable)} runs every task.</li>
 * </ul>
 *
 * <p>Run it with {@code ./workbook demo 15}, or in JShell: {@code /open lessons/15-exceptions-in-threads.jsh}.
 * One run on a 2-core Linux machine with Temurin 25.0.3:
 * <pre>
 * A thread that throws:
 *   the JVM printed: Exception in thread "reader" java.lang.IllegalStateException: file not found
 *   join() returned normally; the thread is TERMINATED; the main thread was not told
 *
 * Who handles an uncaught exception:
 *   with a handler of its own: handled by the thread's own handler, on thread "own-handler"
 *   without one, a default handler set: handled by the default handler, on thread "no-handler"
 *
 * A pool of one thread, a task that throws given to each:
 *   execute(): the task ran on pool-thread-1; the next task ran on pool-thread-2 (the first thread died)
 *              pool-thread-1's handler got java.lang.IllegalStateException: thrown in execute()
 *   submit():  the task ran on pool-thread-2; the next task ran on pool-thread-2; future.state() = FAILED
 *              the handlers got: nothing
 *   a task that throws after its Future was cancelled: future.state() = CANCELLED, whatever it throws now is dropped
 *
 * A CompletableFuture whose supplyAsync throws IllegalStateException("no rate"):
 *   join() threw CompletionException, its cause: IllegalStateException
 *   get() threw ExecutionException, its cause: IllegalStateException
 *   exceptionally(...) was given: CompletionException
 *   handle(...) was given: result null, failure CompletionException
 *
 * 6 tasks for one worker thread; task 2 throws IllegalStateException, task 4 throws an Error:
 *   no catch:              ran 1 of 6, then the thread died
 *   catch (Exception):     ran 2 of 6, then the thread died
 *   catch (Throwable):     ran 4 of 6, 2 failures caught
 * </pre>
 * The pool's lines say what {@code execute} costs: the failed task's thread is gone (its handler
 * got the exception; the demo's handler only records it), and the next task runs on a new thread;
 * after {@code submit} the same thread goes on, and no handler hears of the failure. In the last
 * lines "ran" counts the tasks that ran to their end: the loop that catches {@code Throwable}
 * started all six, caught the two that threw, and went on.
 */
public final class ExceptionsInThreadsDemo {

    private static final long DEADLINE_SECONDS = 5;

    private ExceptionsInThreadsDemo() {}

    public static void main(String[] args) throws Exception {
        silentDeath();
        System.out.println();
        whichHandler();
        System.out.println();
        poolsKeepOrLose();
        System.out.println();
        completableFutureFailures();
        System.out.println();
        workerLoops(6);
    }

    /** A thread that dies of an exception; returns the first line the JVM printed for it. */
    public static String silentDeath() throws Exception {
        return inTheTopThreadGroup(ExceptionsInThreadsDemo::threadThatThrows);
    }

    private static String threadThatThrows() throws InterruptedException {
        System.out.println("A thread that throws:");
        var printed = new ByteArrayOutputStream();
        var err = System.err;
        var reader = Thread.ofPlatform().name("reader").unstarted(() -> {
            throw new IllegalStateException("file not found");
        });
        System.setErr(new PrintStream(printed, true, StandardCharsets.UTF_8));
        try {
            reader.start();
            reader.join(TimeUnit.SECONDS.toMillis(DEADLINE_SECONDS));
        } finally {
            System.setErr(err);
        }
        var firstLine = printed.toString(StandardCharsets.UTF_8).lines().findFirst().orElse("(nothing)");
        System.out.println("  the JVM printed: " + firstLine);
        System.out.printf("  join() returned normally; the thread is %s; the main thread was not told%n", reader.getState());
        return firstLine;
    }

    /** The thread's own handler, then the default one; returns which handler took the second thread's exception. */
    public static String whichHandler() throws Exception {
        return inTheTopThreadGroup(ExceptionsInThreadsDemo::handlersInTurn);
    }

    private static String handlersInTurn() throws InterruptedException {
        System.out.println("Who handles an uncaught exception:");
        var handled = new ArrayList<String>();
        var defaultBefore = Thread.getDefaultUncaughtExceptionHandler();
        Thread.setDefaultUncaughtExceptionHandler((thread, failure) ->
                handled.add("handled by the default handler, on thread \"" + Thread.currentThread().getName() + "\""));
        try {
            var own = Thread.ofPlatform().name("own-handler")
                    .uncaughtExceptionHandler((thread, failure) ->
                            handled.add("handled by the thread's own handler, on thread \"" + Thread.currentThread().getName() + "\""))
                    .start(() -> {
                        throw new IllegalStateException("thrown in own-handler");
                    });
            own.join(TimeUnit.SECONDS.toMillis(DEADLINE_SECONDS));
            var none = Thread.ofPlatform().name("no-handler").start(() -> {
                throw new IllegalStateException("thrown in no-handler");
            });
            none.join(TimeUnit.SECONDS.toMillis(DEADLINE_SECONDS));
        } finally {
            Thread.setDefaultUncaughtExceptionHandler(defaultBefore);
        }
        System.out.println("  with a handler of its own: " + handled.get(0));
        System.out.println("  without one, a default handler set: " + handled.get(1));
        return handled.get(1);
    }

    /**
     * Runs {@code body} on a thread of the JVM's top thread group, so that the threads it starts
     * hand an uncaught exception to the default handler, or print it, as in any program. JShell
     * runs each snippet in a thread group of its own, which takes those exceptions for itself.
     */
    private static <T> T inTheTopThreadGroup(Callable<T> body) throws Exception {
        var group = Thread.currentThread().getThreadGroup();
        while (group.getParent() != null) {
            group = group.getParent();
        }
        var run = new FutureTask<>(body);
        Thread.ofPlatform().group(group).start(run);
        try {
            return run.get(DEADLINE_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    /** execute, submit and a cancelled task on a pool of one thread; returns how many threads the pool made. */
    public static int poolsKeepOrLose() throws Exception {
        System.out.println("A pool of one thread, a task that throws given to each:");
        var threads = new LinkedBlockingQueue<String>();
        var seen = new TreeSet<String>();
        var handled = new LinkedBlockingQueue<String>();
        var pool = Executors.newFixedThreadPool(1, Thread.ofPlatform().name("pool-thread-", 1)
                .uncaughtExceptionHandler((dead, failure) -> handled.add(dead.getName() + "'s handler got " + failure))
                .factory());
        try {
            pool.execute(() -> {
                threads.add(Thread.currentThread().getName());
                throw new IllegalStateException("thrown in execute()");
            });
            pool.submit(() -> threads.add(Thread.currentThread().getName())).get(DEADLINE_SECONDS, TimeUnit.SECONDS);
            System.out.printf("  execute(): the task ran on %s; the next task ran on %s (the first thread died)%n",
                    take(threads, seen), take(threads, seen));
            System.out.println("             " + handled.poll(DEADLINE_SECONDS, TimeUnit.SECONDS));
            var failed = pool.submit(() -> {
                threads.add(Thread.currentThread().getName());
                throw new IllegalStateException("thrown in submit()");
            });
            pool.submit(() -> threads.add(Thread.currentThread().getName())).get(DEADLINE_SECONDS, TimeUnit.SECONDS);
            System.out.printf("  submit():  the task ran on %s; the next task ran on %s; future.state() = %s%n",
                    take(threads, seen), take(threads, seen), failed.state());
            System.out.println("             the handlers got: " + (handled.isEmpty() ? "nothing" : handled));
            var started = new CountDownLatch(1);
            var cancelled = pool.submit(() -> {
                started.countDown();
                try {
                    Thread.sleep(TimeUnit.SECONDS.toMillis(DEADLINE_SECONDS));
                } catch (InterruptedException e) {
                    throw new IllegalStateException("interrupted by the cancel", e);
                }
                return "slept";
            });
            started.await(DEADLINE_SECONDS, TimeUnit.SECONDS);
            cancelled.cancel(true);
            System.out.printf("  a task that throws after its Future was cancelled: future.state() = %s, whatever it throws now is dropped%n",
                    cancelled.state());
        } finally {
            pool.shutdown();
            pool.awaitTermination(DEADLINE_SECONDS, TimeUnit.SECONDS);
        }
        return seen.size();
    }

    private static String take(LinkedBlockingQueue<String> threads, Set<String> seen) {
        var name = threads.poll();
        seen.add(name);
        return name;
    }

    /** What each way of reading a failed CompletableFuture sees; returns what exceptionally(...) was given. */
    public static String completableFutureFailures() throws InterruptedException {
        System.out.println("A CompletableFuture whose supplyAsync throws IllegalStateException(\"no rate\"):");
        var rate = CompletableFuture.<Double>supplyAsync(() -> {
            throw new IllegalStateException("no rate");
        });
        try {
            rate.join();
        } catch (CompletionException e) {
            System.out.println("  join() threw CompletionException, its cause: " + e.getCause().getClass().getSimpleName());
        }
        try {
            rate.get(DEADLINE_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            System.out.println("  get() threw ExecutionException, its cause: " + e.getCause().getClass().getSimpleName());
        } catch (TimeoutException e) {
            System.out.println("  get() timed out");
        }
        var given = new AtomicReference<String>();
        rate.exceptionally(failure -> {
            given.set(failure.getClass().getSimpleName());
            System.out.println("  exceptionally(...) was given: " + given.get());
            return 0.0;
        }).join();
        rate.handle((result, failure) -> {
            System.out.printf("  handle(...) was given: result %s, failure %s%n", result, failure.getClass().getSimpleName());
            return result;
        }).join();
        return given.get();
    }

    /** One worker thread, three kinds of loop over the same tasks; returns how many tasks the last loop ran to the end. */
    public static int workerLoops(int tasks) throws InterruptedException {
        System.out.printf("%d tasks for one worker thread; task 2 throws IllegalStateException, task 4 throws an Error:%n", tasks);
        runLoop("no catch:         ", tasks, ExceptionsInThreadsDemo::loopWithNoCatch);
        runLoop("catch (Exception):", tasks, ExceptionsInThreadsDemo::loopCatchingExceptions);
        return runLoop("catch (Throwable):", tasks, ExceptionsInThreadsDemo::loopCatchingThrowable);
    }

    private static void loopWithNoCatch(BlockingQueue<Runnable> tasks, List<Throwable> caught) {
        Runnable task;
        while ((task = tasks.poll()) != null) {
            task.run();
        }
    }

    private static void loopCatchingExceptions(BlockingQueue<Runnable> tasks, List<Throwable> caught) {
        Runnable task;
        while ((task = tasks.poll()) != null) {
            try {
                task.run();
            } catch (Exception e) {
                caught.add(e);
            }
        }
    }

    private static void loopCatchingThrowable(BlockingQueue<Runnable> tasks, List<Throwable> caught) {
        Runnable task;
        while ((task = tasks.poll()) != null) {
            try {
                task.run();
            } catch (Throwable failure) {
                caught.add(failure);
            }
        }
    }

    private static int runLoop(String label, int tasks, BiConsumer<BlockingQueue<Runnable>, List<Throwable>> loop)
            throws InterruptedException {
        var queue = new LinkedBlockingQueue<Runnable>();
        var ranToTheEnd = new AtomicInteger();
        for (int i = 1; i <= tasks; i++) {
            int number = i;
            queue.add(() -> {
                if (number == 2) {
                    throw new IllegalStateException("task 2 failed");
                }
                if (number == 4) {
                    throw new AssertionError("task 4 broke an invariant");
                }
                ranToTheEnd.incrementAndGet();
            });
        }
        var caught = new CopyOnWriteArrayList<Throwable>();
        var died = new AtomicBoolean();
        var worker = Thread.ofPlatform().uncaughtExceptionHandler((dead, failure) -> died.set(true))
                .start(() -> loop.accept(queue, caught));
        worker.join(TimeUnit.SECONDS.toMillis(DEADLINE_SECONDS));
        System.out.printf("  %s     ran %d of %d, %s%n", label, ranToTheEnd.get(), tasks,
                died.get() ? "then the thread died" : caught.size() + " failures caught");
        return ranToTheEnd.get();
    }
}
