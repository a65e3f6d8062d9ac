package l06a_bounded_buffer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Predicate;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import workbook.testkit.BlockingCall;
import workbook.testkit.Handoff;
import workbook.testkit.ThreadWatch;

class BoundedBufferTest {

    /** Long enough for any thread to be scheduled on a busy machine; far shorter than a hang. */
    private static final Duration SOON = Duration.ofSeconds(2);

    private static final String TAKE_DOES_NOT_WAIT = """
            take() from a buffer that holds an item has nothing to wait for. If its thread waits for \
            the buffer's lock, another thread kept that lock while it waited: Thread.sleep() keeps the \
            lock, wait() lets go of it until the thread wakes up.""";

    private static final String PUT_DOES_NOT_WAIT = """
            put() into a buffer with room has nothing to wait for. If its thread waits for the buffer's \
            lock, another thread kept that lock while it waited: Thread.sleep() keeps the lock, wait() \
            lets go of it until the thread wakes up.""";

    private static <T> void put(BoundedBuffer<T> buffer, T item) throws InterruptedException {
        BlockingCall.run("producer", () -> buffer.put(item)).awaitResult(SOON, PUT_DOES_NOT_WAIT);
    }

    private static <T> T take(BoundedBuffer<T> buffer) throws InterruptedException {
        return BlockingCall.call("consumer", buffer::take).awaitResult(SOON, TAKE_DOES_NOT_WAIT);
    }

    @Test
    @DisplayName("one thread alone gets its items back first in, first out")
    void itemsComeOutInTheOrderTheyWentIn() throws InterruptedException {
        var buffer = new BoundedBuffer<String>(3);
        put(buffer, "a");
        put(buffer, "b");
        put(buffer, "c");
        assertThat(take(buffer)).as("first take() after putting a, b, c").isEqualTo("a");
        assertThat(take(buffer)).as("second take()").isEqualTo("b");
        put(buffer, "d");
        assertThat(take(buffer)).as("third take(), after putting d").isEqualTo("c");
        assertThat(take(buffer)).as("fourth take()").isEqualTo("d");
    }

    @Test
    @DisplayName("put() into a full buffer waits until take() makes room")
    void putWaitsWhileTheBufferIsFull() throws InterruptedException {
        var buffer = new BoundedBuffer<String>(1);
        put(buffer, "first");
        var second = BlockingCall.run("producer", () -> buffer.put("second"));
        second.assertBlocks(SOON, "put(\"second\") into a full buffer of capacity 1");
        assertThat(take(buffer)).as("take() from the full buffer").isEqualTo("first");
        second.awaitResult(SOON, """
                take() made room, but the producer waiting in put() never woke up. After removing an item, \
                take() must wake the threads waiting for room: notifyAll() on the buffer.""");
        assertThat(take(buffer)).as("take() after the waiting put(\"second\") went through").isEqualTo("second");
    }

    @Test
    @DisplayName("take() from an empty buffer waits until put() brings an item")
    void takeWaitsWhileTheBufferIsEmpty() throws InterruptedException {
        var buffer = new BoundedBuffer<String>(2);
        var taker = BlockingCall.call("consumer", buffer::take);
        taker.assertBlocks(SOON, "take() from an empty buffer");
        put(buffer, "item");
        var taken = taker.awaitResult(SOON, """
                put() brought an item, but the consumer waiting in take() never woke up. After adding an item, \
                put() must wake the threads waiting for one: notifyAll() on the buffer.""");
        assertThat(taken).as("what the waiting take() returned").isEqualTo("item");
    }

    @Test
    @DisplayName("of two consumers woken for one item, the one that finds nothing left waits again")
    void aConsumerWokenForAnItemAnotherTookWaitsAgain() throws InterruptedException {
        var buffer = new BoundedBuffer<String>(1);
        var consumers = List.of(BlockingCall.call("consumer-1", buffer::take), BlockingCall.call("consumer-2", buffer::take));
        var waitsBefore = new HashMap<BlockingCall<String>, Long>();
        for (var consumer : consumers) {
            consumer.assertBlocks(SOON, "take() from an empty buffer");
            waitsBefore.put(consumer, ThreadWatch.timesWaited(consumer.thread()));
        }
        put(buffer, "the only item");
        Predicate<BlockingCall<String>> waitsAgain = consumer -> !consumer.isDone()
                && ThreadWatch.timesWaited(consumer.thread()) > waitsBefore.get(consumer)
                && ThreadWatch.isWaitingForACondition(consumer.thread(), buffer);
        boolean settled = ThreadWatch.pollUntil(SOON, () -> consumers.stream().allMatch(BlockingCall::isDone)
                || consumers.stream().anyMatch(BlockingCall::isDone) && consumers.stream().anyMatch(waitsAgain));
        if (consumers.stream().allMatch(BlockingCall::isDone)) {
            throw new AssertionError("""
                    Two consumers waited in take() on an empty buffer. put() brought one item and woke them                     both; one took it, and the other did not wait again: %s and %s.
                    Why: a thread that wakes up in wait() only knows that something changed, not that its                     condition holds now: another thread may have taken the item first (or the wake-up was                     spurious). Check the condition again after every wake-up: while (items.isEmpty()) wait();                     not if.""".formatted(outcome(consumers.get(0)), outcome(consumers.get(1))));
        }
        assertThat(settled).as("""
                after put() of one item into a buffer two consumers waited on, one consumer returns it and the                 other waits again; neither happened within %s. After adding an item, put() must wake the                 waiting consumers: notifyAll() on the buffer.""", SOON).isTrue();
        var winner = consumers.stream().filter(BlockingCall::isDone).findFirst().orElseThrow();
        var waiter = consumers.stream().filter(c -> c != winner).findFirst().orElseThrow();
        assertThat(winner.result()).as("what the consumer that got the item returned").isEqualTo("the only item");
        put(buffer, "the second item");
        assertThat(waiter.awaitResult(SOON, "put() brought a second item, but the consumer still waiting never woke up."))
                .as("what the consumer that waited again returned").isEqualTo("the second item");
    }

    private static String outcome(BlockingCall<String> consumer) {
        try {
            return "\"" + consumer.thread().getName() + "\" returned " + consumer.result();
        } catch (AssertionError threw) {
            return threw.getMessage().lines().findFirst().orElse("it threw");
        }
    }

    @Test
    @DisplayName("2 producers and 2 consumers hand 20,000 items through one slot, each exactly once and in order")
    void producersAndConsumersHandOverEveryItem() throws InterruptedException {
        var buffer = new BoundedBuffer<Handoff.Item>(1);
        Handoff.through("a BoundedBuffer of capacity 1", buffer::put, () -> takeFromEmptyExplained(buffer))
                .producers(2)
                .consumers(2)
                .itemsPerProducer(10_000)
                .whyStuck("""
                        Why: producers and consumers wait in one wait set, the buffer's. notify() wakes just one \
                        of them, and it may be a thread of the same side: a producer woken by a producer finds the \
                        buffer still full and waits again, and the wake-up a consumer needed is gone. Soon every \
                        thread waits. Wake them all with notifyAll(); each checks its own condition in its while \
                        loop and only the right side goes on.""")
                .run();
    }

    private static Handoff.Item takeFromEmptyExplained(BoundedBuffer<Handoff.Item> buffer) throws InterruptedException {
        try {
            return buffer.take();
        } catch (NoSuchElementException | IndexOutOfBoundsException takenFromEmpty) {
            throw new AssertionError("""
                    take() threw %s: it went on to remove an item from an empty buffer.
                    Why: a consumer that wakes up is not promised an item: another consumer may have taken it \
                    before this one got the lock back, or the wake-up was spurious. Check again after every \
                    wait: wait in a while loop, not behind an if.""".formatted(takenFromEmpty), takenFromEmpty);
        }
    }
}
