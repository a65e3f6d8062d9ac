// Lesson 07 · Daemon threads. In JShell: /open lessons/07-daemon-threads.jsh
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import workbook.demos.DaemonThreadsDemo;

// A heartbeat in a child JVM whose main returns after 500 ms: as a daemon it dies with main,
// as a non-daemon it keeps the JVM running until the demo kills it.
DaemonThreadsDemo.heartbeat(true);
DaemonThreadsDemo.heartbeat(false);

// A thread writing a file when main returns: as a daemon it loses every line, and its finally never runs.
DaemonThreadsDemo.writeReport(true);
DaemonThreadsDemo.writeReport(false);

// System.exit does not wait for any thread: it runs the shutdown hooks and halts.
DaemonThreadsDemo.exitWhileWriting();

// The flag must be set before start(), and a new thread inherits it from the thread that creates it.
DaemonThreadsDemo.setDaemonAfterStart();
DaemonThreadsDemo.builderMakesADaemon();
DaemonThreadsDemo.newThreadCreatedBy(false);
DaemonThreadsDemo.newThreadCreatedBy(true);

// Whose threads are daemons: a plain pool's are not; the common pool's and virtual threads are.
DaemonThreadsDemo.poolThreadIsDaemon("Executors.newFixedThreadPool(1)", Executors.newFixedThreadPool(1));
DaemonThreadsDemo.poolThreadIsDaemon("ForkJoinPool.commonPool()", ForkJoinPool.commonPool());
DaemonThreadsDemo.poolThreadIsDaemon("Executors.newVirtualThreadPerTaskExecutor()", Executors.newVirtualThreadPerTaskExecutor());
DaemonThreadsDemo.virtualThreadRefusesToBeNonDaemon();

// Try it yourself: is the thread JShell runs your snippets on a daemon? Thread.currentThread().isDaemon()
// Then: what does new Thread(() -> {}).isDaemon() say here, and why?
