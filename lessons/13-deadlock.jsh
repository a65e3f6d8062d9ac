// Lesson 13 · Deadlock. In JShell: /open lessons/13-deadlock.jsh
import workbook.demos.DeadlockDemo;

// Two threads take two locks in opposite order. They deadlock in a JVM of their own, which finds
// the cycle with ThreadMXBean and with jcmd Thread.print, and exits: JShell never holds a stuck thread.
DeadlockDemo.oppositeOrder();

// The same two threads moving money both ways, both locking the lower-numbered account first.
DeadlockDemo.lockOrdering(10_000);

// tryLock and let go: both threads start every try together; the same back-off for both, then a random one.
DeadlockDemo.backOff(false, 20);
DeadlockDemo.backOff(true, 20);

// Try it yourself: while the demo's child JVM is stuck, run `jcmd` in another terminal to list the
// JVMs, then `jstack <pid>` on it. And call DeadlockDemo.backOff(true, 100) a few times: how many
// of the tries miss each other when the pause is random?
