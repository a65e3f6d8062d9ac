package workbook.testkit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

/**
 * Producers hand numbered items to consumers through a channel under test (a bounded buffer, a
 * queue), and every item is accounted for: none lost, none taken twice, none made up, each
 * producer's items taken in the order they were put, and the whole handoff ends.
 *
 * <p>A buffer's bugs show only while producers and consumers really wait for each other: a
 * consumer that wakes up and takes from an empty buffer, a wake-up that goes to a thread of the
 * wrong side and leaves everyone waiting. So every producer puts its own items {@code 0, 1, 2 …}
 * while every consumer takes until all items are claimed, and each item is checked the moment it
 * is taken; the first wrong item fails the run at once, naming the item and the consumers.
 *
 * <p>A stalled handoff is caught by its lack of progress: when no item goes in or comes out for
 * {@link #stuckAfter} (1 s unless set), the threads wait for each other and nothing will change,
 * so the run fails with how far it got, the test's explanation, and a {@link ThreadReport} of the
 * threads. A handoff that moves but too slowly fails at its {@link #deadline} (10 s unless set),
 * or, given a {@link #minimumPace}, as soon as it has fallen behind that pace once the first
 * {@code stuckAfter} has passed: a channel whose threads look again on a timer instead of being
 * woken moves a hundred times slower than a correct one, and waiting out the deadline would only
 * make the verdict slow.
 * Either way the threads are interrupted; they are daemons, so none keeps the JVM alive.
 *
 * <pre>{@code
 * var buffer = new BoundedBuffer<Handoff.Item>(1);
 * Handoff.through("BoundedBuffer(1)", buffer::put, buffer::take)
 *         .producers(2).consumers(2).itemsPerProducer(10_000)
 *         .whyStuck("Why: notify() may wake a thread of the same side ...")
 *         .run();
 * }</pre>
 */
public final class Handoff {

    /** The {@code number}th item put by producer {@code producer}; both count from 0. */
    public record Item(int producer, int number) {
        @Override
        public String toString() {
            return "item " + number + " of producer-" + producer;
        }
    }

    /** How a producer puts an item into the channel; it may block while the channel is full. */
    @FunctionalInterface
    public interface Put {
        void put(Item item) throws Exception;
    }

    /** How a consumer takes the next item out; it may block while the channel is empty. */
    @FunctionalInterface
    public interface Take {
        Item take() throws Exception;
    }

    private static final Duration POLL_INTERVAL = Duration.ofMillis(5);

    private final String channel;
    private final Put put;
    private final Take take;
    private int producers = 2;
    private int consumers = 2;
    private int itemsPerProducer = 10_000;
    private Duration stuckAfter = Duration.ofSeconds(1);
    private Duration deadline = Duration.ofSeconds(10);
    private String whyStuck = "";
    private int minimumPace;

    private Handoff(String channel, Put put, Take take) {
        this.channel = channel;
        this.put = Objects.requireNonNull(put);
        this.take = Objects.requireNonNull(take);
    }

    /** A handoff through {@code channel} (its name in failure messages), put into and taken from as given. */
    public static Handoff through(String channel, Put put, Take take) {
        return new Handoff(channel, put, take);
    }

    /** How many producer threads put items (2 unless set). */
    public Handoff producers(int count) {
        this.producers = count;
        return this;
    }

    /** How many consumer threads take them (2 unless set). */
    public Handoff consumers(int count) {
        this.consumers = count;
        return this;
    }

    /** How many items each producer puts (10,000 unless set). */
    public Handoff itemsPerProducer(int count) {
        this.itemsPerProducer = count;
        return this;
    }

    /** How long with no item going in or coming out counts as stuck (1 s unless set). */
    public Handoff stuckAfter(Duration quiet) {
        this.stuckAfter = quiet;
        return this;
    }

    /** How long the whole handoff may take (10 s unless set). */
    public Handoff deadline(Duration deadline) {
        this.deadline = deadline;
        return this;
    }

    /**
     * How many items per second, at least, a correct channel hands over even on a busy machine
     * (no minimum unless set); checked once {@link #stuckAfter} has passed.
     */
    public Handoff minimumPace(int itemsPerSecond) {
        this.minimumPace = itemsPerSecond;
        return this;
    }

    /** The likely cause of a stall, in the lesson's words, put into the failure message. */
    public Handoff whyStuck(String explanation) {
        this.whyStuck = explanation;
        return this;
    }

    /**
     * Runs the handoff and returns how long it took.
     *
     * @throws AssertionError at the first wrong item or failed call, when the handoff is stuck, or
     *     when it misses its deadline
     */
    public Duration run() throws InterruptedException {
        return new Run().execute();
    }

    /** The state of one run, shared by its threads. */
    private final class Run {
        private final int total = producers * itemsPerProducer;
        private final AtomicInteger putsReturned = new AtomicInteger();
        private final AtomicInteger takesReturned = new AtomicInteger();
        private final AtomicInteger takesClaimed = new AtomicInteger();
        /** For each producer and item number: 0 while not taken, else the taking consumer's index + 1. */
        private final AtomicIntegerArray[] takenBy = new AtomicIntegerArray[producers];
        private final AtomicReference<AssertionError> firstFailure = new AtomicReference<>();
        private volatile boolean over;

        Run() {
            Arrays.setAll(takenBy, p -> new AtomicIntegerArray(itemsPerProducer));
        }

        Duration execute() throws InterruptedException {
            long start = System.nanoTime();
            var threads = new ArrayList<Thread>();
            threads.addAll(Workers.start("consumer", consumers, this::consume).threads());
            threads.addAll(Workers.start("producer", producers, this::produce).threads());
            int lastProgress = -1;
            long lastProgressAt = start;
            while (threads.stream().anyMatch(Thread::isAlive)) {
                if (firstFailure.get() != null) {
                    throw stop(threads, firstFailure.get());
                }
                long now = System.nanoTime();
                int progress = putsReturned.get() + takesReturned.get();
                if (progress != lastProgress) {
                    lastProgress = progress;
                    lastProgressAt = now;
                } else if (now - lastProgressAt > stuckAfter.toNanos()) {
                    throw stop(threads, stuck(threads));
                }
                if (now - start > deadline.toNanos()) {
                    throw stop(threads, tooSlow(threads));
                }
                boolean movedLately = now - lastProgressAt <= stuckAfter.toNanos() / 2;
                if (minimumPace > 0 && movedLately && now - start > stuckAfter.toNanos()
                        && takesReturned.get() < minimumPace * ((now - start) / 1e9)) {
                    throw stop(threads, behindPace(threads, Duration.ofNanos(now - start)));
                }
                Thread.sleep(POLL_INTERVAL);
            }
            if (firstFailure.get() != null) {
                throw firstFailure.get();
            }
            if (takesReturned.get() != total) {
                throw new AssertionError("%,d items were put into %s, but the consumers took %,d."
                        .formatted(total, channel, takesReturned.get()));
            }
            return Duration.ofNanos(System.nanoTime() - start);
        }

        private void produce(int producer) {
            try {
                for (int number = 0; number < itemsPerProducer; number++) {
                    put.put(new Item(producer, number));
                    putsReturned.incrementAndGet();
                }
            } catch (Throwable failure) {
                failed(failure, "putting an item");
            }
        }

        private void consume(int consumer) {
            var lastTaken = new int[producers];
            Arrays.fill(lastTaken, -1);
            try {
                while (takesClaimed.getAndIncrement() < total) {
                    var item = take.take();
                    check(consumer, item, lastTaken);
                    takesReturned.incrementAndGet();
                }
            } catch (Throwable failure) {
                failed(failure, "taking an item");
            }
        }

        private void check(int consumer, Item item, int[] lastTaken) {
            var me = "consumer-" + consumer;
            if (item == null) {
                throw new AssertionError("""
                        %s was handed null instead of an item, after %,d of %,d items were taken. Taking \
                        must wait until there is an item, and return it.
                        Why: a consumer that wakes up is not promised an item: another consumer may have \
                        taken it first, or the wake-up was spurious. Check again after every wait: wait \
                        in a while loop, not behind an if.""".formatted(me, takesReturned.get(), total));
            }
            if (item.producer() < 0 || item.producer() >= producers || item.number() < 0 || item.number() >= itemsPerProducer) {
                throw new AssertionError("%s took %s, which no producer put.".formatted(me, item));
            }
            int before = takenBy[item.producer()].compareAndExchange(item.number(), 0, consumer + 1);
            if (before != 0) {
                throw new AssertionError("""
                        %s took %s, which consumer-%d had already taken: one item handed out twice.
                        Why: an item must leave the buffer in the same step that hands it out, under the \
                        same lock as every other put and take, and only when it is really there."""
                        .formatted(me, item, before - 1));
            }
            if (item.number() <= lastTaken[item.producer()]) {
                throw new AssertionError("""
                        %s took %s after item %d of the same producer: they came out in another order \
                        than they went in. The buffer must hand items out first in, first out."""
                        .formatted(me, item, lastTaken[item.producer()]));
            }
            lastTaken[item.producer()] = item.number();
        }

        private void failed(Throwable failure, String doing) {
            if (over) {
                return;
            }
            var name = Thread.currentThread().getName();
            var error = failure instanceof AssertionError assertion
                    ? assertion
                    : new AssertionError("%s threw %s while %s%s".formatted(name, failure, doing, framesOf(failure)), failure);
            firstFailure.compareAndSet(null, error);
        }

        private AssertionError stuck(List<Thread> threads) {
            var message = new StringBuilder("""
                    Stuck: no item went into or came out of %s for %s, and the threads wait for each other.
                    %d producers were putting %,d items each, %d consumers taking them: %,d of %,d items \
                    had been put and %,d taken.
                    """.formatted(channel, Durations.readable(stuckAfter), producers, itemsPerProducer,
                    consumers, putsReturned.get(), total, takesReturned.get()));
            if (putsReturned.get() == total) {
                message.append("Every item has been put, yet the consumers wait for %,d more: items went missing inside %s, or a consumer missed its wake-up.\n"
                        .formatted(total - takesReturned.get(), channel));
            }
            if (!whyStuck.isBlank()) {
                message.append(whyStuck.strip()).append('\n');
            }
            message.append("The threads still waiting:\n").append(ThreadReport.describe(alive(threads)));
            return new AssertionError(message.toString().stripTrailing());
        }

        private AssertionError tooSlow(List<Thread> threads) {
            return new AssertionError("""
                    The handoff of %,d items through %s did not end within %s: %,d items had been put and \
                    %,d taken. It still moves, but far too slowly; a thread that waits for room or for an \
                    item should wait to be woken (wait(), await()), not sleep and look again.
                    The threads:
                    %s""".formatted(total, channel, Durations.readable(deadline), putsReturned.get(),
                    takesReturned.get(), ThreadReport.describe(alive(threads))).stripTrailing());
        }

        private AssertionError behindPace(List<Thread> threads, Duration elapsed) {
            return new AssertionError("""
                    The handoff through %s moved %,d of %,d items in %s: a correct one hands over at least \
                    %,d items a second, even on a busy machine. It still moves, but far too slowly; a thread \
                    that waits for room or for an item should sleep until another thread wakes it (wait(), \
                    await()), not wake up on a timer to look again.
                    The threads:
                    %s""".formatted(channel, takesReturned.get(), total, Durations.readable(elapsed), minimumPace,
                    ThreadReport.describe(alive(threads))).stripTrailing());
        }

        private AssertionError stop(List<Thread> threads, AssertionError failure) {
            over = true;
            threads.forEach(Thread::interrupt);
            return failure;
        }
    }

    private static List<Thread> alive(List<Thread> threads) {
        return threads.stream().filter(Thread::isAlive).toList();
    }

    private static String framesOf(Throwable failure) {
        return StackFrames.shown(failure.getStackTrace()).stream().map(line -> "\n    " + line).collect(Collectors.joining());
    }
}
