// Lesson 12 · Executors and thread pools. In JShell: /open lessons/12-executors.jsh
import workbook.demos.ExecutorsDemo;

// What a thread costs: tiny tasks on a new platform thread each, on a pool of 2, on virtual threads.
ExecutorsDemo.threadCost(500);

// "Too many threads": tasks that wait, given to a cached pool, a fixed pool and virtual threads.
ExecutorsDemo.tooManyThreads(100);

// A task that throws, given to execute() and to submit(): who hears about it?
ExecutorsDemo.submitVersusExecute();

// shutdown() lets the queued tasks run; shutdownNow() interrupts and hands them back.
ExecutorsDemo.shutdownVersusShutdownNow();

// A ThreadPoolExecutor with a queue of 1, named threads, and two rejection policies.
ExecutorsDemo.boundedPool();

// Try it yourself: ExecutorsDemo.tooManyThreads(1000). How many threads does the cached pool make
// now, and how long does the fixed pool of 4 take? Then make a pool with
// Executors.newFixedThreadPool(2, Thread.ofPlatform().name("mine-", 1).factory()) and submit a task
// that returns Thread.currentThread().getName().
