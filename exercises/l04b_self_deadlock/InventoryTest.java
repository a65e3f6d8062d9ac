package l04b_self_deadlock;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import workbook.runner.explain.ScenarioThreads;
import workbook.testkit.Durations;
import workbook.testkit.GrowingMapLookup;
import workbook.testkit.RaceScenario;
import workbook.testkit.ThreadReport;
import workbook.testkit.ThreadWatch;
import workbook.testkit.Workers;

class InventoryTest {

    /** Far longer than any step here takes; only a thread that is stuck needs it. */
    private static final Duration DEADLINE = Duration.ofSeconds(2);
    /** How long a thread must sit in one wait inside Inventory to count as waiting there, not passing through. */
    private static final Duration STEADY = Duration.ofMillis(50);

    @Test
    @DisplayName("addAll() returns, with the whole delivery in stock")
    void addAllReturns() {
        var inventory = new Inventory();
        runAlone("addAll(a delivery of 3 apples and 2 pears)", () -> {
            inventory.addAll(Map.of("apple", 3, "pear", 2));
            assertThat(inventory.count("apple")).as("apples after a delivery of 3").isEqualTo(3);
            assertThat(inventory.count("pear")).as("pears after a delivery of 2").isEqualTo(2);
            assertThat(inventory.total()).as("total after a delivery of 3 apples and 2 pears").isEqualTo(5);
        });
    }

    @Test
    @DisplayName("take() returns: it takes what is in stock and refuses more")
    void takeReturns() {
        var inventory = new Inventory();
        runAlone("take(\"apple\", 2) with 3 apples in stock", () -> {
            inventory.add("apple", 3);
            assertThat(inventory.take("apple", 2)).as("take 2 of 3 apples").isTrue();
            assertThat(inventory.count("apple")).as("apples left after taking 2 of 3").isEqualTo(1);
            assertThat(inventory.take("apple", 2)).as("take 2 apples when 1 is left").isFalse();
            assertThat(inventory.count("apple")).as("apples left after a refused take").isEqualTo(1);
            assertThat(inventory.take("pear", 1)).as("take a pear when there are none").isFalse();
        });
    }

    @Test
    @DisplayName("while a delivery is half added, other threads neither see half of it nor add in between")
    void nobodySeesHalfADelivery() throws Exception {
        var inventory = new Inventory();
        var delivery = new PausingDelivery(Map.entry("apple", 1), Map.entry("pear", 1));
        var deliverer = Workers.start("deliverer", 1, i -> inventory.addAll(delivery));
        try {
            awaitPause(delivery, deliverer);

            var totalSeen = new AtomicInteger(-1);
            var reader = Workers.start("reader", 1, i -> totalSeen.set(inventory.total()));
            boolean readerWaited = finishesOrWaitsInInventory(reader);
            if (!readerWaited && totalSeen.get() != 0) {
                throw new AssertionError("""
                        Thread "deliverer-0" was in the middle of addAll({apple=1, pear=1}): the apple was in, the \
                        pear not yet. Thread "reader-0" called total() and got %d, half the delivery.
                        Why: addAll() must hold the lock from its first line to its last, so that other threads \
                        wait and see the delivery whole or not at all. Calling add() for each line without \
                        holding the lock around them all, or a lock that lets two threads in, splits it. Hold \
                        one lock that the same thread may take again (a ReentrantLock), or have addAll call a \
                        private helper that does not lock.""".formatted(totalSeen.get()));
            }

            var adderDone = new AtomicBoolean();
            var adder = Workers.start("adder", 1, i -> {
                inventory.add("plum", 1);
                adderDone.set(true);
            });
            boolean adderWaited = finishesOrWaitsInInventory(adder);
            if (readerWaited && !adderWaited) {
                throw new AssertionError("""
                        Thread "deliverer-0" held the lock in the middle of addAll({apple=1, pear=1}) (thread \
                        "reader-0" had to wait for it in total()), and yet thread "adder-0" got through \
                        add("plum", 1) without waiting.
                        Why: add() went ahead without the lock because the lock was taken, presumably "by my \
                        own thread". A Semaphore cannot tell: tryAcquire() fails, and availablePermits() is 0, \
                        whoever holds the permit. Use a lock that knows its owner (a ReentrantLock), or \
                        private helpers that run under the caller's lock.""");
            }

            delivery.resume();
            deliverer.awaitCompletion(DEADLINE);
            reader.awaitCompletion(DEADLINE);
            adder.awaitCompletion(DEADLINE);
            assertThat(totalSeen.get()).as("total() that waited for the delivery of an apple and a pear to finish")
                    .isEqualTo(readerWaited ? 2 : 0);
            assertThat(askAlone("total() after addAll() and add() returned", inventory::total))
                    .as("total after the delivery of an apple and a pear, and a plum").isEqualTo(3);
        } finally {
            delivery.resume();
        }
    }

    @Test
    @DisplayName("while a delivery is half added, take(), count() and addAll() wait for it and then work; another inventory does not wait")
    void everyCallWaitsForAHalfAddedDelivery() throws Exception {
        var inventory = new Inventory();
        var other = new Inventory();
        var delivery = new PausingDelivery(Map.entry("apple", 1), Map.entry("pear", 1));
        var deliverer = Workers.start("deliverer", 1, i -> inventory.addAll(delivery));
        try {
            awaitPause(delivery, deliverer);
            var otherCounted = new AtomicInteger(-1);
            var elsewhere = Workers.start("elsewhere", 1, i -> {
                other.add("plum", 1);
                otherCounted.set(other.count("plum"));
            });
            if (finishesOrWaitsInInventory(elsewhere)) {
                throw new AssertionError("""
                        Thread "deliverer-0" was in the middle of addAll() on one Inventory; thread "elsewhere-0" \
                        called add() and count() on another, new Inventory, and it waits.
                        Why: each inventory has its own stock and its own lock. A static lock (or Semaphore) is \
                        one for the whole class: a delivery to one inventory then stops every other.
                        %s""".formatted(ThreadReport.describe(elsewhere.threads())));
            }
            var tookPear = new AtomicBoolean();
            var taker = Workers.start("taker", 1, i -> tookPear.set(inventory.take("pear", 1)));
            mustWait(taker, "take(\"pear\", 1)");
            var applesSeen = new AtomicInteger(-1);
            var counter = Workers.start("counter", 1, i -> applesSeen.set(inventory.count("apple")));
            mustWait(counter, "count(\"apple\")");
            var secondDeliverer = Workers.start("second-deliverer", 1, i -> inventory.addAll(Map.of("plum", 2)));
            mustWait(secondDeliverer, "addAll({plum=2})");

            delivery.resume();
            deliverer.awaitCompletion(DEADLINE, Inventory.class, STEADY);
            taker.awaitCompletion(DEADLINE, Inventory.class, STEADY);
            counter.awaitCompletion(DEADLINE, Inventory.class, STEADY);
            secondDeliverer.awaitCompletion(DEADLINE, Inventory.class, STEADY);
            assertThat(otherCounted.get()).as("count(\"plum\") of the other inventory after add(\"plum\", 1)").isEqualTo(1);
            assertThat(tookPear.get()).as("take(\"pear\", 1) that waited for a delivery of an apple and a pear").isTrue();
            assertThat(applesSeen.get()).as("count(\"apple\") that waited for a delivery of an apple and a pear").isEqualTo(1);
            assertThat(askAlone("total() after all of them returned", inventory::total))
                    .as("total after delivering an apple, a pear and 2 plums, and taking the pear").isEqualTo(3);
        } finally {
            delivery.resume();
        }
    }

    /**
     * Fails when {@code call}, started while another thread is in the middle of addAll(), ends
     * instead of waiting for the lock that addAll() holds.
     */
    private static void mustWait(Workers caller, String call) {
        if (!finishesOrWaitsInInventory(caller)) {
            throw new AssertionError("""
                    Thread "deliverer-0" was in the middle of addAll({apple=1, pear=1}), holding the lock; \
                    thread "%s" called %s, and it returned without waiting for the delivery.
                    Why: every call that reads or changes the stock must take the lock and wait while another \
                    thread holds it. A lock that is taken with tryLock() or tryAcquire() and goes ahead when \
                    that fails works without the lock (and a Semaphore released by a thread that never \
                    acquired it gains a permit for good)."""
                    .formatted(caller.threads().getFirst().getName(), call));
        }
    }

    /** What the failing delivery throws when asked for its second line. */
    static final class DeliveryLost extends RuntimeException {
        DeliveryLost() {
            super("the delivery's second line was lost, on purpose");
        }
    }

    @Test
    @DisplayName("an addAll() whose delivery throws half way leaves the inventory unlocked")
    void aFailedDeliveryLeavesTheInventoryUnlocked() {
        var inventory = new Inventory();
        var delivery = new AbstractMap<String, Integer>() {
            @Override
            public Set<Map.Entry<String, Integer>> entrySet() {
                return new AbstractSet<>() {
                    @Override
                    public int size() {
                        return 2;
                    }

                    @Override
                    public Iterator<Map.Entry<String, Integer>> iterator() {
                        return new Iterator<>() {
                            private boolean first = true;

                            @Override
                            public boolean hasNext() {
                                return true;
                            }

                            @Override
                            public Map.Entry<String, Integer> next() {
                                if (!first) {
                                    throw new DeliveryLost();
                                }
                                first = false;
                                return Map.entry("apple", 1);
                            }
                        };
                    }
                };
            }
        };
        runAlone("addAll() of a delivery that throws on its second line", () -> {
            try {
                inventory.addAll(delivery);
            } catch (DeliveryLost expected) {
                // What addAll() does with the failure is not the question here; the lock afterwards is.
            }
        });
        var later = Workers.start("later", 1, i -> inventory.add("plum", 1));
        if (finishesOrWaitsInInventory(later)) {
            throw new AssertionError("""
                    addAll() was given a delivery that threw on its second line; addAll() threw too, and its \
                    thread ended. Another thread then called add("plum", 1), and it waits: the lock is still \
                    held, by a thread that will never give it back.
                    Why: give the lock back in a finally block, so that it goes back however the work ends \
                    (synchronized does that by itself).
                    %s""".formatted(ThreadReport.describe(later.threads())));
        }
    }

    @Test
    @DisplayName("a take() that has checked the stock takes before anyone else can")
    void aCheckedTakeIsNotOvertaken() throws Exception {
        var inventory = new PausingInventory();
        runAlone("add(\"apple\", 1)", () -> inventory.add("apple", 1));
        var firstTook = new AtomicBoolean();
        var first = Workers.start("first-buyer", 1, i -> {
            inventory.pauseAfterCount(Thread.currentThread());
            firstTook.set(inventory.take("apple", 1));
        });
        try {
            var firstThread = first.threads().getFirst();
            ThreadWatch.pollUntil(DEADLINE, () -> inventory.isPaused() || !firstThread.isAlive()
                    || ThreadWatch.staysWaitingIn(firstThread, Inventory.class, STEADY));
            if (!inventory.isPaused() && firstThread.isAlive() && ThreadWatch.isWaitingIn(firstThread, Inventory.class)) {
                throw selfDeadlock("take(\"apple\", 1) with 1 apple in stock", firstThread);
            }
            var secondTook = new AtomicBoolean();
            if (inventory.isPaused()) {
                var second = Workers.start("second-buyer", 1, i -> secondTook.set(inventory.take("apple", 1)));
                finishesOrWaitsInInventory(second);
                if (secondTook.get()) {
                    throw new AssertionError("""
                            There was 1 apple. Thread "first-buyer-0" called take("apple", 1); its count() said 1, \
                            and before it could take the apple, thread "second-buyer-0" called take("apple", 1) and \
                            got it. The first buyer will take an apple that is gone.
                            Why: take() let go of the lock between its check (count()) and its take. The check \
                            and the take must happen under one hold of the lock; moving count() out of the lock to \
                            stop the self-deadlock splits them (check-then-act, lesson 02).""");
                }
                inventory.resume();
                second.awaitCompletion(DEADLINE);
            }
            first.awaitCompletion(DEADLINE);
            assertThat(firstTook).as("the first buyer's take(\"apple\", 1) of the only apple").isTrue();
            assertThat(secondTook).as("the second buyer's take(\"apple\", 1) after the only apple was taken").isFalse();
            assertThat(askAlone("count(\"apple\") after both take() calls returned", () -> inventory.count("apple")))
                    .as("apples left").isZero();
        } finally {
            inventory.resume();
        }
    }

    @Test
    @DisplayName("two inventories side by side keep their own stock")
    void twoInventoriesKeepTheirOwnStock() {
        var north = new Inventory();
        var south = new Inventory();
        runAlone("add(\"apple\", 2) to one inventory, then count and take in the other", () -> {
            north.add("apple", 2);
            int southApples = south.count("apple");
            boolean southTook = south.take("apple", 1);
            if (southApples != 0 || southTook || south.total() != 0) {
                throw new AssertionError("""
                        2 apples went into one Inventory; another, new Inventory then said count("apple") = %d, \
                        take("apple", 1) = %s, total() = %d (expected 0, false, 0).
                        Why: each inventory has its own stock. A static field is one for the whole class, shared \
                        by every instance: keep the stock (and its lock) in instance fields."""
                        .formatted(southApples, southTook, south.total()));
            }
            assertThat(north.count("apple")).as("apples in the inventory they went into").isEqualTo(2);
        });
    }

    /** One item of each of many kinds; every buyer tries to take each one, in the same order. */
    record LastItems(Inventory inventory, int kinds, boolean[][] took) {
        static LastItems of(int buyers, int kinds) {
            var inventory = new Inventory();
            for (int kind = 0; kind < kinds; kind++) {
                inventory.add("item-" + kind, 1);
            }
            return new LastItems(inventory, kinds, new boolean[buyers][kinds]);
        }
    }

    /**
     * HashMap.get() reads the table first and hashes the key after: count() of a fresh copy of a
     * long item name while another thread's adds grow the map, with the adds aimed inside the
     * hashing by the reader's own CPU time ({@link GrowingMapLookup} says how).
     */
    @Test
    @DisplayName("count() of an item while another thread's add grows the stock's map during the call: the item is found")
    void countWhileAnAddGrowsTheMap() throws InterruptedException {
        GrowingMapLookup.<Inventory>of(Inventory::new, (inventory, item) -> inventory.add(item, 1), Inventory::count)
                .assertFound("""
                        count() of an item added once, while another thread's add() grew the map of the stock.
                        Why: a HashMap that grows moves every entry into a bigger table; a get() that read \
                        the table before and looks into it after finds nothing there. count() must hold the \
                        lock that add() holds for the whole read, not take it and give it back before \
                        reading.""", """
                        has nothing to wait for: no other call is running. If it waits, an earlier call \
                        kept the lock (give it back in a finally block), or it waits for a lock its own \
                        thread holds.""");
    }

    @Test
    @DisplayName("two threads taking the last item of each kind never take it twice")
    void theLastItemIsNeverTakenTwice() {
        var single = new Inventory();
        runAlone("take(\"apple\", 1) with 1 apple in stock, then once more with none", () -> {
            single.add("apple", 1);
            assertThat(single.take("apple", 1)).as("take the only apple").isTrue();
            assertThat(single.take("apple", 1)).as("take an apple when there are none").isFalse();
            single.add("apple", 1);
        });
        int buyers = 2;
        RaceScenario.of("buyer", () -> LastItems.of(buyers, 200))
                .threads(buyers)
                .stuckWhenAllWaitIn(Inventory.class)
                .eachThread((race, buyer) -> {
                    for (int kind = 0; kind < race.kinds(); kind++) {
                        race.took()[buyer][kind] = race.inventory().take("item-" + kind, 1);
                    }
                })
                .afterAllThreads(race -> {
                    for (int kind = 0; kind < race.kinds(); kind++) {
                        var takers = new ArrayList<String>();
                        for (int buyer = 0; buyer < buyers; buyer++) {
                            if (race.took()[buyer][kind]) {
                                takers.add("buyer-" + buyer);
                            }
                        }
                        if (takers.size() != 1) {
                            throw new AssertionError("""
                                    "item-%d" was in stock once, and take("item-%d", 1) returned true for %s; \
                                    count() now says %d.
                                    Why: %s""".formatted(kind, kind, takers, race.inventory().count("item-" + kind),
                                    takers.isEmpty()
                                            ? "every buyer was refused although the item was there."
                                            : "each of them checked the count, saw 1, and took it: another buyer ran "
                                            + "between the check and the take. The check must be inside the lock "
                                            + "that the take holds; moving count() out of the lock to stop the "
                                            + "self-deadlock splits them."));
                        }
                    }
                })
                .trialDeadline(Duration.ofSeconds(1))
                .repeatFor(Duration.ofMillis(40));
    }

    /**
     * Runs {@code work} on a thread of its own, the only thread using the inventory, and fails within a
     * fraction of a second when it waits inside Inventory: nobody else can wake it, so it waits for itself.
     */
    private static void runAlone(String what, Step work) {
        var alone = Workers.start("inventory-user", 1, i -> work.run());
        var thread = alone.threads().getFirst();
        ThreadWatch.pollUntil(DEADLINE,
                () -> !thread.isAlive() || ThreadWatch.staysWaitingIn(thread, Inventory.class, STEADY));
        if (thread.isAlive() && ThreadWatch.isWaitingIn(thread, Inventory.class)) {
            throw selfDeadlock(what, thread);
        }
        if (thread.isAlive()) {
            var report = ThreadReport.describe(List.of(thread));
            thread.interrupt();
            throw new AssertionError("""
                    %s did not return within %s. Thread "%s" was the only thread using the inventory, and it \
                    is still running: it spins in a loop, waiting for something only it could change.
                    Why: a thread that waits for a lock its own thread holds waits for ever, whether it sleeps \
                    or spins. Use a lock the holding thread can take again, or private helpers that expect \
                    the lock to be held.
                    Where it runs:
                    %s""".formatted(what, Durations.readable(DEADLINE), thread.getName(), report));
        }
        alone.awaitCompletion(DEADLINE);
    }

    /** Calls {@code query} on a thread of its own, so that a lock left held fails the test instead of hanging it. */
    private static <T> T askAlone(String what, Callable<T> query) {
        var answer = new AtomicReference<T>();
        runAlone(what, () -> answer.set(query.call()));
        return answer.get();
    }

    /** Something one thread does with the inventory. */
    @FunctionalInterface
    interface Step {
        void run() throws Exception;
    }

    /** Waits until addAll() has added the delivery's first line and asks for the second. */
    private static void awaitPause(PausingDelivery delivery, Workers deliverer) {
        var thread = deliverer.threads().getFirst();
        ThreadWatch.pollUntil(DEADLINE, () -> delivery.isPaused() || !thread.isAlive()
                || ThreadWatch.staysWaitingIn(thread, Inventory.class, STEADY));
        if (delivery.isPaused()) {
            return;
        }
        if (thread.isAlive() && ThreadWatch.isWaitingIn(thread, Inventory.class)) {
            throw selfDeadlock("addAll({apple=1, pear=1})", thread);
        }
        deliverer.awaitCompletion(DEADLINE);
        throw new AssertionError("addAll({apple=1, pear=1}) returned without asking the delivery for its second line");
    }

    /** True when the thread ends up waiting inside Inventory, false when it finishes without waiting. */
    private static boolean finishesOrWaitsInInventory(Workers workers) {
        var thread = workers.threads().getFirst();
        ThreadWatch.pollUntil(DEADLINE,
                () -> !thread.isAlive() || ThreadWatch.staysWaitingIn(thread, Inventory.class, STEADY));
        if (!thread.isAlive()) {
            workers.awaitCompletion(DEADLINE);
            return false;
        }
        if (!ThreadWatch.isWaitingIn(thread, Inventory.class)) {
            throw new AssertionError("thread \"%s\" neither finished nor waited inside Inventory within %s:%n%s"
                    .formatted(thread.getName(), Durations.readable(DEADLINE), ThreadReport.describe(List.of(thread))));
        }
        return true;
    }

    private static AssertionError selfDeadlock(String what, Thread thread) {
        return new AssertionError("""
                %s never returned. Thread "%s" was the only thread using the inventory, and it waits inside \
                Inventory for a lock that nobody else uses: it holds it itself, or an earlier call kept it. \
                Nobody will ever release it.
                Why: a lock that does not know its owner (a Semaphore(1), or a read lock held while asking for \
                the write lock) makes a thread that holds it and asks again wait for its own thread. Use a lock \
                the holding thread can take again (a ReentrantLock, or synchronized), or let the public methods \
                call private helpers that expect the lock to be held already; and give the lock back on every \
                way out (finally).
                Where it waits:
                %s""".formatted(what, thread.getName(), ThreadReport.describe(List.of(thread))));
    }

    /**
     * An inventory whose count(), called by one chosen thread, stops after it has counted until the test
     * resumes it. When take() checks the stock with count(), that thread stops between its check and
     * its take, so other threads can try to get in between.
     */
    static final class PausingInventory extends Inventory {
        private final CountDownLatch paused = new CountDownLatch(1);
        private final CountDownLatch resumed = new CountDownLatch(1);
        private volatile Thread pausing;

        void pauseAfterCount(Thread thread) {
            pausing = thread;
        }

        boolean isPaused() {
            return paused.getCount() == 0;
        }

        void resume() {
            resumed.countDown();
        }

        @Override
        public int count(String item) {
            int counted = super.count(item);
            if (Thread.currentThread() == pausing && !isPaused()) {
                paused.countDown();
                awaitResume(resumed);
            }
            return counted;
        }
    }

    /**
     * A delivery of two lines that, the first time it is asked for its second line, stops there until
     * the test resumes it, so other threads can look at the inventory half way through addAll().
     */
    static final class PausingDelivery extends AbstractMap<String, Integer> {
        private final List<Map.Entry<String, Integer>> lines;
        private final CountDownLatch paused = new CountDownLatch(1);
        private final CountDownLatch resumed = new CountDownLatch(1);

        PausingDelivery(Map.Entry<String, Integer> first, Map.Entry<String, Integer> second) {
            this.lines = List.of(first, second);
        }

        boolean isPaused() {
            return paused.getCount() == 0;
        }

        void resume() {
            resumed.countDown();
        }

        @Override
        public Set<Map.Entry<String, Integer>> entrySet() {
            return new AbstractSet<>() {
                @Override
                public int size() {
                    return lines.size();
                }

                @Override
                public Iterator<Map.Entry<String, Integer>> iterator() {
                    return new Iterator<>() {
                        private int next;

                        @Override
                        public boolean hasNext() {
                            return next < lines.size();
                        }

                        @Override
                        public Map.Entry<String, Integer> next() {
                            if (next >= lines.size()) {
                                throw new NoSuchElementException();
                            }
                            if (next == 1 && !isPaused()) {
                                paused.countDown();
                                awaitResume(resumed);
                            }
                            return lines.get(next++);
                        }
                    };
                }
            };
        }
    }

    /** Waits for the test to resume a paused thread; gives up after a while so that nothing hangs. */
    private static void awaitResume(CountDownLatch resumed) {
        try {
            if (!resumed.await(DEADLINE.toMillis() * 5, TimeUnit.MILLISECONDS)) {
                throw new AssertionError("the test never resumed the paused thread");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * What {@code ./workbook explain} runs: with one apple in stock, one thread adds a delivery of two
     * pears and two plums, then buys the apple; the other buys the apple too, then counts the pears
     * and the plums. Every call must return, one buyer gets the apple, and the counts never show
     * half a delivery.
     */
    static final class ExplainScenario implements Runnable {
        @Override
        public void run() {
            var inventory = new Inventory();
            inventory.add("apple", 1);
            var delivery = new LinkedHashMap<String, Integer>();
            delivery.put("pear", 2);
            delivery.put("plum", 2);
            boolean[] took = new boolean[2];
            int[] seen = new int[2];
            ScenarioThreads.runTogether(() -> {
                inventory.addAll(delivery);
                took[0] = inventory.take("apple", 1);
            }, () -> {
                took[1] = inventory.take("apple", 1);
                seen[0] = inventory.count("pear");
                seen[1] = inventory.count("plum");
            });
            if (took[0] == took[1]) {
                throw new AssertionError("one apple and two buyers, but take() returned " + took[0] + " to both");
            }
            if (seen[0] == 2 && seen[1] == 0) {
                throw new AssertionError("count() found the delivery's 2 pears but none of its plums: another thread ran in the middle of addAll()");
            }
            if (inventory.count("apple") != 0 || inventory.total() != 4) {
                throw new AssertionError("after the delivery and one sold apple, count(apple) is " + inventory.count("apple")
                        + " and total() " + inventory.total() + " instead of 0 and 4");
            }
            if (new Inventory().total() != 0) {
                throw new AssertionError("a new inventory, never added to, has " + new Inventory().total() + " items: two inventories share their stock");
            }
        }
    }
}
