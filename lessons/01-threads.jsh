// Lesson 01 · Threads. In JShell: /open lessons/01-threads.jsh
import java.time.Duration;
import workbook.demos.ThreadsDemo;

// run() runs the task right here, on JShell's own thread; start() runs it on the new thread.
ThreadsDemo.startVersusRun();

// Three ways to hand a thread its arguments. The threads run at once, so the order of the lines varies.
ThreadsDemo.passingArguments();

// Five slow calls of 200 ms: one after another, then one thread each (start them all, then join them all).
ThreadsDemo.slowCallsInSequenceAndInThreads(5, Duration.ofMillis(200));

// A slow job in the background; main waits for it 300 ms at a time and is free in between.
ThreadsDemo.mainStaysResponsive(Duration.ofSeconds(1), Duration.ofMillis(300));

// join at the edges of its limit: under a millisecond, join(0), and a thread never started.
ThreadsDemo.joinLimits(Duration.ofMillis(300));

// One thread, held in each of the six Thread.State values until main has seen it there.
ThreadsDemo.statesThroughLife();

// A thread woken from wait() is BLOCKED until it has the lock back; one in native I/O is RUNNABLE.
ThreadsDemo.notifiedWaiter();
ThreadsDemo.blockedInNativeIo();

// Try it yourself: make it 100 slow calls instead of 5. How long does each way take now, on your cores?
// Try it yourself: var t = new Thread(() -> System.out.println(Thread.currentThread().getName()));
// then t.run(), t.start(), t.start() again. What does each print or throw, and why?
