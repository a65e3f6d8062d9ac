// Lesson 09 · Returning results. In JShell: /open lessons/09-returning-results.jsh
import workbook.demos.ReturningResultsDemo;

// The tutorials' way: answers through a queue, in the order the threads finished.
ReturningResultsDemo.resultsThroughAQueue(4);

// Callables and their Futures, kept in a list: answers in the order asked.
ReturningResultsDemo.futuresInOrder(4);

// What Future.get throws for a failed, a late and a cancelled task.
ReturningResultsDemo.failureAndTimeout();

// A CompletableFuture pipeline, and the thread each async step ran on.
ReturningResultsDemo.completableFutures();

// Try it yourself: submit a Callable that throws to Executors.newVirtualThreadPerTaskExecutor()
// and call get() on its Future: what is the ExecutionException's cause? Then try
// CompletableFuture.supplyAsync(() -> Thread.currentThread().getName()).join() a few times.
