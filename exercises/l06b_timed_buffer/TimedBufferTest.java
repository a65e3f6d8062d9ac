package l06b_timed_buffer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import workbook.testkit.BlockingCall;
import workbook.testkit.Durations;
import workbook.testkit.Handoff;
import workbook.testkit.HeldLocks;
import workbook.testkit.ThreadWatch;
import workbook.testkit.Workers;
import workbook.testkit.preemption.Preemption;

/**
 * Judges the buffer by what callers see and how long each call takes, whatever it waits with: the
 * stub's lock and conditions, a private monitor with timed waits, semaphores with tryAcquire.
 */
class TimedBufferTest {

    /** The deadline of a call that should end: long enough for any busy machine, far shorter than a hang. */
    private static final Duration SOON = Duration.ofSeconds(2);
    /**
     * How long a thread may sleep on in one wait, never woken, after the test did what it waits
     * for, before the test calls it stuck. A woken thread runs within milliseconds, even with
     * both cores busy.
     */
    private static final Duration QUIET = Duration.ofMillis(100);
    /** The timeout of a call that should give up: long enough to tell waiting from not waiting. */
    private static final Duration SHORT_TIMEOUT = Duration.ofMillis(50);
    /** How late past its timeout a call that gives up may return, on a busy machine. */
    private static final Duration LATE = Duration.ofMillis(200);
    /** How long a call that has nothing to wait for, or well under a millisecond to wait, may take on a busy machine. */
    private static final Duration AT_ONCE = Duration.ofMillis(500);
    /**
     * The timeout of the poll() that the test wakes early, again and again, until this much before
     * it runs out. A poll() that starts its wait over after each wake-up then ends at least the
     * whole timeout after the last wake-up, far past {@link #LATE}.
     */
    private static final Duration WOKEN_EARLY_TIMEOUT = Duration.ofMillis(300);
    private static final Duration LAST_WAKE_UP_BEFORE_THE_END = Duration.ofMillis(10);
    /** The timeout of a call that should succeed long before it runs out. */
    private static final Duration LONG_TIMEOUT = Duration.ofSeconds(10);
    /**
     * How many times to try to wake a waiting poll() early with an item that another consumer takes
     * first. That consumer spins on poll(0), and usually gets the lock before the woken thread can
     * take it back; behind a fair lock it never does, and the test then only checks what the call
     * returned.
     */
    private static final int ATTEMPTS_TO_STEAL = 3;
    /**
     * Items each of the handoff's 2 producers puts. Measured here (2 cores, load average about 2, 3
     * runs each): a single signal() for both sides stalled within the first 2 items, signalling the
     * wrong condition at once, and a consumer that went on after its wait without checking again
     * failed within the first 298; 4,000 in all is more than ten times that.
     */
    private static final int ITEMS_PER_PRODUCER = 2_000;
    /** A timeout shorter than a millisecond: Duration.toMillis() makes it 0. */
    private static final Duration UNDER_A_MILLISECOND = Duration.ofNanos(600_000);

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
            return took.compareTo(Duration.ofMillis(1)) < 0 ? took.toNanos() / 1_000 + " µs" : Durations.readable(took);
        }
    }

    private static <T> boolean offerNow(TimedBuffer<T> buffer, T item) throws InterruptedException {
        return BlockingCall.call("producer", () -> buffer.offer(item, Duration.ZERO)).awaitResult(SOON, QUIET, NOTHING_TO_WAIT_FOR);
    }

    private static <T> Optional<T> pollNow(TimedBuffer<T> buffer) throws InterruptedException {
        return BlockingCall.call("consumer", () -> buffer.poll(Duration.ZERO)).awaitResult(SOON, QUIET, NOTHING_TO_WAIT_FOR);
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
    @DisplayName("two offers for the last free slot: at most one goes in, wherever the first is stopped")
    void twoOffersForTheLastFreeSlotNeverBothGoIn() throws Exception {
        try (var preemption = Preemption.instrument()) {
            preemption.atEveryPoint(200, point -> {
                var buffer = new TimedBuffer<String>(2);
                BlockingCall.call("producer", () -> buffer.offer("old", Duration.ZERO)).awaitResult(SOON, QUIET, NOTHING_TO_WAIT_FOR);
                var firstIn = new AtomicBoolean();
                var first = preemption.start("first producer", point, () -> firstIn.set(buffer.offer("first", Duration.ZERO)));
                boolean stopped = first.awaitStopped(SOON);
                var second = BlockingCall.call("second producer", () -> buffer.offer("second", Duration.ZERO));
                second.awaitSettled(SOON);
                first.resume();
                first.call().awaitResult(SOON, QUIET, NOTHING_TO_WAIT_FOR);
                boolean secondIn = second.awaitResult(SOON, QUIET, NOTHING_TO_WAIT_FOR);
                assertThat(firstIn.get() && secondIn).as("""
                        The first producer's offer() was held at its preemption point %d (a lock, condition or \
                        queue call, or a synchronized block, entered or left) while a second offer() ran whole. \
                        Both returned true, into a buffer of capacity 2 that had one free slot: it now holds \
                        three items. Check for room and add in the same hold of the lock.""".formatted(point)).isFalse();
                return stopped;
            });
        }
    }

    @Test
    @DisplayName("a zero or negative timeout gives up at once: offer() into a full buffer, poll() from an empty one")
    void aZeroOrNegativeTimeoutDoesNotWait() throws InterruptedException {
        var buffer = new TimedBuffer<String>(1);
        assertThat(offerNow(buffer, "first")).as("offer(first, 0) into an empty buffer of capacity 1").isTrue();
        for (var timeout : new Duration[] {Duration.ZERO, Duration.ofMillis(-5)}) {
            var offer = BlockingCall.call("producer", () -> buffer.offer("refused", timeout)).awaitResult(AT_ONCE, QUIET, """
                    offer() into a full buffer with a timeout of %s must give up at once: no time is left to \
                    wait. Give up when the time left is zero or less (awaitNanos returns less than zero more \
                    often than exactly 0), before waiting again; and wait(0) waits for ever, not for no time.""".formatted(Durations.readable(timeout)));
            assertThat(offer).as("what offer(refused, %s) into a full buffer returned", Durations.readable(timeout)).isFalse();
        }
        assertThat(pollNow(buffer)).as("poll(0) from the full buffer").contains("first");
        for (var timeout : new Duration[] {Duration.ZERO, Duration.ofMillis(-5)}) {
            var poll = BlockingCall.call("consumer", () -> buffer.poll(timeout)).awaitResult(AT_ONCE, QUIET, """
                    poll() from an empty buffer with a timeout of %s must give up at once: no time is left \
                    to wait. Give up when the time left is zero or less (awaitNanos returns less than zero \
                    more often than exactly 0), before waiting again; and wait(0) waits for ever, not for no time.""".formatted(Durations.readable(timeout)));
            assertThat(poll).as("what poll(%s) from an empty buffer returned (the refused item must not be there)",
                    Durations.readable(timeout)).isEmpty();
        }
    }

    @Test
    @DisplayName("a timeout under a millisecond is waited out, neither skipped nor waited for ever")
    void aTimeoutUnderAMillisecondIsWaitedOut() throws InterruptedException {
        var buffer = new TimedBuffer<String>(1);
        for (int call = 0; call < 3; call++) {
            var poll = BlockingCall.call("consumer", Timed.of(() -> buffer.poll(UNDER_A_MILLISECOND))).awaitResult(AT_ONCE, QUIET, """
                    poll(0.6 ms) from an empty buffer did not give up. Either a timeout under a millisecond \
                    became wait(0), which waits for ever (Duration.toMillis() and NANOSECONDS.toMillis() round \
                    0.6 ms down to 0: keep the time in nanoseconds, with awaitNanos or TimeUnit.timedWait), or \
                    the time left is never counted down, so each wait starts over (keep what awaitNanos \
                    returns, and give up when it is zero or less).""");
            assertThat(poll.value()).as("what poll(0.6 ms) from an empty buffer returned").isEmpty();
            if (poll.took().compareTo(UNDER_A_MILLISECOND) < 0) {
                throw new AssertionError("""
                        poll(0.6 ms) from an empty buffer gave up after %s, before its timeout had passed.
                        Why: Duration.toMillis() of 0.6 ms is 0, so a timeout turned into milliseconds is no \
                        timeout at all. Turn the Duration into nanoseconds (TimeUnit.NANOSECONDS.convert(timeout)) \
                        and wait with awaitNanos.""".formatted(poll.tookReadably()));
            }
        }
    }

    @Test
    @DisplayName("offer() into a full buffer waits out its timeout, then returns false and adds nothing")
    void offerGivesUpWhenTheBufferStaysFull() throws InterruptedException {
        var buffer = new TimedBuffer<String>(1);
        assertThat(offerNow(buffer, "first")).as("offer(first, 0) into an empty buffer of capacity 1").isTrue();
        var offer = BlockingCall.call("producer", Timed.of(() -> buffer.offer("second", SHORT_TIMEOUT)))
                .awaitResult(SHORT_TIMEOUT.plus(LATE), """
                        offer("second", 50 ms) into a full buffer must give up once 50 ms have passed in all. \
                        Keep the time that is left: awaitNanos() returns it; give up as soon as it is zero or \
                        less (awaitNanos usually returns less than zero, not exactly 0).""");
        if (offer.value()) {
            throw new AssertionError("""
                    offer("second", 50 ms) into a full buffer of capacity 1 returned true after %s. The buffer \
                    was full the whole time, so it had to wait and then return false, adding nothing."""
                    .formatted(offer.tookReadably()));
        }
        if (offer.took().compareTo(SHORT_TIMEOUT) < 0) {
            throw new AssertionError("""
                    offer("second", 50 ms) into a full buffer returned false after only %s. It must wait \
                    for room for the whole 50 ms before it gives up (a loop that waits for the time left)."""
                    .formatted(offer.tookReadably()));
        }
        assertThat(pollNow(buffer)).as("poll(0) after the refused offer").contains("first");
        assertThat(pollNow(buffer)).as("poll(0) again: the refused item must not be in the buffer").isEmpty();
    }

    @Test
    @DisplayName("poll() woken early again and again with nothing for it still gives up when its one timeout has passed")
    void pollGivesUpWhenItsWholeTimeoutHasPassed() throws InterruptedException {
        for (int attempt = 1; ; attempt++) {
            var buffer = new TimedBuffer<String>(1);
            long start = System.nanoTime();
            var poll = BlockingCall.call("consumer", Timed.of(() -> buffer.poll(WOKEN_EARLY_TIMEOUT)));
            poll.assertBlocks(SOON, "poll(300 ms) from an empty buffer");
            var stolen = new AtomicInteger();
            var stop = new AtomicBoolean();
            var thief = Workers.start("thief", 1, index -> {
                while (!stop.get()) {
                    if (buffer.poll(Duration.ZERO).isPresent()) {
                        stolen.incrementAndGet();
                    }
                }
            });
            int earlyWakeUps = 0;
            boolean itGotADecoy = false;
            while (!poll.isDone() && System.nanoTime() - start < WOKEN_EARLY_TIMEOUT.minus(LAST_WAKE_UP_BEFORE_THE_END).toNanos()) {
                long waitsBefore = ThreadWatch.timesWaited(poll.thread());
                int stolenBefore = stolen.get();
                offerNow(buffer, "decoy " + earlyWakeUps);
                ThreadWatch.pollUntil(QUIET, () -> stolen.get() > stolenBefore || poll.isDone());
                if (stolen.get() == stolenBefore) {
                    itGotADecoy = true;
                    break;
                }
                earlyWakeUps++;
                ThreadWatch.pollUntil(QUIET, () -> poll.isDone() || ThreadWatch.timesWaited(poll.thread()) > waitsBefore);
            }
            stop.set(true);
            thief.awaitCompletion(SOON);
            long late = start + WOKEN_EARLY_TIMEOUT.plus(LATE).toNanos() - System.nanoTime();
            if (!poll.awaitDone(Duration.ofNanos(Math.max(late, 0)))) {
                poll.interrupt();
                throw new AssertionError("""
                        poll(300 ms) from an empty buffer is still waiting %s after it was called. Meanwhile \
                        it was woken %d times by an item that another consumer took before it could.
                        Why: the timeout is one budget for the whole call. A wait that restarts with the \
                        whole timeout after each early wake-up (or that keeps no count of the time left) \
                        never runs out while wake-ups keep coming. awaitNanos() returns the time that was \
                        left: wait only for that next time, and give up when it is zero or less."""
                        .formatted(Durations.readable(Duration.ofNanos(System.nanoTime() - start)), earlyWakeUps));
            }
            Timed<Optional<String>> result;
            try {
                result = poll.result();
            } catch (AssertionError threw) {
                throw new AssertionError("""
                        A consumer waited in poll(300 ms). offer() brought an item and woke it, but another \
                        consumer got the lock first and took the item. The woken consumer then failed: %s
                        %s""".formatted(threw.getMessage().lines().findFirst().orElse(""), WOKEN_CONSUMER_MUST_CHECK_AGAIN), threw);
            }
            if (itGotADecoy) {
                assertThat(result.value()).as("what poll(300 ms) returned after it, not the other consumer, took an item")
                        .isPresent();
                if (attempt < ATTEMPTS_TO_STEAL) {
                    continue;
                }
                return;
            }
            assertThat(result.value()).as("""
                    what poll(300 ms) returned, woken %d times by an item another consumer took first: \
                    nothing was left for it""", earlyWakeUps).isEmpty();
            if (result.value().isEmpty() && result.took().compareTo(WOKEN_EARLY_TIMEOUT) < 0) {
                throw new AssertionError("""
                        poll(300 ms) from an empty buffer returned empty after only %s, woken early %d times \
                        by an item another consumer took first. It must give up only when the whole 300 ms \
                        have passed.
                        %s""".formatted(result.tookReadably(), earlyWakeUps, WOKEN_CONSUMER_MUST_CHECK_AGAIN));
            }
            return;
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
        boolean added = second.awaitResult(SOON, QUIET, """
                poll() made room, but the producer waiting in offer() was not woken. After removing an item, \
                poll() must wake the producers waiting for room: signal the condition they wait in (notFull).""");
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
        var taken = poll.awaitResult(SOON, QUIET, """
                offer() brought an item, but the consumer waiting in poll() was not woken. After adding an \
                item, offer() must wake the consumers waiting for one: signal the condition they wait in \
                (notEmpty).""");
        assertThat(taken).as("what the waiting poll(10 s) returned").contains("item");
    }

    @Test
    @DisplayName("poll() waiting on an empty buffer, interrupted, throws InterruptedException and leaves the lock free")
    void anInterruptedPollThrows() throws InterruptedException {
        var buffer = new TimedBuffer<String>(1);
        var poll = BlockingCall.call("consumer", () -> buffer.poll(LONG_TIMEOUT));
        poll.assertBlocks(SOON, "poll(10 s) from an empty buffer");
        poll.interrupt();
        poll.assertThrowsInterruptedException(SOON, QUIET, "poll(10 s) waiting on an empty buffer");
        assertThat(offerNow(buffer, "item")).as("offer(item, 0) after the interrupted poll()").isTrue();
        assertThat(pollNow(buffer)).as("poll(0) after the interrupted poll(): the item must be there").contains("item");

        var interruptedBefore = BlockingCall.callInterrupted("consumer", () -> buffer.poll(LONG_TIMEOUT));
        interruptedBefore.assertThrowsInterruptedException(SOON, QUIET,
                "poll(10 s) from an empty buffer, called with the thread's interrupt flag already set,");
        assertThat(offerNow(buffer, "another")).as("offer(another, 0) after the interrupted poll()").isTrue();
    }

    @Test
    @DisplayName("offer() waiting on a full buffer, interrupted, throws InterruptedException and adds nothing")
    void anInterruptedOfferThrows() throws InterruptedException {
        var buffer = new TimedBuffer<String>(1);
        assertThat(offerNow(buffer, "first")).as("offer(first, 0) into an empty buffer of capacity 1").isTrue();
        var offer = BlockingCall.call("producer", () -> buffer.offer("refused", LONG_TIMEOUT));
        offer.assertBlocks(SOON, "offer(\"refused\", 10 s) into a full buffer of capacity 1");
        offer.interrupt();
        offer.assertThrowsInterruptedException(SOON, QUIET, "offer(\"refused\", 10 s) waiting on a full buffer");
        assertThat(pollNow(buffer)).as("poll(0) after the interrupted offer()").contains("first");
        assertThat(pollNow(buffer)).as("poll(0) again: the interrupted offer must not have added its item").isEmpty();
    }

    private static final String BEHIND_ANOTHER_WAITER = """
            Why: a caller queued behind another waiting caller keeps its own timeout and its own \
            interrupt. A thread that waits to enter a synchronized method or block can neither time out \
            nor be interrupted, so a monitor that stays held while its holder waits (a synchronized method \
            around await() or tryAcquire(), which let go of their own lock but not of the monitor) makes \
            every later caller wait as long as the first. Wait only in one wait() or await(), holding \
            nothing else.""";

    @Test
    @DisplayName("of two offers waiting on a full buffer, the one with the shorter timeout gives up at its own timeout")
    void anOfferBehindAnotherKeepsItsOwnTimeout() throws InterruptedException {
        var buffer = new TimedBuffer<String>(1);
        assertThat(offerNow(buffer, "first")).as("offer(first, 0) into an empty buffer of capacity 1").isTrue();
        var patient = BlockingCall.call("producer-1", () -> buffer.offer("second", LONG_TIMEOUT));
        patient.assertBlocks(SOON, "offer(\"second\", 10 s) into a full buffer of capacity 1");
        var offer = BlockingCall.call("producer-2", Timed.of(() -> buffer.offer("third", SHORT_TIMEOUT)))
                .awaitResult(SHORT_TIMEOUT.plus(LATE), """
                        offer("third", 50 ms) into a full buffer, while offer("second", 10 s) waited too, was still \
                        inside after its 50 ms.
                        """ + BEHIND_ANOTHER_WAITER);
        assertThat(offer.value()).as("offer(\"third\", 50 ms) into a buffer that stayed full").isFalse();
        assertThat(pollNow(buffer)).as("poll(0) from the full buffer").contains("first");
        assertThat(patient.awaitResult(SOON, QUIET, "poll() made room, but the offer still waiting was not woken."))
                .as("what offer(\"second\", 10 s) returned once poll() made room").isTrue();
        assertThat(pollNow(buffer)).as("poll(0) after the waiting offer went through").contains("second");
    }

    @Test
    @DisplayName("of two polls waiting on an empty buffer, the one with the shorter timeout gives up at its own timeout")
    void aPollBehindAnotherKeepsItsOwnTimeout() throws InterruptedException {
        var buffer = new TimedBuffer<String>(1);
        var patient = BlockingCall.call("consumer-1", () -> buffer.poll(LONG_TIMEOUT));
        patient.assertBlocks(SOON, "poll(10 s) from an empty buffer");
        var poll = BlockingCall.call("consumer-2", Timed.of(() -> buffer.poll(SHORT_TIMEOUT)))
                .awaitResult(SHORT_TIMEOUT.plus(LATE), """
                        poll(50 ms) from an empty buffer, while poll(10 s) waited too, was still inside after its \
                        50 ms.
                        """ + BEHIND_ANOTHER_WAITER);
        assertThat(poll.value()).as("poll(50 ms) from a buffer that stayed empty").isEmpty();
        assertThat(offerNow(buffer, "item")).as("offer(item, 0) into the empty buffer").isTrue();
        assertThat(patient.awaitResult(SOON, QUIET, "offer() brought an item, but the poll still waiting was not woken."))
                .as("what poll(10 s) returned once offer() brought an item").contains("item");
    }

    @Test
    @DisplayName("offer() and poll() that find the buffer's lock taken wait for it, then do their work")
    void callsThatMeetATakenLockWaitForIt() throws InterruptedException {
        var buffer = new TimedBuffer<String>(2);
        assertThat(offerNow(buffer, "a")).as("offer(a, 0) into an empty buffer of capacity 2").isTrue();
        BlockingCall<Boolean> producer;
        BlockingCall<Optional<String>> consumer;
        try (var held = HeldLocks.of(buffer, QUIET)) {
            producer = BlockingCall.call("producer", () -> buffer.offer("b", LONG_TIMEOUT));
            consumer = BlockingCall.call("consumer", () -> buffer.poll(LONG_TIMEOUT));
            for (var call : List.of(producer, consumer)) {
                ThreadWatch.pollUntil(SOON, () -> call.isDone() || isParked(call.thread()));
                if (call.isDone()) {
                    assertDidNotFail(call);
                }
            }
        }
        assertThat(consumer.awaitResult(SOON, QUIET, "the buffer's lock was let go, but poll() did not go on."))
                .as("what poll(10 s) returned from a buffer holding a").contains("a");
        assertThat(producer.awaitResult(SOON, QUIET, "the buffer's lock was let go, but offer(\"b\") did not go on."))
                .as("what offer(\"b\", 10 s) into a buffer with room returned").isTrue();
        assertThat(pollNow(buffer)).as("poll(0) after offer(\"b\")").contains("b");
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
                    IllegalMonitorStateException. Use lockInterruptibly() (or lock()).""".formatted(
                    call.thread().getName(), threw.getMessage().lines().findFirst().orElse("it threw")), threw);
        }
    }

    private static boolean isParked(Thread thread) {
        var state = thread.getState();
        return state == Thread.State.BLOCKED || state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING;
    }

    @Test
    @DisplayName("2 producers and 2 consumers hand 4,000 items through one slot, each exactly once and in order")
    void producersAndConsumersHandOverEveryItem() throws InterruptedException {
        var buffer = new TimedBuffer<Handoff.Item>(1);
        Handoff.through("a TimedBuffer of capacity 1", item -> offerOrFail(buffer, item), () -> pollOrFail(buffer))
                .producers(2)
                .consumers(2)
                .itemsPerProducer(ITEMS_PER_PRODUCER)
                .stuckAfter(Duration.ofMillis(300))
                .minimumPace(2_000)
                .whyStuck("""
                        Why: a thread waits for a signal that went elsewhere. Producers wait for room and \
                        consumers for an item, and each change must wake a thread that can now go on: an added \
                        item a consumer, a removed one a producer. With one condition for both sides, signal() \
                        may wake a thread of the same side, which waits again, and the wake-up the other side \
                        needed is lost; signal the right one of two conditions (notFull, notEmpty), or wake \
                        all waiters.""")
                .run();
    }

    private static void offerOrFail(TimedBuffer<Handoff.Item> buffer, Handoff.Item item) throws Exception {
        var offer = Timed.of(() -> buffer.offer(item, LONG_TIMEOUT)).call();
        if (!offer.value()) {
            throw new AssertionError("""
                    offer(%s, 10 s) returned false after %s, while consumers were taking items all along. \
                    A waiting producer gives up only when its whole timeout has passed: one that does not \
                    wait at all, or gives up when a wake-up finds the buffer still full, returns too soon."""
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
                poll(10 s) returned empty after %s, while producers were offering items all along: a consumer \
                gives up only when its whole timeout has passed. One that does not wait at all, or gives up \
                when a wake-up finds the buffer empty, returns too soon.
                %s""".formatted(poll.tookReadably(), WOKEN_CONSUMER_MUST_CHECK_AGAIN)));
    }
}
