// Lesson 06 · Condition variables. In JShell: /open lessons/06-conditions.jsh
import workbook.demos.ConditionsDemo;

// A bounded buffer on a ReentrantLock with two conditions: who waits, and when.
ConditionsDemo.blockingEvents();

// notifyAll() wakes everyone; count the woken threads that found nothing to do.
ConditionsDemo.wakeUpsThatFindNothing(10_000);

// One slot, 2 producers, 2 consumers: notify() stalls, notifyAll() and ArrayBlockingQueue finish.
ConditionsDemo.handOffWithNotify(10_000);
ConditionsDemo.handOffWithNotifyAll(10_000);
ConditionsDemo.libraryQueue(10_000);

// Try it yourself: run handOffWithNotify a few times. After how many items does it stall?
// Write your own buffer, a class implementing ConditionsDemo.Buffer with synchronized put/take,
// wait() behind an if instead of a while, and notifyAll(); pass it to
// ConditionsDemo.handOff("if", new YourBuffer(), 10_000). What goes wrong, and how soon?
