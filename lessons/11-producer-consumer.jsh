// Lesson 11 · Producer–consumer, graceful shutdown, observability. In JShell: /open lessons/11-producer-consumer.jsh
import workbook.demos.ProducerConsumerDemo;

// Back-pressure: a bounded queue makes a fast producer wait for a slow consumer.
ProducerConsumerDemo.backPressure(2, 6);

// One stop marker per consumer, behind the last item: all the work is done, then every consumer ends.
ProducerConsumerDemo.poisonPills(3, 12);

// An empty queue is not "done": a Phaser with one party per unfinished task waits for the real end.
ProducerConsumerDemo.emptyIsNotDone(4);

// Waiting, in progress, done, failed: under one lock, every reading adds up, also while the work runs.
ProducerConsumerDemo.liveCounts(40);

// The same four numbers as separate atomic counters: each is right, and many readings do not add up.
ProducerConsumerDemo.countsThatDisagree(200_000);

// Try it yourself: run poisonPills(3, 12) a few times: does each consumer handle as many items
// every time? Then make a
// new java.util.concurrent.LinkedBlockingQueue<String>(1), offer("a"), and offer("b", 100,
// java.util.concurrent.TimeUnit.MILLISECONDS): what does the second offer return, and when?
