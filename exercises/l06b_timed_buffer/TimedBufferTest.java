package l06b_timed_buffer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import workbook.testkit.BlockingCall;
import workbook.testkit.Durations;
import workbook.testkit.Handoff;
import workbook.testkit.ThreadWatch;
import workbook.testkit.Workers;

class TimedBufferTest {

    /** Long enough for any thread to be scheduled on a busy machine; far shorter than a hang. */
    private static final Duration SOON = Duration.ofSeconds(2);
    /** The timeout of a call that should give up: long enough to tell waiting from not waiting. */
    private static final Duration SHORT_TIMEOUT = Duration.ofMillis(200);
    /** The timeout of a call that should succeed long before it runs out. */
    private static final Duration LONG_TIMEOUT = Duration.ofSeconds(10);

    private static final String NOTHING_TO_WAIT_FOR = """
            This call has nothing to wait for. If its thread waits for the buffer's lock, some thread \
            kept the lock: one that returned or threw without lock.unlock() (unlock in a finally block).""";

    private static final String WOKEN_CONSUMER_MUST_CHECK_AGAIN = """
            Why: a consumer that wakes up is not promised an item: another consumer may have taken it \
            before this one got the lock back, or the wake-up was spurious. Check again after every wait \
            (a while loop, not an if), and give up only when the whole timeout has passed.""";

    /** What a call returned, and how long it took. */
    record Timed<T>(T value, Duration took) {
        static <T> Callable<Timed<T>> of(Callable<T> call) {
            return () -> {
                long start = System.nanoTime();
                T value = call.call();
                return new Timed<>(value, Duration.ofNanos(System.nanoTime() - start));
            };
        }

        String tookReadably() {
            return Durations.readable(took);
        }
    }

    private static <T> boolean offerNow(TimedBuffer<T> buffer, T item) throws InterruptedException {
        return BlockingCall.call("producer", () -> buffer.offer(item, Duration.ZERO)).awaitResult(SOON, NOTHING_TO_WAIT_FOR);
    }

    private static <T> Optional<T> pollNow(TimedBuffer<T> buffer) throws InterruptedException {
        return BlockingCall.call("consumer", () -> buffer.poll(Duration.ZERO)).awaitResult(SOON, NOTHING_TO_WAIT_FOR);
    }

    @Test
    @DisplayName("one thread alone gets its items back first in, first out; with a zero timeout nothing waits")
    void itemsComeOutInTheOrderTheyWentIn() throws InterruptedException {
        var buffer = new TimedBuffer<String>(2);
        assertThat(offerNow(buffer, "a")).as("offer(a, 0) into an empty buffer of capacity 2").isTrue();
        assertThat(offerNow(buffer, "b")).as("offer(b, 0) into a buffer holding one item").isTrue();
        assertThat(pollNow(buffer)).as("poll(0) after offering a, b").contains("a");
        assertThat(offerNow(buffer, "c")).as("offer(c, 0) after a was taken").isTrue();
        assertThat(pollNow(buffer)).as("second poll(0)").contains("b");
        assertThat(pollNow(buffer)).as("third poll(0)").contains("c");
    }

    @Test
    @DisplayName("offer() into a full buffer waits out its timeout, then returns false and adds nothing")
    void offerGivesUpWhenTheBufferStaysFull() throws InterruptedException {
        var buffer = new TimedBuffer<String>(1);
        assertThat(offerNow(buffer, "first")).as("offer(first, 0) into an empty buffer of capacity 1").isTrue();
        var offer = BlockingCall.call("producer", Timed.of(() -> buffer.offer("second", SHORT_TIMEOUT))).awaitResult(SOON, """
                offer("second", 200 ms) into a full buffer must give up once 200 ms have passed in all. \
                awaitNanos() returns the time that was left when the thread woke up: wait only for that \
                next time, and return false when it is used up.""");
        if (offer.value()) {
            throw new AssertionError("""
                    offer("second", 200 ms) into a full buffer of capacity 1 returned true after %s. The buffer \
                    was full the whole time, so it had to wait and then return false, adding nothing."""
                    .formatted(offer.tookReadably()));
        }
        if (offer.took().compareTo(SHORT_TIMEOUT) < 0) {
            throw new AssertionError("""
                    offer("second", 200 ms) into a full buffer returned false after only %s. It must wait \
                    for room for the whole 200 ms before it gives up (await notFull in a loop, with the time left)."""
                    .formatted(offer.tookReadably()));
        }
        assertThat(pollNow(buffer)).as("poll(0) after the refused offer").contains("first");
        assertThat(pollNow(buffer)).as("poll(0) again: the refused item must not be in the buffer").isEmpty();
    }

    @Test
    @DisplayName("poll() from an empty buffer waits out its timeout, then returns empty")
    void pollGivesUpWhenTheBufferStaysEmpty() throws InterruptedException {
        var buffer = new TimedBuffer<String>(1);
        var poll = BlockingCall.call("consumer", Timed.of(() -> buffer.poll(SHORT_TIMEOUT))).awaitResult(SOON, """
                poll(200 ms) from an empty buffer must give up once 200 ms have passed in all. \
                awaitNanos() returns the time that was left when the thread woke up: wait only for that \
                next time, and return empty when it is used up.""");
        assertThat(poll.value()).as("what poll(200 ms) from a buffer nobody offers to returned").isEmpty();
        if (poll.took().compareTo(SHORT_TIMEOUT) < 0) {
            throw new AssertionError("""
                    poll(200 ms) from an empty buffer returned empty after only %s. It must wait for an item \
                    for the whole 200 ms before it gives up (await notEmpty in a loop, with the time left)."""
                    .formatted(poll.tookReadably()));
        }
    }

    @Test
    @DisplayName("offer() into a full buffer waits, and goes through as soon as poll() makes room")
    void offerWaitsForRoom() throws InterruptedException {
        var buffer = new TimedBuffer<String>(1);
        assertThat(offerNow(buffer, "first")).as("offer(first, 0) into an empty buffer of capacity 1").isTrue();
        var second = BlockingCall.call("producer", () -> buffer.offer("second", LONG_TIMEOUT));
        second.assertBlocks(SOON, "offer(\"second\", 10 s) into a full buffer of capacity 1");
        assertThat(pollNow(buffer)).as("poll(0) from the full buffer").contains("first");
        boolean added = second.awaitResult(SOON, """
                poll() made room, but the producer waiting in offer() did not wake up. After removing an item, \
                poll() must signal the condition that producers wait in (notFull).""");
        assertThat(added).as("what the waiting offer(\"second\", 10 s) returned once there was room").isTrue();
        assertThat(pollNow(buffer)).as("poll(0) after the waiting offer went through").contains("second");
    }

    @Test
    @DisplayName("poll() from an empty buffer waits, and gets the item as soon as offer() brings it")
    void pollWaitsForAnItem() throws InterruptedException {
        var buffer = new TimedBuffer<String>(1);
        var poll = BlockingCall.call("consumer", () -> buffer.poll(LONG_TIMEOUT));
        poll.assertBlocks(SOON, "poll(10 s) from an empty buffer");
        assertThat(offerNow(buffer, "item")).as("offer(item, 0) into the empty buffer").isTrue();
        var taken = poll.awaitResult(SOON, """
                offer() brought an item, but the consumer waiting in poll() did not wake up. After adding an \
                item, offer() must signal the condition that consumers wait in (notEmpty).""");
        assertThat(taken).as("what the waiting poll(10 s) returned").contains("item");
    }

    /** How long to keep trying to make a consumer barge in between another's wake-up and its lock. */
    private static final Duration STOLEN_WAKE_UP_BUDGET = Duration.ofMillis(300);

    @Test
    @DisplayName("a consumer woken for an item that another consumer took first waits again")
    void aConsumerWokenForATakenItemWaitsAgain() throws InterruptedException {
        long end = System.nanoTime() + STOLEN_WAKE_UP_BUDGET.toNanos();
        do {
            var buffer = new TimedBuffer<String>(1);
            var waiting = BlockingCall.call("waiting-consumer", () -> buffer.poll(LONG_TIMEOUT));
            waiting.assertBlocks(SOON, "poll(10 s) from an empty buffer");
            long waitsBefore = ThreadWatch.timesWaited(waiting.thread());
            var stop = new AtomicBoolean();
            var barging = Workers.start("barging-consumer", 1, index -> {
                while (!stop.get() && buffer.poll(Duration.ZERO).isEmpty()) {
                    Thread.onSpinWait();
                }
            });
            assertThat(offerNow(buffer, "first")).as("offer(first, 0) into the empty buffer").isTrue();
            ThreadWatch.pollUntil(SOON, () -> waiting.isDone() || !barging.threads().getFirst().isAlive());
            stop.set(true);
            barging.awaitCompletion(SOON);
            boolean settled = ThreadWatch.pollUntil(SOON, () -> waiting.isDone()
                    || ThreadWatch.timesWaited(waiting.thread()) > waitsBefore
                    && ThreadWatch.isWaitingForACondition(waiting.thread(), buffer));
            assertThat(settled).as("""
                    offer() brought an item while a consumer waited in poll(10 s); within %s that consumer                     should have taken it, or, if another consumer took it first, gone back to waiting.                     After adding an item, offer() must signal the condition consumers wait in (notEmpty).""",
                    Durations.readable(SOON)).isTrue();
            if (!waiting.isDone()) {
                assertThat(offerNow(buffer, "second")).as("offer(second, 0) into the buffer emptied by the barging consumer").isTrue();
            }
            Optional<String> got;
            try {
                got = waiting.awaitResult(SOON, "offer() brought a second item, but the waiting consumer never woke up.");
            } catch (AssertionError threw) {
                throw new AssertionError("""
                        A consumer waited in poll(10 s). offer() brought one item and woke it, but another                         consumer got the lock first and took the item. The woken consumer then failed: %s
                        %s""".formatted(threw.getMessage().lines().findFirst().orElse(""), WOKEN_CONSUMER_MUST_CHECK_AGAIN), threw);
            }
            assertThat(got).as("""
                    what the waiting poll(10 s) returned: the first item if it got there first, else the second                     one, offered after another consumer took the first. %s""", WOKEN_CONSUMER_MUST_CHECK_AGAIN)
                    .isPresent().get().isIn("first", "second");
        } while (System.nanoTime() < end);
    }

    @Test
    @DisplayName("2 producers and 2 consumers hand 20,000 items through one slot, each exactly once and in order")
    void producersAndConsumersHandOverEveryItem() throws InterruptedException {
        var buffer = new TimedBuffer<Handoff.Item>(1);
        Handoff.through("a TimedBuffer of capacity 1", item -> offerOrFail(buffer, item), () -> pollOrFail(buffer))
                .producers(2)
                .consumers(2)
                .itemsPerProducer(10_000)
                .whyStuck("""
                        Why: a thread waits for a signal that went elsewhere. Producers must wait in one condition \
                        (notFull) and consumers in another (notEmpty), and each change must signal the condition \
                        whose waiters can now go on: an added item signals notEmpty, a removed one notFull. With one \
                        condition for both sides, signal() may wake a thread of the same side, which waits again, \
                        and the wake-up the other side needed is lost.""")
                .run();
    }

    private static void offerOrFail(TimedBuffer<Handoff.Item> buffer, Handoff.Item item) throws Exception {
        var offer = Timed.of(() -> buffer.offer(item, LONG_TIMEOUT)).call();
        if (!offer.value()) {
            throw new AssertionError("""
                    offer(%s, 10 s) returned false after %s, while consumers were taking items all along. \
                    A waiting producer gives up only when its whole timeout has passed."""
                    .formatted(item, offer.tookReadably()));
        }
    }

    private static Handoff.Item pollOrFail(TimedBuffer<Handoff.Item> buffer) throws Exception {
        Timed<Optional<Handoff.Item>> poll;
        try {
            poll = Timed.of(() -> buffer.poll(LONG_TIMEOUT)).call();
        } catch (NoSuchElementException | IndexOutOfBoundsException takenFromEmpty) {
            throw new AssertionError("""
                    poll(10 s) threw %s: it went on to remove an item from an empty buffer.
                    %s""".formatted(takenFromEmpty, WOKEN_CONSUMER_MUST_CHECK_AGAIN), takenFromEmpty);
        }
        return poll.value().orElseThrow(() -> new AssertionError("""
                poll(10 s) returned empty after %s, while producers were offering items all along.
                %s""".formatted(poll.tookReadably(), WOKEN_CONSUMER_MUST_CHECK_AGAIN)));
    }
}
