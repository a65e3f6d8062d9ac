package workbook.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import workbook.testkit.Handoff.Item;

/** Proves that {@link Handoff} passes a correct channel and catches each way a channel goes wrong. */
class HandoffTest {

    @Test
    @DisplayName("an ArrayBlockingQueue of one slot hands over every item, in order")
    void correctChannelPasses() throws InterruptedException {
        var queue = new ArrayBlockingQueue<Item>(1);
        var took = Handoff.through("ArrayBlockingQueue(1)", queue::put, queue::take).run();
        assertThat(took).isLessThan(Duration.ofSeconds(5));
        assertThat(queue).isEmpty();
    }

    @Test
    @DisplayName("a handoff whose consumers stop being woken is reported stuck, with the test's explanation")
    void stallIsCaughtSoon() {
        var queue = new ArrayBlockingQueue<Item>(1);
        var taken = new AtomicInteger();
        var wakeUpThatNeverComes = new CountDownLatch(1);
        Handoff.Take takeThatStopsAfter100 = () -> {
            if (taken.incrementAndGet() > 100) {
                wakeUpThatNeverComes.await();
            }
            return queue.take();
        };
        long start = System.nanoTime();
        assertThatThrownBy(() -> Handoff.through("a forgetful queue", queue::put, takeThatStopsAfter100)
                .stuckAfter(Duration.ofMillis(500))
                .whyStuck("Why: the consumers wait for a wake-up that never comes.")
                .run())
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Stuck: no item went into or came out of a forgetful queue for 500 ms")
                .hasMessageContaining("Why: the consumers wait for a wake-up that never comes.")
                .hasMessageContaining("\"consumer-0\" is WAITING")
                .hasMessageContaining("\"consumer-1\" is WAITING");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
    }

    @Test
    @DisplayName("a take() that returns null instead of waiting fails at once")
    void nullItemFails() {
        var queue = new ArrayBlockingQueue<Item>(1);
        assertThatThrownBy(() -> Handoff.through("a polled queue", queue::put, queue::poll).run())
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("was handed null instead of an item");
    }

    @Test
    @DisplayName("an item handed out twice fails, naming both consumers")
    void duplicateItemFails() {
        var queue = new ArrayBlockingQueue<Item>(1);
        var takes = new AtomicInteger();
        var last = new Item[1];
        Handoff.Take takeWithAnEcho = () -> {
            synchronized (last) {
                if (takes.incrementAndGet() == 100) {
                    return last[0];
                }
                last[0] = queue.take();
                return last[0];
            }
        };
        assertThatThrownBy(() -> Handoff.through("an echoing queue", queue::put, takeWithAnEcho).consumers(1).run())
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("which consumer-0 had already taken");
    }

    @Test
    @DisplayName("items taken in another order than they were put fail")
    void reorderedItemsFail() {
        var queue = new ArrayBlockingQueue<Item>(2);
        var held = new Item[1];
        Handoff.Take takeSecondFirst = () -> {
            if (held[0] != null) {
                var item = held[0];
                held[0] = null;
                return item;
            }
            var first = queue.take();
            if (first.number() == 0) {
                held[0] = first;
                return queue.take();
            }
            return first;
        };
        assertThatThrownBy(() -> Handoff.through("a swapping queue", queue::put, takeSecondFirst)
                .producers(1).consumers(1).run())
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("took item 0 of producer-0 after item 1 of the same producer");
    }

    @Test
    @DisplayName("an exception from take() fails, naming the thread and the exception")
    void exceptionFails() {
        var queue = new ArrayBlockingQueue<Item>(1);
        Handoff.Take broken = () -> {
            throw new IllegalStateException("no items today");
        };
        assertThatThrownBy(() -> Handoff.through("a broken queue", queue::put, broken).run())
                .isInstanceOf(AssertionError.class)
                .hasMessageMatching("(?s)consumer-\\d threw java.lang.IllegalStateException: no items today while taking an item.*");
    }

    @Test
    @DisplayName("a handoff that moves but too slowly fails at its deadline")
    void slowHandoffFails() {
        var queue = new ArrayBlockingQueue<Item>(1);
        Handoff.Put sleepyPut = item -> {
            Thread.sleep(2);
            queue.put(item);
        };
        assertThatThrownBy(() -> Handoff.through("a sleepy queue", sleepyPut, queue::take)
                .deadline(Duration.ofMillis(300)).run())
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("did not end within 300 ms");
    }

    @Test
    @DisplayName("a handoff that falls behind its minimum pace fails soon, long before its deadline")
    void handoffBehindItsPaceFailsSoon() {
        var queue = new ArrayBlockingQueue<Item>(1);
        Handoff.Put sleepyPut = item -> {
            Thread.sleep(2);
            queue.put(item);
        };
        long start = System.nanoTime();
        assertThatThrownBy(() -> Handoff.through("a sleepy queue", sleepyPut, queue::take)
                .stuckAfter(Duration.ofMillis(200)).minimumPace(5_000).run())
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("a correct one hands over at least 5,000 items a second");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    @DisplayName("a handoff that keeps its minimum pace passes")
    void handoffAtPacePasses() throws InterruptedException {
        var queue = new ArrayBlockingQueue<Item>(1);
        Handoff.through("an ArrayBlockingQueue", queue::put, queue::take).minimumPace(1_000).run();
    }
}
