// Lesson 02 · Race conditions. In JShell: /open lessons/02-race-conditions.jsh
import workbook.demos.RaceConditionsDemo;

// The lost update, forced step by step: both threads read 6, both write 7.
RaceConditionsDemo.lostUpdateStepByStep();

// Four real threads racing on count++, then the same work under a lock.
RaceConditionsDemo.countWithoutLock(4, 1_000_000);
RaceConditionsDemo.countWithLock(4, 1_000_000);

// Check-then-act: a ticket office that sells seats it does not have.
RaceConditionsDemo.sellWithoutLock(4, 100_000);
RaceConditionsDemo.sellWithLock(4, 100_000);

// Check-then-act alone: an atomic count with a separate check. At most buyers - 1 seats too many.
RaceConditionsDemo.sellWithAtomicCountOnly(4, 100_000);

// Try it yourself: change the thread count and the increments. Does one thread ever lose an update?
// Run countWithoutLock a few times in a row: how often does it lose nothing at all?
