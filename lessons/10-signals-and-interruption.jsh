// Lesson 10 · Signals and interruption. In JShell: /open lessons/10-signals-and-interruption.jsh
import java.time.Duration;
import workbook.demos.SignalsAndInterruptionDemo;

// One countDown() of a CountDownLatch(1) releases every thread that waits on it.
SignalsAndInterruptionDemo.latchReleasesEveryWaiter(4);

// An event that only re-reads its flag when woken: set(), then at once clear(). How many waiters are stranded?
SignalsAndInterruptionDemo.setThenClear(4);

// Nine ways to block, each interrupted: which calls end, and how?
SignalsAndInterruptionDemo.whoAnswersAnInterrupt();

// Catching InterruptedException clears the interrupt status; Thread.currentThread().interrupt() sets it again.
SignalsAndInterruptionDemo.catchingClearsTheStatus();

// A worker stopped the seeds' way (a flag looked at between timed waits) and with an interrupt.
SignalsAndInterruptionDemo.shutdownLatency(Duration.ofMillis(500));

// Try it yourself: SignalsAndInterruptionDemo.shutdownLatency(Duration.ofMillis(50)) stops sooner;
// what does the flag worker pay for that while nobody stops it?
// Try it yourself: run setThenClear(4) a few times. Is a waiter ever released, and why can it be?
