// Lesson 05 · Semaphores. In JShell: /open lessons/05-semaphores.jsh
import workbook.demos.SemaphoresDemo;

// Five workers, two connections, 300 ms each: never more than two inside.
SemaphoresDemo.poolTimeline(2, 5, 300);

// tryAcquire with a timeout: the second worker waits 200 ms for a connection held for 500 ms, then gives up.
SemaphoresDemo.giveUpAfter(500, 200);

// A semaphore only counts: a release skipped by an exception loses a permit, a second release makes one up.
SemaphoresDemo.permitLostWithoutFinally();
SemaphoresDemo.permitMadeUpByReleasingTwice();

// Try it yourself: poolTimeline(3, 7, 200). How many rounds do you expect, and how long should it take?
// giveUpAfter(200, 500): the holder leaves before the other worker's patience runs out. What changes?
