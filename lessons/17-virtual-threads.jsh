// Lesson 17 · Virtual threads. In JShell: /open lessons/17-virtual-threads.jsh
import java.time.Duration;
import workbook.demos.VirtualThreadsDemo;

// 2,000 tasks that block for 20 ms: a pool of 200 platform threads, a platform thread each, a virtual thread each.
VirtualThreadsDemo.blockingTasks(2_000, Duration.ofMillis(20));

// Which blocking pins a virtual thread to its carrier on this JDK, seen by the JFR event jdk.VirtualThreadPinned.
VirtualThreadsDemo.pinning(Duration.ofMillis(50));

// Pinned or not, a shared monitor held while sleeping makes the threads take turns.
VirtualThreadsDemo.sharedMonitor(10, Duration.ofMillis(20));

// A ThreadLocal cache: built once per pool thread, once per task with virtual threads.
VirtualThreadsDemo.threadLocalPerTask(1_000);

// Virtual threads are daemons, and stay so.
VirtualThreadsDemo.virtualThreadsAreDaemons();

// Try it yourself: call blockingTasks(10_000, Duration.ofMillis(100)) and compare the pool's time
// with 10,000 / 200 x 100 ms. Then start Thread.ofVirtual().start(() -> {}) and print the thread:
// what does its toString() say about the carrier it ran on?
