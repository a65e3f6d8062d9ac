// Lesson 04 · Reentrancy. In JShell: /open lessons/04-reentrancy.jsh
import java.time.Duration;
import workbook.demos.ReentrancyDemo;

// methodA holds a ReentrantLock and calls methodB, which locks it again: hold counts 1, 2, 1, 0.
ReentrancyDemo.holdCountsThroughNestedCalls();

// synchronized methods nest the same way: the monitor is reentrant too.
ReentrancyDemo.synchronizedIsReentrant();

// Another thread gets the lock only after the owner's last unlock, not its first.
ReentrancyDemo.othersWaitForTheLastUnlock();

// The same nesting on a Semaphore(1), which has no owner: methodB waits for its own thread.
// The demo gives up after 300 ms; acquire() would wait forever.
ReentrancyDemo.nonReentrantMutexWaitsForItself(Duration.ofMillis(300));

// A ReentrantLock refuses another thread's unlock(); a Semaphore takes anyone's release().
ReentrancyDemo.onlyTheOwnerUnlocks();

// Try it yourself: var lock = new java.util.concurrent.locks.ReentrantLock(); call lock.lock() three
// times, then print lock.getHoldCount(). How many unlock() calls until lock.isLocked() is false?
// Then ask from another thread: new Thread(() -> System.out.println(lock.getHoldCount())).start();
