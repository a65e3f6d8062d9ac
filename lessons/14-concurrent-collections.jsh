// Lesson 14 · Concurrent collections and atomics. In JShell: /open lessons/14-concurrent-collections.jsh
import workbook.demos.ConcurrentCollectionsDemo;

// Four threads count one word in a ConcurrentHashMap: with get-then-put, then with merge.
ConcurrentCollectionsDemo.countWords(4, 100_000);

// Walk a ConcurrentHashMap and a CopyOnWriteArrayList while another thread adds to them.
ConcurrentCollectionsDemo.walkWhileWriting(1_000);

// Copy a ConcurrentHashMap while a thread adds words in turn: how many copies mix two moments?
ConcurrentCollectionsDemo.copyWhileWriting(100);

// A stack made of compare-and-set loops: nothing lost, and how often a thread had to try again.
ConcurrentCollectionsDemo.lockFreeStack(4, 100_000);

// Try it yourself: ConcurrentCollectionsDemo.countWords(1, 100_000) with one thread. Does
// get-then-put lose anything when nobody else writes?
// Try it yourself: run ConcurrentCollectionsDemo.adderAgainstAtomicLong(2, 5_000_000) three times.
// Do the timings agree with each other? What would you need before believing either of them?
