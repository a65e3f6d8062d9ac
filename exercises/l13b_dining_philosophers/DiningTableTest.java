package l13b_dining_philosophers;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import workbook.testkit.BlockingCall;
import workbook.testkit.Durations;
import workbook.testkit.FirstLockHold;
import workbook.testkit.ThreadReport;
import workbook.testkit.ThreadWatch;
import workbook.testkit.WatchedLock;
import workbook.testkit.Workers;

class DiningTableTest {

    /** Far longer than a correct answer takes, even on a loaded machine. */
    private static final Duration DEADLINE = Duration.ofSeconds(2);
    /** How long a thread must sit in one wait to count as stuck there, not passing through. */
    private static final Duration STEADY = Duration.ofMillis(50);
    private static final int SEATS = 5;

    @Test
    @DisplayName("a philosopher alone eats once, holding both forks, and puts them down")
    void aPhilosopherAloneEats() throws Exception {
        for (int seat : new int[] {0, SEATS - 1}) {
            var table = new Table(SEATS, new FirstLockHold());
            int chosen = seat;
            var ate = BlockingCall.call("philosopher-" + seat, () -> table.dine(chosen, Duration.ofMillis(500)))
                    .awaitResult(DEADLINE, STEADY, "The philosopher was alone at the table: every fork was free.");
            assertThat(ate).as("dine(%d, …) at a table with every fork free", seat).isTrue();
            table.assertMeals("philosopher %d, alone at the table".formatted(seat), seat, 1);
            table.assertNoForkHeld("after philosopher %d ate alone".formatted(seat));
        }
    }

    @Test
    @DisplayName("five philosophers each holding the left fork at once all eat")
    void everyoneHoldingTheLeftFork() throws Exception {
        var hold = new FirstLockHold();
        var table = new Table(SEATS, hold);
        var calls = new ArrayList<BlockingCall<Boolean>>();
        try {
            for (int seat = 0; seat < SEATS; seat++) {
                int chosen = seat;
                var call = hold.call("philosopher-" + seat, () -> table.dine(chosen, Duration.ofSeconds(1)));
                if (seat == 0) {
                    hold.awaitHeld(call, DiningTable.class, "dine(0, …), alone so far", DEADLINE);
                } else {
                    hold.awaitHeldOrWaiting(call, DiningTable.class, DEADLINE);
                }
                calls.add(call);
            }
            hold.releaseAll();
            var threads = calls.stream().map(BlockingCall::thread).toList();
            boolean ended = ThreadWatch.pollUntil(DEADLINE,
                    () -> calls.stream().allMatch(BlockingCall::isDone) || FirstLockHold.deadlocked(threads));
            if (!calls.stream().allMatch(BlockingCall::isDone)) {
                var report = ThreadReport.describe(threads);
                threads.forEach(Thread::interrupt);
                throw new AssertionError((ended ? """
                        Every philosopher picked up the left fork at once; now each waits, for ever, for the \
                        right one, which the neighbour holds:
                        %s
                        Why: a philosopher kept the left fork while waiting, with no time limit, for the \
                        right. Try for the right fork for a moment only (tryLock with a timeout) and, when it \
                        does not come, put the left one down and try again later.""" : """
                        Every philosopher picked up the left fork at once, the test let them go on, and \
                        %s later not all of them had returned, although each had a patience of 1 s:
                        %s
                        Why: a philosopher must give up in time, and put any fork it holds down while it \
                        waits to try again.""").formatted(ended ? report.stripTrailing() : Durations.readable(DEADLINE),
                        report.stripTrailing()));
            }
            for (int seat = 0; seat < SEATS; seat++) {
                if (!calls.get(seat).result()) {
                    throw new AssertionError("""
                            Every philosopher picked up the left fork at once, then the test let them go on. \
                            Philosopher %d gave up after its patience of 1 s without eating: %s
                            Why: a philosopher who keeps the left fork while waiting for the right keeps the \
                            neighbour from eating too; when all do it, nobody eats. Wait for the right fork a \
                            moment only; then put the left one down, pause a random little while, and try \
                            again until the patience is spent.""".formatted(seat, table.mealCounts()));
                }
            }
            for (int seat = 0; seat < SEATS; seat++) {
                table.assertMeals("each of five philosophers who all held the left fork at once", seat, 1);
            }
            table.assertNoForkHeld("after every philosopher had eaten");
        } finally {
            hold.releaseAll();
        }
    }

    @Test
    @DisplayName("five philosophers dining over and over all eat ten times, never sharing a fork")
    void nobodyStarves() {
        var table = new Table(SEATS, new FirstLockHold());
        int mealsEach = 10;
        Workers.start("philosopher", SEATS, seat -> {
            for (int eaten = 0; eaten < mealsEach; ) {
                if (table.dine(seat, Duration.ofMillis(200))) {
                    eaten++;
                }
            }
        }).awaitCompletion(DEADLINE);
        table.assertNoMisplacedMeal();
        for (int seat = 0; seat < SEATS; seat++) {
            table.assertMeals("five philosophers who each dined until they had eaten %d times".formatted(mealsEach), seat, mealsEach);
        }
        table.assertNoForkHeld("after the dinner");
    }

    @Test
    @DisplayName("with the right fork in use, dine() gives up after its patience, without eating or keeping the left fork")
    void givesUpInTime() throws Exception {
        var table = new Table(SEATS, new FirstLockHold());
        var rightFork = table.fork(1);
        rightFork.lock();
        try {
            long start = System.nanoTime();
            var call = BlockingCall.call("philosopher-0", () -> table.dine(0, Duration.ofMillis(150)));
            var ate = answer(call, "dine(0, …, 150 ms) while its right fork is in use");
            var took = Duration.ofNanos(System.nanoTime() - start);
            assertThat(ate).as("dine(0, …, 150 ms) while fork 1, its right fork, is in use").isFalse();
            assertThat(took).as("how long dine(0, …, 150 ms) took while its right fork was in use")
                    .isGreaterThanOrEqualTo(Duration.ofMillis(140));
            table.assertMeals("philosopher 0, whose right fork was in use", 0, 0);
            assertHoldsNoFork(table, call, 0);
        } finally {
            rightFork.unlock();
        }
    }

    @Test
    @DisplayName("the patience is one budget for the whole call, not one per fork")
    void onePatienceForBothForks() throws Exception {
        var table = new Table(SEATS, new FirstLockHold());
        var leftFork = table.fork(0);
        var rightFork = table.fork(1);
        leftFork.lock();
        rightFork.lock();
        try {
            long start = System.nanoTime();
            var call = BlockingCall.call("philosopher-0", () -> table.dine(0, Duration.ofMillis(300)));
            Thread.sleep(200);
            leftFork.unlock();
            var ate = answer(call, "dine(0, …, 300 ms) while its right fork is in use");
            var took = Duration.ofNanos(System.nanoTime() - start);
            assertThat(ate).as("dine(0, …, 300 ms) while its right fork stayed in use").isFalse();
            assertThat(took).as("""
                    how long dine(0, …, 300 ms) took, its left fork in use for 200 ms and its right fork all the \
                    time: it must not give up before its patience is spent""").isGreaterThanOrEqualTo(Duration.ofMillis(290));
            if (took.compareTo(Duration.ofMillis(430)) > 0) {
                throw new AssertionError("""
                        dine(0, …) was given a patience of 300 ms. Its left fork was in use for the first 200 \
                        ms, its right fork the whole time, and it returned only after %s.
                        Why: it waited the whole patience for each fork, one after the other. Compute one \
                        deadline when the call starts and wait for each fork only for what is left of it."""
                        .formatted(Durations.readable(took)));
            }
        } finally {
            if (leftFork.isHeldByCurrentThread()) {
                leftFork.unlock();
            }
            rightFork.unlock();
        }
    }

    @Test
    @DisplayName("a patience of zero, below zero or below a millisecond tries once without waiting")
    void zeroAndTinyPatience() throws Exception {
        for (var patience : List.of(Duration.ZERO, Duration.ofMillis(-5), Duration.ofNanos(500_000))) {
            var free = new Table(SEATS, new FirstLockHold());
            var ate = BlockingCall.call("philosopher-0", () -> free.dine(0, patience))
                    .awaitResult(DEADLINE, STEADY, "Both forks were free.");
            assertThat(ate).as("dine(0, …, %s) with both forks free", patience).isTrue();
            free.assertMeals("philosopher 0 with a patience of " + patience, 0, 1);

            var busy = new Table(SEATS, new FirstLockHold());
            busy.fork(1).lock();
            try {
                long start = System.nanoTime();
                var gaveUp = answer(BlockingCall.call("philosopher-0", () -> busy.dine(0, patience)),
                        "dine(0, …, %s) while its right fork is in use".formatted(patience));
                var took = Duration.ofNanos(System.nanoTime() - start);
                assertThat(gaveUp).as("dine(0, …, %s) while its right fork is in use", patience).isFalse();
                assertThat(took).as("how long dine(0, …, %s) took while its right fork was in use", patience)
                        .isLessThan(Duration.ofMillis(100));
                assertThat(busy.fork(0).isLocked()).as("fork 0 held after dine(0, …, %s) gave up", patience).isFalse();
            } finally {
                busy.fork(1).unlock();
            }
        }
    }

    @Test
    @DisplayName("a philosopher interrupted while waiting for a fork throws, holding no fork, without eating")
    void interruptedWhileWaiting() throws Exception {
        var table = new Table(SEATS, new FirstLockHold());
        table.fork(1).lock();
        try {
            var call = BlockingCall.call("philosopher-0", () -> table.dine(0, Duration.ofSeconds(10)));
            if (!call.awaitWaitingOrDone(DEADLINE) || call.isDone()) {
                throw new AssertionError("dine(0, …, 10 s) with its right fork in use %s instead of waiting:%n%s"
                        .formatted(call.isDone() ? "returned" : "kept running", call.describe()));
            }
            call.interrupt();
            call.assertThrowsInterruptedException(DEADLINE, STEADY, "dine(0, …, 10 s) waiting for fork 1");
        } finally {
            table.fork(1).unlock();
        }
        table.assertNoForkHeld("after an interrupted dine(0, …)");
        table.assertMeals("philosopher 0, interrupted while waiting for a fork", 0, 0);

        var before = BlockingCall.runInterrupted("philosopher-0", () -> table.dine(0, Duration.ofSeconds(1)));
        before.assertThrowsInterruptedException(DEADLINE, STEADY, "dine(0, …) called by a thread that was already interrupted");
        table.assertNoForkHeld("after dine(0, …) called by an interrupted thread");
        table.assertMeals("philosopher 0, whose thread was interrupted before it sat down", 0, 0);
    }

    /**
     * What the call returned; fails as soon as it waits with no time limit (it would wait for ever
     * for a fork the test holds), or at the deadline.
     */
    private static boolean answer(BlockingCall<Boolean> call, String what) throws InterruptedException {
        var thread = call.thread();
        ThreadWatch.pollUntil(DEADLINE, () -> call.isDone() || (thread.getState() == Thread.State.WAITING
                && ThreadWatch.staysWaitingIn(thread, WatchedLock.class, STEADY) && thread.getState() == Thread.State.WAITING));
        if (!call.isDone()) {
            var report = call.describe();
            call.interrupt();
            throw new AssertionError("""
                    %s did not give up: it waits for a fork with no time limit.
                    %s
                    Why: a philosopher has a patience. Wait for each fork with tryLock and the time that is \
                    left of it, never with lock() or lockInterruptibly(), which wait for ever."""
                    .formatted(what, report));
        }
        return call.result();
    }

    @Test
    @DisplayName("a meal that throws, an exception or an Error, leaves both forks on the table")
    void aMealThatThrows() throws Exception {
        checkAMealThatThrows(new IllegalStateException("the soup is cold"));
        checkAMealThatThrows(new AssertionError("the test's own Error, thrown by the meal"));
    }

    private static void checkAMealThatThrows(Throwable failure) throws Exception {
        var table = new Table(SEATS, new FirstLockHold());
        var call = BlockingCall.call("philosopher-0", () -> table.table.dine(0, () -> {
            if (failure instanceof RuntimeException exception) {
                throw exception;
            }
            throw (Error) failure;
        }, Duration.ofMillis(500)));
        if (!call.awaitDone(DEADLINE)) {
            throw new AssertionError("dine(0, …) with a meal that throws did not return:%n%s".formatted(call.describe()));
        }
        table.assertNoForkHeld("after a meal that threw " + failure.getClass().getSimpleName());
    }

    @Test
    @DisplayName("philosophers who share no fork eat at the same time")
    void philosophersApartEatAtOnce() throws Exception {
        var hold = new FirstLockHold();
        var table = new Table(SEATS, hold);
        try {
            var first = hold.call("philosopher-0", () -> table.dine(0, Duration.ofSeconds(1)));
            hold.awaitHeld(first, DiningTable.class, "dine(0, …), alone so far", DEADLINE);
            var apart = BlockingCall.call("philosopher-2", () -> table.dine(2, Duration.ofMillis(200)));
            ThreadWatch.pollUntil(DEADLINE, () -> apart.isDone()
                    || ThreadWatch.staysWaitingIn(apart.thread(), DiningTable.class, Duration.ofMillis(300)));
            if (!apart.isDone() || !apart.result()) {
                throw new AssertionError("""
                        Philosopher 0 held fork 0 (the test kept it there). Philosopher 2, whose forks 2 and \
                        3 were free, %s.
                        %s
                        Why: only neighbours share a fork. A lock around the whole table (a synchronized \
                        dine, a static lock) makes every philosopher wait for every other one; take only \
                        the two forks."""
                        .formatted(apart.isDone() ? "did not eat within a patience of 200 ms" : "waited for philosopher 0",
                        apart.describe()));
            }
            hold.releaseAll();
            assertThat(first.awaitResult(DEADLINE, "nothing held philosopher 0 any more")).as("dine(0, …)").isTrue();
        } finally {
            hold.releaseAll();
        }
    }

    @Test
    @DisplayName("at a table where four hold a fork, the fifth waits its whole patience before it gives up")
    void waitsItsWholePatienceAtABusyTable() throws Exception {
        var hold = new FirstLockHold();
        var table = new Table(SEATS, hold);
        var seated = new ArrayList<BlockingCall<Boolean>>();
        try {
            for (int seat = 0; seat < SEATS - 1; seat++) {
                int chosen = seat;
                var call = hold.call("philosopher-" + seat, () -> table.dine(chosen, Duration.ofSeconds(2)));
                hold.awaitHeldOrWaiting(call, DiningTable.class, DEADLINE);
                seated.add(call);
            }
            long start = System.nanoTime();
            var lastCall = BlockingCall.call("philosopher-4", () -> table.dine(SEATS - 1, Duration.ofMillis(300)));
            var last = answer(lastCall, "dine(4, …, 300 ms) while philosopher 0 holds fork 0");
            var took = Duration.ofNanos(System.nanoTime() - start);
            assertThat(last).as("dine(4, …, 300 ms) while philosopher 0 holds fork 0, its right fork").isFalse();
            assertThat(took).as("how long dine(4, …, 300 ms) took: it must not give up before its patience is spent")
                    .isGreaterThanOrEqualTo(Duration.ofMillis(290));
            assertHoldsNoFork(table, lastCall, SEATS - 1);
            hold.releaseAll();
            for (var call : seated) {
                assertThat(call.awaitResult(DEADLINE, "nothing held the philosophers any more")).as(call.thread().getName()).isTrue();
            }
        } finally {
            hold.releaseAll();
        }
    }

    private static void assertHoldsNoFork(Table table, BlockingCall<?> call, int philosopher) {
        assertThat(table.forks.stream().filter(fork -> fork.owner() == call.thread()).map(WatchedLock::name).toList())
                .as("""
                        forks still held by philosopher %d after dine(%d, …) gave up: a philosopher who gives up \
                        must put down the fork already taken, or the neighbour can never eat""", philosopher, philosopher)
                .isEmpty();
    }

    /** A table of watched forks and a meal that checks, while it runs, that its philosopher holds both. */
    static final class Table {
        private final List<WatchedLock> forks = new ArrayList<>();
        private final DiningTable table;
        private final AtomicIntegerArray meals = new AtomicIntegerArray(SEATS);
        private final ConcurrentLinkedQueue<String> misplaced = new ConcurrentLinkedQueue<>();
        private final AtomicInteger[] inUse = new AtomicInteger[SEATS];

        Table(int seats, FirstLockHold hold) {
            for (int i = 0; i < seats; i++) {
                forks.add(new WatchedLock("fork " + i, hold));
                inUse[i] = new AtomicInteger();
            }
            table = new DiningTable(List.copyOf(forks));
        }

        WatchedLock fork(int index) {
            return forks.get(index);
        }

        boolean dine(int seat, Duration patience) throws InterruptedException {
            return table.dine(seat, () -> eat(seat), patience);
        }

        private void eat(int seat) {
            int left = seat;
            int right = (seat + 1) % forks.size();
            if (!forks.get(left).isHeldByCurrentThread() || !forks.get(right).isHeldByCurrentThread()) {
                misplaced.add("philosopher %d ate holding %s fork %d and %s fork %d".formatted(seat,
                        forks.get(left).isHeldByCurrentThread() ? "" : "not", left,
                        forks.get(right).isHeldByCurrentThread() ? "" : "not", right));
            }
            if (inUse[left].incrementAndGet() > 1 | inUse[right].incrementAndGet() > 1) {
                misplaced.add("philosopher %d ate with fork %d or %d while a neighbour ate with it".formatted(seat, left, right));
            }
            meals.incrementAndGet(seat);
            inUse[left].decrementAndGet();
            inUse[right].decrementAndGet();
        }

        String mealCounts() {
            return "meals eaten, seat by seat: " + meals;
        }

        void assertNoMisplacedMeal() {
            var first = misplaced.peek();
            if (first != null) {
                throw new AssertionError("""
                        %s (%d such meal(s) in all).
                        Why: the meal must run while the philosopher holds both forks: after both are \
                        picked up, before either is put down."""
                        .formatted(first, misplaced.size()));
            }
        }

        void assertMeals(String who, int seat, int expected) {
            assertNoMisplacedMeal();
            assertThat(meals.get(seat)).as("meals eaten by %s (the meal runs once for each dine() that returns true, "
                    + "never for one that returns false)", who).isEqualTo(expected);
        }

        void assertNoForkHeld(String when) {
            for (var fork : forks) {
                if (fork.isLocked()) {
                    throw new AssertionError("""
                            %s is still held %s, by thread "%s", and no code of yours is running any more: \
                            the neighbours could never eat again.
                            Why: every fork picked up must be put down on every way out: after the meal, when \
                            the other fork did not come, and when the wait was interrupted (finally blocks)."""
                            .formatted(fork.name(), when, fork.owner() == null ? "?" : fork.owner().getName()));
                }
            }
        }
    }
}
