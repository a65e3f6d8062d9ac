// Lesson 16 · Real parallelism without a GIL. In JShell: /open lessons/16-parallelism.jsh
import java.time.Duration;
import workbook.demos.ParallelismDemo;

// Count the primes below 500,000 four ways: one thread, a thread per core, a parallel stream, a
// RecursiveTask in a ForkJoinPool. Each line has the load average of the machine when it ran.
ParallelismDemo.compareWays(500_000);

// Amdahl's law: how far can a job that is 90% parallel speed up on 2 cores? On 64?
ParallelismDemo.amdahl(0.9, 2);
ParallelismDemo.amdahl(0.9, 64);

// What a thread costs against a process: start one and wait for it.
ParallelismDemo.threadStartMicros(200);
ParallelismDemo.processStartMillis(2);

// A child JVM that would sleep for a minute, given 300 ms: killed, and waited for.
ParallelismDemo.lateChildKilled(Duration.ofMillis(300));

// Try it yourself: ParallelismDemo.forkJoin(500_000, 500_000) never splits. How does its time
// compare with ParallelismDemo.sequential(500_000)? And with a threshold of 10?
// Try it yourself: ParallelismDemo.threads(500_000, 8) on your cores: does an eighth thread on a
// 2-core machine help, or only share the same two cores?
