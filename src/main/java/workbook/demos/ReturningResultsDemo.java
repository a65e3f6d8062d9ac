package workbook.demos;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Lesson 09 — returning results: from a queue of answers to {@code Future} and
 * {@code CompletableFuture}.
 *
 * <p>A {@code Runnable} returns nothing, so the Python tutorials' way to get an answer back from a
 * thread is a queue: each thread puts its result in, the caller takes them out. The answers then
 * come in the order the threads finished, not the order they were asked for, and with no link to
 * the question. A {@code Callable} returns a value (or throws), and submitting it to an executor
 * hands back a {@code Future}: one answer, for one question, waited for with a limit.
 * <ul>
 *   <li>{@link #resultsThroughAQueue(int)}: the tutorials' way, in Java: the answers arrive in
 *       the order the threads finished;</li>
 *   <li>{@link #futuresInOrder(int)}: the same work as {@code Callable}s; the futures, kept in a
 *       list, give the answers in the order asked;</li>
 *   <li>{@link #failureAndTimeout()}: what {@code get} throws for a task that failed
 *       ({@code ExecutionException}, with the task's own exception as its cause), for one that is
 *       late ({@code TimeoutException}) and for one that was cancelled (which interrupts it);</li>
 *   <li>{@link #completableFutures()}: a pipeline that combines two answers, with a fallback and
 *       a time limit, and the thread each step ran on when no executor is given.</li>
 * </ul>
 *
 * <p>Run it with {@code ./workbook demo 09}, or in JShell: {@code /open lessons/09-returning-results.jsh}.
 * One run on a 2-core Linux machine with Temurin 25.0.3:
 * <pre>
 * 4 threads put their answers in a queue; task i takes (4 - i) x 50 ms:
 *   taken from the queue: [task 3, task 2, task 1, task 0]
 *
 * The same 4 tasks as Callables, their futures kept in a list:
 *   future.get() in list order: [task 0, task 1, task 2, task 3]
 *
 * A task that throws, one that is late, one that is cancelled:
 *   get() of the failed task threw ExecutionException, its cause: java.lang.IllegalStateException: disk on fire
 *   get(100 ms) of the slow task threw TimeoutException; the task is still running
 *   cancel(true): the slow task saw the interrupt: true; get() now throws CancellationException
 *
 * CompletableFuture with no executor given (common pool parallelism here: 1):
 *   price ran on ForkJoinPool.commonPool-worker-1, rate ran on ForkJoinPool.commonPool-worker-1
 *   price x rate = 42.00
 *   a failing source with exceptionally(...): fallback 0.00
 *   a source slower than its limit with completeOnTimeout(...): fallback -1.00
 * </pre>
 * On this 2-core machine the common pool, which {@code supplyAsync} uses when no executor is
 * given, has a parallelism of 1 (one less than the cores): both "async" sources ran on the same
 * single worker, one after the other. A source that blocks would hold up every other async step
 * of the program. Give such work an executor of its own.
 */
public final class ReturningResultsDemo {

    private static final Duration STEP = Duration.ofMillis(50);

    private ReturningResultsDemo() {}

    public static void main(String[] args) throws Exception {
        resultsThroughAQueue(4);
        System.out.println();
        futuresInOrder(4);
        System.out.println();
        failureAndTimeout();
        System.out.println();
        completableFutures();
    }

    /** The tutorials' way: each thread puts its answer in a queue; returns the answers as taken. */
    public static List<String> resultsThroughAQueue(int tasks) throws InterruptedException {
        System.out.printf("%d threads put their answers in a queue; task i takes (%d - i) x 50 ms:%n", tasks, tasks);
        var answers = new ArrayBlockingQueue<String>(tasks);
        for (int i = 0; i < tasks; i++) {
            int task = i;
            Thread.ofPlatform().start(() -> {
                pause(STEP.multipliedBy(tasks - task));
                answers.add("task " + task);
            });
        }
        var taken = new ArrayList<String>();
        for (int i = 0; i < tasks; i++) {
            taken.add(answers.poll(5, TimeUnit.SECONDS));
        }
        System.out.println("  taken from the queue: " + taken);
        return taken;
    }

    /** The same work as Callables; returns the answers in the order the tasks were submitted. */
    public static List<String> futuresInOrder(int tasks) throws InterruptedException, ExecutionException {
        System.out.printf("The same %d tasks as Callables, their futures kept in a list:%n", tasks);
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            var futures = new ArrayList<Future<String>>();
            for (int i = 0; i < tasks; i++) {
                int task = i;
                Callable<String> work = () -> {
                    Thread.sleep(STEP.multipliedBy(tasks - task));
                    return "task " + task;
                };
                futures.add(executor.submit(work));
            }
            var answers = new ArrayList<String>();
            for (var future : futures) {
                answers.add(future.get());
            }
            System.out.println("  future.get() in list order: " + answers);
            return answers;
        }
    }

    /** What get() throws for a failed, a late and a cancelled task; returns whether the cancelled task saw its interrupt. */
    public static boolean failureAndTimeout() throws InterruptedException {
        System.out.println("A task that throws, one that is late, one that is cancelled:");
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            var failed = executor.submit(() -> {
                throw new IllegalStateException("disk on fire");
            });
            try {
                failed.get();
            } catch (ExecutionException e) {
                System.out.println("  get() of the failed task threw ExecutionException, its cause: " + e.getCause());
            }
            var interrupted = new CompletableFuture<Boolean>();
            var slow = executor.submit(() -> {
                try {
                    Thread.sleep(Duration.ofSeconds(10));
                    interrupted.complete(false);
                } catch (InterruptedException e) {
                    interrupted.complete(true);
                }
            });
            try {
                slow.get(100, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                System.out.println("  get(100 ms) of the slow task threw TimeoutException; the task is still running");
            } catch (ExecutionException e) {
                throw new IllegalStateException(e);
            }
            slow.cancel(true);
            boolean sawIt = interrupted.completeOnTimeout(false, 2, TimeUnit.SECONDS).join();
            try {
                slow.get();
            } catch (CancellationException | ExecutionException e) {
                System.out.printf("  cancel(true): the slow task saw the interrupt: %s; get() now throws %s%n",
                        sawIt, e.getClass().getSimpleName());
            }
            return sawIt;
        }
    }

    /** A CompletableFuture pipeline with no executor given; returns the combined price. */
    public static double completableFutures() {
        System.out.printf("CompletableFuture with no executor given (common pool parallelism here: %d):%n",
                ForkJoinPool.getCommonPoolParallelism());
        var priceThread = new CompletableFuture<String>();
        var rateThread = new CompletableFuture<String>();
        var price = CompletableFuture.supplyAsync(() -> {
            priceThread.complete(Thread.currentThread().getName());
            return 20.0;
        });
        var rate = CompletableFuture.supplyAsync(() -> {
            rateThread.complete(Thread.currentThread().getName());
            return 2.1;
        });
        double total = price.thenCombine(rate, (p, r) -> p * r).orTimeout(5, TimeUnit.SECONDS).join();
        System.out.printf("  price ran on %s, rate ran on %s%n", priceThread.join(), rateThread.join());
        System.out.printf("  price x rate = %.2f%n", total);

        double fallback = CompletableFuture.<Double>supplyAsync(() -> {
            throw new IllegalStateException("the rate service is down");
        }).exceptionally(failure -> 0.0).join();
        System.out.printf("  a failing source with exceptionally(...): fallback %.2f%n", fallback);

        double late = new CompletableFuture<Double>().completeOnTimeout(-1.0, 100, TimeUnit.MILLISECONDS).join();
        System.out.printf("  a source slower than its limit with completeOnTimeout(...): fallback %.2f%n", late);
        return total;
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
