// Lesson 15 · Exceptions in threads. In JShell: /open lessons/15-exceptions-in-threads.jsh
import workbook.demos.ExceptionsInThreadsDemo;

// A thread that dies of an exception: the JVM prints it, join() returns normally.
ExceptionsInThreadsDemo.silentDeath();

// The thread's own uncaught-exception handler, then the default one, and the thread each runs on.
ExceptionsInThreadsDemo.whichHandler();

// execute() lets a task's exception end its pool thread; submit() keeps it in the Future.
ExceptionsInThreadsDemo.poolsKeepOrLose();

// What join, get, exceptionally and handle see of a failed CompletableFuture.
ExceptionsInThreadsDemo.completableFutureFailures();

// Three worker loops over the same tasks: no catch, catch (Exception), catch (Throwable).
ExceptionsInThreadsDemo.workerLoops(6);

// Try it yourself: start Thread.ofPlatform().uncaughtExceptionHandler((t, e) -> System.out.println(t.getName() + " died of " + e))
// .start(() -> { throw new IllegalStateException("boom"); }) and join it. Then submit the same task
// to Executors.newSingleThreadExecutor(): does the handler run? What does future.state() say?
