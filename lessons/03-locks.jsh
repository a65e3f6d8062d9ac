// Lesson 03 · Locks: the fix. In JShell: /open lessons/03-locks.jsh
import workbook.demos.LocksDemo;

// The tutorial's counter, 5 threads × 1,000 increments, 500 rounds: no lock, synchronized, ReentrantLock.
LocksDemo.countWithoutLock(5, 1_000, 500);
LocksDemo.countWithSynchronized(5, 1_000, 500);
LocksDemo.countWithReentrantLock(5, 1_000, 500);

// The tutorial's cache: one thread walks a HashMap while another adds to it, until the walker
// gets a ConcurrentModificationException (at most 20 trials).
LocksDemo.iterateWhileAdding(20);

// The same with both threads holding one lock: no exception, trial after trial.
LocksDemo.iterateWhileAddingWithLock(10);

// Try it yourself: run countWithoutLock(5, 1_000, 500) a few times. How many rounds end short, and
// does any run have none? Would you trust one passing run of a counter without a lock?
