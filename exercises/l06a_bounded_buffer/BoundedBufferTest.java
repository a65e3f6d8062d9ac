package l06a_bounded_buffer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.stream.Collectors;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import workbook.runner.explain.ScenarioThreads;
import workbook.testkit.BlockingCall;
import workbook.testkit.Durations;
import workbook.testkit.Handoff;
import workbook.testkit.HeldLocks;
import workbook.testkit.ThreadWatch;
import workbook.testkit.preemption.Preemption;

/**
 * Judges the buffer by what callers see, whatever it waits with: the buffer's own monitor, a
 * private lock object, a Lock with one or two Conditions (signal() or signalAll()), semaphores.
 * No test asks which object a thread waits on; each asks whether it waits, is woken, and gets
 * the right item.
 */
class BoundedBufferTest {

    /** The deadline of a call that should end: long enough for any busy machine, far shorter than a hang. */
    private static final Duration SOON = Duration.ofSeconds(2);
    /**
     * How long a thread may sleep on in one wait, never woken, after the test did what it waits
     * for, before the test calls it stuck. A woken thread runs within milliseconds, even with
     * both cores busy; waiting out {@link #SOON} would only make a wrong answer's verdict slow.
     */
    private static final Duration QUIET = Duration.ofMillis(100);
    /**
     * How long a woken thread that finds no room is watched for what it does next: a wrong one
     * returns within milliseconds of getting the lock, a right one settles into a wait. A thread
     * that wakes on a timer never settles; waiting {@link #SOON} for it would only make that wrong
     * answer's verdict slow, and other tests fail it.
     */
    private static final Duration SETTLING = Duration.ofMillis(500);
    /** How long a waiting thread is watched for waking up by itself, while nothing changes. */
    private static final Duration LEFT_ALONE = Duration.ofMillis(50);
    /**
     * Items a second that 2 producers and 2 consumers hand through one slot at the least. Measured
     * here (2 cores, exercise code interpreted): the solution and the right answers in other idioms
     * moved 20,000 items in 120-170 ms idle and in 210-820 ms with a load average of 22, so at
     * 24,000 a second or more; a buffer whose threads wake up every 10 ms to look again moved 124.
     */
    private static final int MINIMUM_PACE = 2_000;
    /**
     * How many times four quick puts meet four waiting consumers. A put wakes nobody, in a buffer
     * that signals only when it was empty, when it comes before the consumer woken by the put
     * before it has taken its item: about one put in two here, so five rounds of three such
     * chances miss it about once in 30,000 runs.
     */
    private static final int ROUNDS_OF_QUICK_PUTS = 5;

    private static final String NOTHING_TO_WAIT_FOR = """
            This call has nothing to wait for. If its thread waits for the buffer's lock, another \
            thread kept that lock while it waited: Thread.sleep() keeps the lock, wait() and await() \
            let go of it until the thread wakes up.""";

    private static final String WOKEN_WITHOUT_AN_ITEM = """
            Why: a consumer that wakes up is not promised an item: another consumer may have taken it \
            first. Two things let that through: going on after wait() returns without checking again \
            (if instead of while), or letting go of the lock between the check and the removal (check, \
            wait and remove must happen in one synchronized block, one lock() ... unlock()).""";

    private static final String WOKEN_WITHOUT_ROOM = """
            Why: a producer that wakes up is not promised room: another producer may have filled the \
            slot first. Check again after every wake-up (while, not if), and add in the same hold of the \
            lock as the check.""";

    private static <T> void put(BoundedBuffer<T> buffer, T item) throws InterruptedException {
        BlockingCall.run("producer", () -> buffer.put(item)).awaitResult(SOON, QUIET, NOTHING_TO_WAIT_FOR);
    }

    private static <T> T take(BoundedBuffer<T> buffer) throws InterruptedException {
        return BlockingCall.call("consumer", buffer::take).awaitResult(SOON, QUIET, NOTHING_TO_WAIT_FOR);
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
    @DisplayName("two puts for the last free slot: one waits, wherever the first is stopped")
    void twoPutsForTheLastFreeSlotNeverBothGoIn() throws Exception {
        try (var preemption = Preemption.instrument()) {
            preemption.atEveryPoint(200, point -> {
                var buffer = new BoundedBuffer<String>(2);
                put(buffer, "old");
                var first = preemption.start("first producer", point, () -> buffer.put("first"));
                boolean stopped = first.awaitStopped(SOON);
                var second = BlockingCall.run("second producer", () -> buffer.put("second"));
                second.awaitSettled(SOON);
                first.resume();
                first.call().awaitSettled(SOON);
                assertThat(first.call().isDone() && second.isDone()).as("""
                        The first producer's put() was held at its preemption point %d (a lock, condition or \
                        queue call, or a synchronized block, entered or left) while a second put() ran whole. \
                        Both returned, into a buffer of capacity 2 that had one free slot: it now holds three items.
                        """.formatted(point) + WOKEN_WITHOUT_ROOM).isFalse();
                take(buffer);
                take(buffer);
                first.call().awaitResult(SOON, QUIET, "put() must go in once take() made room");
                second.awaitResult(SOON, QUIET, "put() must go in once take() made room");
                take(buffer);
                return stopped;
            });
        }
    }

    @Test
    @DisplayName("put() into a full buffer waits until take() makes room")
    void putWaitsWhileTheBufferIsFull() throws InterruptedException {
        var buffer = new BoundedBuffer<String>(2);
        put(buffer, "first");
        put(buffer, "second");
        var third = BlockingCall.run("producer", () -> buffer.put("third"));
        third.assertBlocks(SOON, "put(\"third\") into a full buffer of capacity 2");
        assertThat(take(buffer)).as("take() from the full buffer").isEqualTo("first");
        third.awaitResult(SOON, QUIET, """
                take() made room, but the producer waiting in put() was not woken. After removing an item, \
                take() must wake the threads waiting for room (notifyAll(), or signal the condition \
                producers wait in).""");
        assertThat(take(buffer)).as("take() after the waiting put(\"third\") went through").isEqualTo("second");
        assertThat(take(buffer)).as("the next take()").isEqualTo("third");
    }

    @Test
    @DisplayName("take() from an empty buffer waits until put() brings an item")
    void takeWaitsWhileTheBufferIsEmpty() throws InterruptedException {
        var buffer = new BoundedBuffer<String>(2);
        var taker = BlockingCall.call("consumer", buffer::take);
        taker.assertBlocks(SOON, "take() from an empty buffer");
        put(buffer, "item");
        var taken = taker.awaitResult(SOON, QUIET, """
                put() brought an item, but the consumer waiting in take() was not woken. After adding an \
                item, put() must wake the threads waiting for one (notifyAll(), or signal the condition \
                consumers wait in).""");
        assertThat(taken).as("what the waiting take() returned").isEqualTo("item");
    }

    @Test
    @DisplayName("a waiting thread sleeps until another thread wakes it: it does not look again on a timer")
    void aWaitingThreadDoesNotPoll() throws InterruptedException {
        var empty = new BoundedBuffer<String>(1);
        var full = new BoundedBuffer<String>(1);
        put(full, "first");
        var consumer = BlockingCall.call("consumer", empty::take);
        var producer = BlockingCall.run("producer", () -> full.put("second"));
        consumer.assertBlocks(SOON, "take() from an empty buffer");
        producer.assertBlocks(SOON, "put(\"second\") into a full buffer of capacity 1");
        long consumerWaits = ThreadWatch.timesWaited(consumer.thread());
        long producerWaits = ThreadWatch.timesWaited(producer.thread());
        ThreadWatch.pollUntil(LEFT_ALONE, () -> ThreadWatch.timesWaited(consumer.thread()) > consumerWaits + 1
                || ThreadWatch.timesWaited(producer.thread()) > producerWaits + 1);
        assertNotPolling("take() from an empty buffer", consumer, ThreadWatch.timesWaited(consumer.thread()) - consumerWaits);
        assertNotPolling("put(\"second\") into a full buffer", producer, ThreadWatch.timesWaited(producer.thread()) - producerWaits);
        put(empty, "item");
        assertThat(consumer.awaitResult(SOON, QUIET, "put() brought an item, but the waiting take() was not woken."))
                .as("what the waiting take() returned").isEqualTo("item");
        assertThat(take(full)).as("take() from the full buffer").isEqualTo("first");
        producer.awaitResult(SOON, QUIET, "take() made room, but the waiting put() was not woken.");
    }

    private static void assertNotPolling(String call, BlockingCall<?> waiting, long wakeUps) {
        if (wakeUps > 1) {
            throw new AssertionError("""
                    %s woke up %d times in %s and went back to waiting, while no other thread touched the \
                    buffer.
                    Why: it looks again on a timer (wait(10), await with a timeout, sleep in a loop) instead \
                    of sleeping until the thread that changes the buffer wakes it. That is polling: each \
                    handoff waits for the clock, and every wake-up costs CPU for nothing. Wait without a \
                    timeout, and wake the waiting threads after each change (TASK.md).""".formatted(
                    call, wakeUps, Durations.readable(LEFT_ALONE)));
        }
        assertThat(waiting.isDone()).as(call + " returned while the buffer stayed as it was").isFalse();
    }

    @Test
    @DisplayName("of two consumers woken for one item, the one that finds nothing left waits again")
    void aConsumerWokenForAnItemAnotherTookWaitsAgain() throws InterruptedException {
        var buffer = new BoundedBuffer<String>(1);
        var consumers = List.of(BlockingCall.call("consumer-1", buffer::take), BlockingCall.call("consumer-2", buffer::take));
        for (var consumer : consumers) {
            consumer.assertBlocks(SOON, "take() from an empty buffer");
        }
        long[] waitsBefore = consumers.stream().mapToLong(c -> ThreadWatch.timesWaited(c.thread())).toArray();
        put(buffer, "the only item");
        var first = awaitFirstOf(consumers, """
                put() brought an item while two consumers waited in take(), and neither was woken. After \
                adding an item, put() must wake the threads waiting for one.""");
        var other = consumers.get(1 - consumers.indexOf(first));
        long otherWaitsBefore = waitsBefore[consumers.indexOf(other)];
        assertThat(itemOf(first)).as("what the consumer that got the item returned").isEqualTo("the only item");
        ThreadWatch.pollUntil(SOON, () -> other.isDone()
                || ThreadWatch.timesWaited(other.thread()) > otherWaitsBefore && !other.thread().getState().equals(Thread.State.RUNNABLE)
                || ThreadWatch.staysWaitingIn(other.thread(), BoundedBuffer.class, Duration.ofMillis(50)));
        if (other.isDone()) {
            throw new AssertionError("""
                    Two consumers waited in take() on an empty buffer, and put() brought one item. "%s" \
                    took it, and "%s" returned too: %s.
                    %s""".formatted(first.thread().getName(), other.thread().getName(), outcome(other), WOKEN_WITHOUT_AN_ITEM));
        }
        put(buffer, "the second item");
        assertThat(other.awaitResult(SOON, QUIET, "put() brought a second item, but the consumer still waiting was not woken."))
                .as("what the consumer that waited on returned").isEqualTo("the second item");
    }

    @Test
    @DisplayName("of two producers woken for one free slot, the one that finds it taken waits again")
    void aProducerWokenForRoomAnotherFilledWaitsAgain() throws InterruptedException {
        var buffer = new BoundedBuffer<String>(1);
        put(buffer, "first");
        var producers = List.of(BlockingCall.run("producer-1", () -> buffer.put("second")),
                BlockingCall.run("producer-2", () -> buffer.put("third")));
        for (var producer : producers) {
            producer.assertBlocks(SOON, "put() into a full buffer of capacity 1");
        }
        long[] waitsBefore = producers.stream().mapToLong(p -> ThreadWatch.timesWaited(p.thread())).toArray();
        assertThat(take(buffer)).as("take() from the full buffer").isEqualTo("first");
        var first = awaitFirstOf(producers, """
                take() made room while two producers waited in put(), and neither was woken. After \
                removing an item, take() must wake the threads waiting for room.""");
        var other = producers.get(1 - producers.indexOf(first));
        long otherWaitsBefore = waitsBefore[producers.indexOf(other)];
        ThreadWatch.pollUntil(SOON, () -> other.isDone()
                || ThreadWatch.timesWaited(other.thread()) > otherWaitsBefore && !other.thread().getState().equals(Thread.State.RUNNABLE)
                || ThreadWatch.staysWaitingIn(other.thread(), BoundedBuffer.class, QUIET));
        if (other.isDone()) {
            throw new AssertionError("""
                    Two producers waited in put() on a full buffer of capacity 1, and take() made room for \
                    one item. Both put() calls returned, so the buffer held 2 items: more than its capacity.
                    %s""".formatted(WOKEN_WITHOUT_ROOM));
        }
        var firstItem = take(buffer);
        assertThat(firstItem).as("take() after one waiting producer went through").isIn("second", "third");
        other.awaitResult(SOON, QUIET, "take() made room again, but the producer still waiting was not woken.");
        assertThat(take(buffer)).as("take() after the other producer went through")
                .isEqualTo(firstItem.equals("second") ? "third" : "second");
    }

    /**
     * Returns the first of the waiting calls to end, once the test has done what one of them waits
     * for; fails when none has ended within {@link #QUIET}: nobody woke them.
     */
    private static <T> BlockingCall<T> awaitFirstOf(List<BlockingCall<T>> calls, String whyOneShouldEnd) {
        ThreadWatch.pollUntil(QUIET, () -> calls.stream().anyMatch(BlockingCall::isDone));
        return calls.stream().filter(BlockingCall::isDone).findFirst().orElseThrow(() -> new AssertionError(
                whyOneShouldEnd + "\n" + calls.stream().map(BlockingCall::describe).collect(Collectors.joining("\n"))));
    }

    /** What a finished take() returned; fails, saying why, when it returned null or threw. */
    private static String itemOf(BlockingCall<String> take) {
        String item;
        try {
            item = take.result();
        } catch (AssertionError threw) {
            throw new AssertionError(threw.getMessage().lines().findFirst().orElse("") + "\n" + WOKEN_WITHOUT_AN_ITEM, threw);
        }
        if (item == null) {
            throw new AssertionError("\"%s\" returned null from take(): it went on without an item.\n%s"
                    .formatted(take.thread().getName(), WOKEN_WITHOUT_AN_ITEM));
        }
        return item;
    }

    @Test
    @DisplayName("items put one right after another while consumers wait wake a consumer each, in a buffer with room for more")
    void everyItemWakesAConsumer() throws InterruptedException {
        for (int attempt = 0; attempt < ROUNDS_OF_QUICK_PUTS; attempt++) {
            var buffer = new BoundedBuffer<String>(4);
            var consumers = new ArrayList<BlockingCall<String>>();
            for (int i = 1; i <= 4; i++) {
                consumers.add(BlockingCall.call("consumer-" + i, buffer::take));
            }
            for (var consumer : consumers) {
                consumer.assertBlocks(SOON, "take() from an empty buffer");
            }
            BlockingCall.run("producer", () -> {
                for (var item : List.of("1", "2", "3", "4")) {
                    buffer.put(item);
                }
            }).awaitResult(SOON, QUIET, NOTHING_TO_WAIT_FOR);
            awaitFirstOf(consumers, """
                    A producer put four items into a buffer of capacity 4 while four consumers waited in \
                    take(), and no consumer was woken. After adding an item, put() must wake the threads \
                    waiting for one.""");
            for (var consumer : consumers) {
                consumer.awaitResult(SOON, QUIET, """
                        A producer put four items, one right after another, into a buffer of capacity 4 while \
                        four consumers waited in take(). Some consumers got an item; this one is still \
                        waiting, with items left in the buffer.
                        Why: every item must wake a consumer, not only an item put into an empty buffer. A \
                        put() that came before the consumer woken by the one before had taken anything found \
                        the buffer not empty, and woke nobody.""");
            }
            assertThat(consumers.stream().map(BoundedBufferTest::itemOf).sorted().toList())
                    .as("what the four consumers returned").containsExactly("1", "2", "3", "4");
        }
    }

    @Test
    @DisplayName("two buffers side by side: an item put into one wakes that buffer's consumer")
    void twoBuffersDoNotShareTheirWaiters() throws InterruptedException {
        var left = new BoundedBuffer<String>(1);
        var right = new BoundedBuffer<String>(1);
        var rightConsumer = BlockingCall.call("right-consumer", right::take);
        rightConsumer.assertBlocks(SOON, "take() from the empty right buffer");
        var leftConsumer = BlockingCall.call("left-consumer", left::take);
        leftConsumer.assertBlocks(SOON, "take() from the empty left buffer");
        put(left, "left item");
        assertThat(leftConsumer.awaitResult(SOON, QUIET, """
                put() into the left buffer did not wake the consumer waiting on it, while another consumer \
                waited on a second buffer.
                Why: two buffers must not share anything. A lock, a condition or a deque in a static field \
                belongs to all buffers at once: a wake-up meant for one buffer reaches a consumer of \
                another, and an item put into one can come out of the other."""))
                .as("what the left consumer returned").isEqualTo("left item");
        assertThat(rightConsumer.isDone()).as("the right consumer returned, though nothing was put into its buffer: "
                + (rightConsumer.isDone() ? outcome(rightConsumer) : "")).isFalse();
        put(right, "right item");
        assertThat(rightConsumer.awaitResult(SOON, QUIET, "put() into the right buffer did not wake its consumer."))
                .as("what the right consumer returned").isEqualTo("right item");
    }

    @Test
    @DisplayName("take() waiting on an empty buffer, interrupted, throws InterruptedException and takes nothing")
    void anInterruptedTakeThrows() throws InterruptedException {
        var buffer = new BoundedBuffer<String>(1);
        var taker = BlockingCall.call("consumer", buffer::take);
        taker.assertBlocks(SOON, "take() from an empty buffer");
        taker.interrupt();
        taker.assertThrowsInterruptedException(SOON, QUIET, "take() waiting on an empty buffer");
        put(buffer, "item");
        assertThat(take(buffer)).as("take() after the interrupted take(): the item must still be there").isEqualTo("item");

        var interruptedBefore = BlockingCall.callInterrupted("consumer", buffer::take);
        interruptedBefore.assertThrowsInterruptedException(SOON, QUIET,
                "take() from an empty buffer, called with the thread's interrupt flag already set,");
    }

    @Test
    @DisplayName("put() waiting on a full buffer, interrupted, throws InterruptedException and adds nothing")
    void anInterruptedPutThrows() throws InterruptedException {
        var buffer = new BoundedBuffer<String>(1);
        put(buffer, "first");
        var producer = BlockingCall.run("producer", () -> buffer.put("refused"));
        producer.assertBlocks(SOON, "put(\"refused\") into a full buffer of capacity 1");
        producer.interrupt();
        producer.assertThrowsInterruptedException(SOON, QUIET, "put(\"refused\") waiting on a full buffer");
        assertThat(take(buffer)).as("take() after the interrupted put()").isEqualTo("first");
        var next = BlockingCall.call("consumer", buffer::take);
        next.assertBlocks(SOON, "take() from the buffer: the interrupted put(\"refused\") must not have added its item,"
                + " so it is empty");
        put(buffer, "later");
        assertThat(next.awaitResult(SOON, QUIET, "put() brought an item, but the waiting take() was not woken."))
                .as("what the waiting take() returned").isEqualTo("later");
    }

    private static final String BEHIND_ANOTHER_WAITER = """
            Why: a thread queued behind another waiting caller must be as interruptible as the first \
            one. A thread that waits to enter a synchronized method or block ignores interrupts, so a \
            monitor that stays held while its holder waits (a synchronized method around await() or \
            acquire(), which let go of their own lock but not of the monitor) leaves every later \
            caller deaf to an interrupt. Wait only in wait(), await() or acquire(), holding nothing \
            else.""";

    @Test
    @DisplayName("of two producers waiting on a full buffer, an interrupt ends the one interrupted, and the other still gets in")
    void anInterruptReachesAProducerQueuedBehindAnother() throws InterruptedException {
        var buffer = new BoundedBuffer<String>(1);
        put(buffer, "first");
        var waitingLonger = BlockingCall.run("producer-1", () -> buffer.put("second"));
        waitingLonger.assertBlocks(SOON, "put(\"second\") into a full buffer of capacity 1");
        var interrupted = BlockingCall.run("producer-2", () -> buffer.put("refused"));
        interrupted.assertBlocks(SOON, "put(\"refused\") into a full buffer, while another put() waits too,");
        interrupted.interrupt();
        assertThrowsExplained(interrupted, "put(\"refused\"), waiting on a full buffer behind another waiting put(),");
        assertThat(take(buffer)).as("take() from the full buffer").isEqualTo("first");
        waitingLonger.awaitResult(SOON, QUIET, "take() made room, but the producer still waiting in put() was not woken.");
        assertThat(take(buffer)).as("take() after the waiting put(\"second\"): the interrupted put() added nothing")
                .isEqualTo("second");
    }

    @Test
    @DisplayName("of two consumers waiting on an empty buffer, an interrupt ends the one interrupted, and the other still gets the item")
    void anInterruptReachesAConsumerQueuedBehindAnother() throws InterruptedException {
        var buffer = new BoundedBuffer<String>(1);
        var waitingLonger = BlockingCall.call("consumer-1", buffer::take);
        waitingLonger.assertBlocks(SOON, "take() from an empty buffer");
        var interrupted = BlockingCall.call("consumer-2", buffer::take);
        interrupted.assertBlocks(SOON, "take() from an empty buffer, while another take() waits too,");
        interrupted.interrupt();
        assertThrowsExplained(interrupted, "take(), waiting on an empty buffer behind another waiting take(),");
        put(buffer, "item");
        assertThat(waitingLonger.awaitResult(SOON, QUIET, "put() brought an item, but the consumer still waiting was not woken."))
                .as("what the consumer that waited on returned").isEqualTo("item");
    }

    private static void assertThrowsExplained(BlockingCall<?> interrupted, String what) throws InterruptedException {
        try {
            interrupted.assertThrowsInterruptedException(SOON, QUIET, what);
        } catch (AssertionError failed) {
            if (interrupted.thread().getState() != Thread.State.BLOCKED) {
                throw failed;
            }
            throw new AssertionError("""
                    %s was interrupted, and it is still waiting to enter a monitor (BLOCKED).
                    %s""".formatted(what, BEHIND_ANOTHER_WAITER), failed);
        }
    }

    @Test
    @DisplayName("put() and take() that find the buffer's lock taken wait for it, then do their work")
    void callsThatMeetATakenLockWaitForIt() throws InterruptedException {
        var buffer = new BoundedBuffer<String>(2);
        put(buffer, "a");
        BlockingCall<Void> producer;
        BlockingCall<String> consumer;
        try (var held = HeldLocks.of(buffer, QUIET)) {
            producer = BlockingCall.run("producer", () -> buffer.put("b"));
            consumer = BlockingCall.call("consumer", buffer::take);
            for (var call : List.of(producer, consumer)) {
                ThreadWatch.pollUntil(SOON, () -> call.isDone() || isParked(call.thread()));
                if (call.isDone()) {
                    assertDidNotFail(call);
                }
            }
        }
        assertThat(consumer.awaitResult(SOON, QUIET, "the buffer's lock was let go, but take() did not go on."))
                .as("what take() returned from a buffer holding a").isEqualTo("a");
        producer.awaitResult(SOON, QUIET, "the buffer's lock was let go, but put(\"b\") did not go on.");
        assertThat(take(buffer)).as("take() after put(\"b\")").isEqualTo("b");
    }

    private static void assertDidNotFail(BlockingCall<?> call) {
        try {
            call.result();
        } catch (AssertionError threw) {
            throw new AssertionError("""
                    "%s" called while another thread held the buffer's lock: %s
                    Why: a lock that is taken must be waited for. tryLock() returns false at once when \
                    another thread holds the lock, and a caller that ignores that result goes on without \
                    it: it changes the buffer unguarded, and await(), signal() and unlock() then throw \
                    IllegalMonitorStateException. Use lock() or lockInterruptibly().""".formatted(
                    call.thread().getName(), threw.getMessage().lines().findFirst().orElse("it threw")), threw);
        }
    }

    private static boolean isParked(Thread thread) {
        var state = thread.getState();
        return state == Thread.State.BLOCKED || state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING;
    }

    @Test
    @DisplayName("a producer woken for a free slot that another producer got first waits again")
    void aProducerWokenForRoomThatAnotherGotFirstWaitsAgain() throws InterruptedException {
        var buffer = new BoundedBuffer<String>(1);
        put(buffer, "first");
        var woken = BlockingCall.run("producer-1", () -> buffer.put("second"));
        woken.assertBlocks(SOON, "put(\"second\") into a full buffer of capacity 1");
        BlockingCall<String> consumer;
        BlockingCall<Void> later;
        // With the lock held, the consumer queues for it first and the second producer after it:
        // the producer the consumer wakes finds the second producer ahead of it in the queue.
        try (var held = HeldLocks.of(buffer, QUIET)) {
            consumer = BlockingCall.call("consumer", buffer::take);
            ThreadWatch.pollUntil(SOON, () -> consumer.isDone() || isParked(consumer.thread()));
            later = BlockingCall.run("producer-2", () -> buffer.put("third"));
            ThreadWatch.pollUntil(SOON, () -> later.isDone() || isParked(later.thread()));
        }
        assertThat(consumer.awaitResult(SOON, QUIET, "the buffer's lock was let go, but take() did not go on."))
                .as("take() from the full buffer").isEqualTo("first");
        var producers = List.of(woken, later);
        var first = awaitFirstOf(producers, """
                take() made room while two producers wanted in, and neither put() returned. After \
                removing an item, take() must wake the threads waiting for room.""");
        var other = producers.get(1 - producers.indexOf(first));
        ThreadWatch.pollUntil(SETTLING, () -> other.isDone() || ThreadWatch.staysWaitingIn(other.thread(), BoundedBuffer.class, QUIET));
        if (other.isDone()) {
            throw new AssertionError("""
                    A producer waited in put() on a full buffer of capacity 1; take() made room for one \
                    item and woke it, but a second producer got the lock first and filled the slot. Both \
                    put() calls returned, so the buffer held 2 items: more than its capacity.
                    %s""".formatted(WOKEN_WITHOUT_ROOM));
        }
        var firstItem = take(buffer);
        assertThat(firstItem).as("take() after one producer went through").isIn("second", "third");
        other.awaitResult(SOON, QUIET, "take() made room again, but the producer still waiting was not woken.");
        assertThat(take(buffer)).as("take() after the other producer went through")
                .isEqualTo(firstItem.equals("second") ? "third" : "second");
    }

    private static String outcome(BlockingCall<?> call) {
        try {
            var result = call.result();
            return "it returned " + (result instanceof String text ? "\"" + text + "\"" : String.valueOf(result));
        } catch (AssertionError threw) {
            return threw.getMessage().lines().findFirst().orElse("it threw");
        }
    }

    @Test
    @DisplayName("2 producers and 2 consumers hand 20,000 items through one slot, each exactly once and in order")
    void producersAndConsumersHandOverEveryItem() throws InterruptedException {
        var buffer = new BoundedBuffer<Handoff.Item>(1);
        Handoff.through("a BoundedBuffer of capacity 1", buffer::put, () -> takeExplained(buffer))
                .producers(2)
                .consumers(2)
                .itemsPerProducer(10_000)
                .stuckAfter(Duration.ofMillis(300))
                .minimumPace(MINIMUM_PACE)
                .whyStuck("""
                        Why: every thread waits for a wake-up that is not coming. With wait() and notify(), \
                        producers and consumers wait in one wait set, and notify() wakes just one of them, \
                        maybe a thread of the same side: it finds nothing to do and waits again, and the \
                        wake-up the other side needed is gone. Wake them all with notifyAll() (or give each \
                        side its own Condition and signal the one whose waiters can now go on).""")
                .run();
    }

    @Test
    @DisplayName("2 producers and 2 consumers hand 4,000 items through 8 places, each exactly once and in order")
    void producersAndConsumersShareARoomyBuffer() throws InterruptedException {
        // With room for several items, puts and takes run at the same time: any change to the items
        // made outside the lock meets another one and loses or repeats an item within a few hundred.
        var buffer = new BoundedBuffer<Handoff.Item>(8);
        Handoff.through("a BoundedBuffer of capacity 8", buffer::put, () -> takeExplained(buffer))
                .producers(2)
                .consumers(2)
                .itemsPerProducer(2_000)
                .stuckAfter(Duration.ofMillis(300))
                .minimumPace(MINIMUM_PACE)
                .whyStuck("""
                        Why: every thread waits for a wake-up that is not coming. After each put() and \
                        take(), wake the threads that wait for the other side (notifyAll(), or signal the \
                        condition they wait on).""")
                .run();
    }

    private static Handoff.Item takeExplained(BoundedBuffer<Handoff.Item> buffer) throws InterruptedException {
        Handoff.Item item;
        try {
            item = buffer.take();
        } catch (NoSuchElementException | IndexOutOfBoundsException takenFromEmpty) {
            throw new AssertionError("take() threw %s: it went on to remove an item from an empty buffer.\n%s"
                    .formatted(takenFromEmpty, WOKEN_WITHOUT_AN_ITEM), takenFromEmpty);
        }
        if (item == null) {
            throw new AssertionError("""
                    take() returned null: it went on without an item. take() must wait while the buffer is \
                    empty, and return an item only when there is one.
                    %s""".formatted(WOKEN_WITHOUT_AN_ITEM));
        }
        return item;
    }

    /**
     * What {@code ./workbook explain} runs: a buffer of one place, one producer putting 1 then 2,
     * two consumers taking one item each.
     */
    static final class ExplainScenario implements Runnable {
        @Override
        public void run() {
            var buffer = new BoundedBuffer<Integer>(1);
            Integer[] taken = new Integer[2];
            ScenarioThreads.runTogether(() -> {
                buffer.put(1);
                buffer.put(2);
            }, () -> taken[0] = buffer.take(), () -> taken[1] = buffer.take());
            if (taken[0] == null || taken[1] == null || taken[0] + taken[1] != 3 || taken[0].equals(taken[1])) {
                throw new AssertionError("1 and 2 were put, but the two consumers took " + taken[0] + " and " + taken[1]);
            }
        }
    }

    /**
     * What {@code ./workbook explain} runs on real threads once no interleaving broke the buffer
     * (Lincheck wakes every waiter on notify(), so it cannot show a wake-up going to the wrong
     * thread): two producers and two consumers hand 20,000 items through a buffer of one place.
     * With notify() instead of notifyAll() they stall within a few items; correct code never does.
     */
    static final class WakeUpScenario implements Runnable {
        private static final int ITEMS_EACH = 10_000;

        @Override
        public String toString() {
            return "2 producers and 2 consumers hand 20,000 items through a buffer of one place";
        }

        @Override
        public void run() {
            var buffer = new BoundedBuffer<Integer>(1);
            ScenarioThreads.Body producer = () -> {
                for (int i = 0; i < ITEMS_EACH; i++) {
                    buffer.put(i);
                }
            };
            ScenarioThreads.Body consumer = () -> {
                for (int i = 0; i < ITEMS_EACH; i++) {
                    buffer.take();
                }
            };
            ScenarioThreads.runTogether(ScenarioThreads.named("producer-1", producer), ScenarioThreads.named("producer-2", producer),
                    ScenarioThreads.named("consumer-1", consumer), ScenarioThreads.named("consumer-2", consumer));
        }
    }
}
