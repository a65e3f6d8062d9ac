package l13a_transfers;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import workbook.runner.explain.ScenarioThreads;
import workbook.testkit.BlockingCall;
import workbook.testkit.Durations;
import workbook.testkit.FirstLockHold;
import workbook.testkit.RaceScenario;
import workbook.testkit.ThreadReport;
import workbook.testkit.ThreadWatch;
import workbook.testkit.WatchedLock;

class AccountTest {

    /** Far longer than a correct transfer takes, even on a loaded machine. */
    private static final Duration DEADLINE = Duration.ofSeconds(2);
    /** How long a thread must sit in one wait to count as stuck there, not passing through. */
    private static final Duration STEADY = Duration.ofMillis(50);

    @Test
    @DisplayName("a transfer moves the money, and one the balance does not cover moves nothing")
    void aTransferMovesTheMoney() throws Exception {
        var bank = new Bank();
        var one = bank.account(1, 100);
        var two = bank.account(2, 0);
        assertThat(alone("one.transfer(two, 30)", () -> one.transfer(two, 30))).as("one.transfer(two, 30) with 100 in one").isTrue();
        bank.assertBalances("after moving 30 from account 1 (100) to account 2 (0)", 70, 30);
        assertThat(alone("two.transfer(one, 50)", () -> two.transfer(one, 50))).as("two.transfer(one, 50) with 30 in two").isFalse();
        bank.assertBalances("after a refused transfer of 50 from account 2, which holds 30", 70, 30);
        assertThat(alone("one.transfer(two, 70)", () -> one.transfer(two, 70))).as("one.transfer(two, 70) with exactly 70 in one").isTrue();
        bank.assertBalances("after moving all 70 from account 1 to account 2", 0, 100);
    }

    @Test
    @DisplayName("a transfer to the account itself changes nothing and keeps no lock")
    void aTransferToItself() throws Exception {
        var bank = new Bank();
        var one = bank.account(1, 100);
        assertThat(alone("one.transfer(one, 30)", () -> one.transfer(one, 30))).as("one.transfer(one, 30) with 100 in one").isTrue();
        bank.assertBalances("after a transfer of 30 from account 1 to itself", 100);
        assertThat(alone("one.transfer(one, 101)", () -> one.transfer(one, 101))).as("one.transfer(one, 101) with 100 in one").isFalse();
        bank.assertBalances("after a refused transfer of 101 from account 1 to itself", 100);
    }

    @Test
    @DisplayName("two transfers in opposite directions at once, each holding its first lock, both finish")
    void oppositeDirectionsAtOnce() throws Exception {
        oppositeDirections(1, 2);
    }

    @Test
    @DisplayName("the same, when the first transfer goes from the higher id to the lower")
    void oppositeDirectionsFromTheHigherId() throws Exception {
        oppositeDirections(2, 1);
    }

    @Test
    @DisplayName("the same, between two different accounts with the same id")
    void oppositeDirectionsWithEqualIds() throws Exception {
        oppositeDirections(7, 7);
    }

    /**
     * Starts x.transfer(y) and holds it right after it took its first lock; then starts y.transfer(x)
     * and holds it too once it has taken a lock, or let it wait; then lets both go. Locks taken in
     * opposite orders now deadlock every time.
     */
    private static void oppositeDirections(int idOfX, int idOfY) throws Exception {
        var bank = new Bank();
        var x = bank.account(idOfX, 100);
        var y = bank.account(idOfY, 100);
        var what = "x.transfer(y, 10) and y.transfer(x, 20), x with id %d, y with id %d".formatted(idOfX, idOfY);
        try {
            var first = bank.pausedAtFirstLock("x-to-y", () -> x.transfer(y, 10));
            bank.awaitPausedOrStuck(first, "x.transfer(y, 10), alone so far");
            var second = bank.pausedAtFirstLock("y-to-x", () -> y.transfer(x, 20));
            bank.awaitPausedOrWaitingFor(second);
            bank.resumeAll();
            awaitBothOrDeadlock(what, first, second);
            assertThat(first.result()).as("x.transfer(y, 10) with 100 in x").isTrue();
            assertThat(second.result()).as("y.transfer(x, 20) with 100 in y").isTrue();
            bank.assertBalances("after " + what + ", both from 100", 110, 90);
        } finally {
            bank.resumeAll();
        }
    }

    @Test
    @DisplayName("no money is ever half moved: whenever a transfer lets go of a lock, the total is whole")
    void noMoneyIsEverHalfMoved() throws Exception {
        var bank = new Bank();
        var one = bank.account(1, 100);
        var two = bank.account(2, 100);
        var totalsSeen = bank.auditAtEveryRelease();
        assertThat(alone("one.transfer(two, 30)", () -> one.transfer(two, 30))).as("one.transfer(two, 30) with 100 in one").isTrue();
        assertThat(alone("two.transfer(one, 50)", () -> two.transfer(one, 50))).as("two.transfer(one, 50) with 130 in two").isTrue();
        for (var seen : totalsSeen) {
            if (seen.total() != 200) {
                throw new AssertionError("""
                        Accounts 1 and 2 held 200 between them. Right after the transfer let go of %s, \
                        they held %d: %d was out of one account and not yet in the other, and any thread \
                        could have taken that lock and seen it (an auditor, a report, a second transfer).
                        Why: the transfer gave a lock back before both changes were made. Taking one lock at \
                        a time does avoid the deadlock, and loses money in between: hold both locks from \
                        before the check until after both changes, and take them in an order every transfer \
                        agrees on.""".formatted(seen.released(), seen.total(), 200 - seen.total()));
            }
        }
        assertThat(totalsSeen).as("times the transfers let go of an account's lock").isNotEmpty();
        bank.assertBalances("after moving 30 from 1 to 2 and 50 from 2 to 1", 120, 80);
    }

    @Test
    @DisplayName("a transfer between two other accounts does not wait for one in progress")
    void unrelatedTransfersDoNotWait() throws Exception {
        var bank = new Bank();
        var one = bank.account(1, 100);
        var two = bank.account(2, 100);
        var three = bank.account(3, 100);
        var four = bank.account(4, 100);
        try {
            var busy = bank.pausedAtFirstLock("one-to-two", () -> one.transfer(two, 10));
            bank.awaitPausedOrStuck(busy, "one.transfer(two, 10), alone so far");
            var other = BlockingCall.call("three-to-four", () -> three.transfer(four, 10));
            ThreadWatch.pollUntil(DEADLINE,
                    () -> other.isDone() || ThreadWatch.staysWaitingIn(other.thread(), Account.class, STEADY));
            if (!other.isDone()) {
                throw new AssertionError("""
                        one.transfer(two, 10) held the lock of account 1 (the test kept it there), and \
                        three.transfer(four, 10), which touches neither account, waited for it:
                        %s
                        Why: the accounts' own locks are there so that transfers between different \
                        accounts run at the same time. A lock shared by every account (a static lock, or \
                        one lock for the whole bank around each transfer) avoids the deadlock by making \
                        every transfer wait for every other; order the two accounts' own locks instead."""
                        .formatted(other.describe()));
            }
            assertThat(other.result()).as("three.transfer(four, 10) with 100 in three").isTrue();
            bank.resumeAll();
            assertThat(busy.awaitResult(DEADLINE, STEADY, "nothing held it any more")).as("one.transfer(two, 10)").isTrue();
            bank.assertBalances("after moving 10 from 1 to 2 and 10 from 3 to 4", 90, 110, 90, 110);
        } finally {
            bank.resumeAll();
        }
    }

    @Test
    @DisplayName("a transfer interrupted while it waits for a lock throws, and gives back the lock it held")
    void interruptedWhileWaiting() throws Exception {
        var bank = new Bank();
        var one = bank.account(1, 100);
        var two = bank.account(2, 0);
        var twosLock = bank.lockOf(two);
        twosLock.lock();
        BlockingCall<Boolean> transfer;
        try {
            transfer = BlockingCall.call("one-to-two", () -> one.transfer(two, 10));
            if (!transfer.awaitWaitingOrDone(DEADLINE) || transfer.isDone()) {
                throw new AssertionError("""
                        The test held the lock of account 2, and one.transfer(two, 10) %s instead of waiting \
                        for it. A transfer must hold both accounts' locks while it moves the money.
                        %s""".formatted(transfer.isDone() ? "returned" : "was still running after " + Durations.readable(DEADLINE),
                        transfer.describe()));
            }
            transfer.interrupt();
            transfer.assertThrowsInterruptedException(DEADLINE, STEADY,
                    "one.transfer(two, 10) while the lock of account 2 was held by another thread");
        } finally {
            twosLock.unlock();
        }
        bank.assertNoLockHeld("""
                one.transfer(two, 10) was interrupted while it waited for the lock of account 2, and threw \
                InterruptedException; but it kept the lock of account 1, which nobody will ever give back.
                Why: the lock taken before the wait was not given back on the way out. Put every unlock() in \
                a finally block that covers the wait for the next lock.""");
        bank.assertBalances("after an interrupted transfer of 10 from account 1 (100) to account 2 (0)", 100, 0);

        var interruptedBefore = BlockingCall.runInterrupted("one-to-two", () -> one.transfer(two, 10));
        interruptedBefore.assertThrowsInterruptedException(DEADLINE, STEADY,
                "one.transfer(two, 10) called by a thread that was already interrupted");
        bank.assertNoLockHeld("one.transfer(two, 10), called with the thread's interrupt status set, threw but kept a lock.");
        bank.assertBalances("after a transfer called by an interrupted thread", 100, 0);
    }

    @Test
    @DisplayName("the balance is checked with both locks held: a transfer that drained the account in between is not overdrawn")
    void theCheckIsMadeWithBothLocksHeld() throws Exception {
        drainedInBetween(true);
        drainedInBetween(false);
    }

    /**
     * Holds two.transfer(one, 100) before it takes its second lock, or when it first lets go of a lock
     * while holding the other, and lets two.transfer(three, 100) run meanwhile.
     */
    private static void drainedInBetween(boolean beforeSecondLock) throws Exception {
        var bank = new Bank();
        var one = bank.account(1, 0);
        var two = bank.account(2, 100);
        var three = bank.account(3, 0);
        try {
            var twoToOne = beforeSecondLock
                    ? bank.pausedBeforeSecondLock("two-to-one", () -> two.transfer(one, 100))
                    : bank.pausedAtFirstRelease("two-to-one", () -> two.transfer(one, 100));
            bank.awaitPausedOrDone(twoToOne);
            var twoToThree = BlockingCall.call("two-to-three", () -> two.transfer(three, 100));
            bank.awaitPausedOrWaitingFor(twoToThree);
            bank.resumeAll();
            awaitBothOrDeadlock("two.transfer(one, 100) and two.transfer(three, 100)", twoToOne, twoToThree);
            bank.assertNoLockHeld("After two.transfer(one, 100) and two.transfer(three, 100) had returned, a lock was still held.");
            long left = two.balance();
            if (left < 0 || twoToOne.result() == twoToThree.result()) {
                throw new AssertionError("""
                        Account 2 held 100. two.transfer(one, 100) was held %s; meanwhile \
                        two.transfer(three, 100) ran. They returned %s and %s, and account 2 now holds %d.
                        Why: exactly one of them can have the 100. The first checked the balance while it \
                        did not hold both locks, or let go of one between its check and its changes, and \
                        acted on that check after the other transfer had taken the money. Check the balance \
                        once both locks are held, and do not let go of either before the changes are made."""
                        .formatted(beforeSecondLock ? "after it took its first lock, about to take its second"
                                : "when it first let go of one lock while holding the other",
                        twoToOne.result(), twoToThree.result(), left));
            }
            bank.assertBalances("after two transfers of 100 out of account 2, which held 100",
                    twoToOne.result() ? 100 : 0, 0, twoToThree.result() ? 100 : 0);
        } finally {
            bank.resumeAll();
        }
    }

    @Test
    @DisplayName("balance() waits while a transfer holds the account's lock")
    void balanceWaitsForATransfer() throws Exception {
        var bank = new Bank();
        var one = bank.account(1, 100);
        var two = bank.account(2, 0);
        try {
            var transfer = bank.pausedAtFirstLock("one-to-two", () -> one.transfer(two, 10));
            bank.awaitPausedOrStuck(transfer, "one.transfer(two, 10), alone so far");
            var reader = BlockingCall.call("reader", one::balance);
            reader.assertBlocks(DEADLINE, "one.balance() while one.transfer(two, 10) holds the lock of account 1");
            bank.resumeAll();
            assertThat(transfer.awaitResult(DEADLINE, STEADY, "nothing held it any more")).as("one.transfer(two, 10)").isTrue();
            assertThat(reader.awaitResult(DEADLINE, STEADY, "the transfer had let go of the lock"))
                    .as("one.balance() once the transfer of 10 out of 100 was done").isEqualTo(90);
        } finally {
            bank.resumeAll();
        }
    }

    @Test
    @DisplayName("a transfer interrupted while it waits for its first lock, or behind another transfer, throws and keeps no lock")
    void interruptedBeforeItHoldsAnything() throws Exception {
        var bank = new Bank();
        var one = bank.account(1, 100);
        var two = bank.account(2, 100);
        var three = bank.account(3, 100);
        var onesLock = bank.lockOf(one);
        onesLock.lock();
        try {
            var waiting = BlockingCall.call("two-to-one", () -> two.transfer(one, 10));
            if (!waiting.awaitWaitingOrDone(DEADLINE) || waiting.isDone()) {
                throw new AssertionError("The test held the lock of account 1, and two.transfer(one, 10) did not wait for it:%n%s"
                        .formatted(waiting.describe()));
            }
            waiting.interrupt();
            waiting.assertThrowsInterruptedException(DEADLINE, STEADY,
                    "two.transfer(one, 10) while the lock of account 1 was held by another thread");
        } finally {
            onesLock.unlock();
        }
        bank.assertNoLockHeld("""
                two.transfer(one, 10) was interrupted while it waited for the lock of account 1, and kept another \
                lock. Why: every lock taken before a wait must be given back when the wait ends in an exception.""");
        try {
            var busy = bank.pausedAtFirstLock("two-to-three", () -> two.transfer(three, 10));
            bank.awaitPausedOrStuck(busy, "two.transfer(three, 10), alone so far");
            var behind = BlockingCall.call("two-to-one", () -> two.transfer(one, 10));
            if (!behind.awaitWaitingOrDone(DEADLINE) && !behind.isDone()) {
                throw new AssertionError("two.transfer(one, 10) neither waited nor returned:%n%s".formatted(behind.describe()));
            }
            if (behind.isDone()) {
                throw new AssertionError("two.transfer(one, 10) returned while another transfer held the lock of account 2: "
                        + "a transfer must hold both accounts' locks while it moves the money.");
            }
            behind.interrupt();
            behind.assertThrowsInterruptedException(DEADLINE, STEADY, """
                    two.transfer(one, 10) waiting behind two.transfer(three, 10). (A thread waiting to enter a \
                    synchronized method or block cannot be interrupted: wait only with lockInterruptibly or \
                    tryLock)""");
            bank.resumeAll();
            assertThat(busy.awaitResult(DEADLINE, STEADY, "nothing held it any more")).as("two.transfer(three, 10)").isTrue();
        } finally {
            bank.resumeAll();
        }
        bank.assertBalances("after an interrupted transfer, a transfer of 10 from 2 to 3, and another interrupted one", 100, 90, 110);
    }

    @Test
    @DisplayName("after an interrupted transfer between two accounts with the same id, the next one goes through")
    void interruptedBetweenEqualIds() throws Exception {
        var bank = new Bank();
        var x = bank.account(7, 100);
        var y = bank.account(7, 100);
        var xsLock = bank.lockOf(x);
        var ysLock = bank.lockOf(y);
        xsLock.lock();
        ysLock.lock();
        try {
            var waiting = BlockingCall.call("x-to-y", () -> x.transfer(y, 10));
            if (!waiting.awaitWaitingOrDone(DEADLINE) || waiting.isDone()) {
                throw new AssertionError("The test held the locks of both accounts, and x.transfer(y, 10) did not wait:%n%s"
                        .formatted(waiting.describe()));
            }
            waiting.interrupt();
            waiting.assertThrowsInterruptedException(DEADLINE, STEADY, "x.transfer(y, 10) while both accounts' locks were held");
        } finally {
            ysLock.unlock();
            xsLock.unlock();
        }
        assertThat(alone("y.transfer(x, 20) after an interrupted x.transfer(y, 10)", () -> y.transfer(x, 20)))
                .as("y.transfer(x, 20) with 100 in y").isTrue();
        bank.assertBalances("after an interrupted transfer and one of 20 from y to x", 120, 80);
    }

    /** Accounts and transfers of one trial of the race below: four accounts, two of them with the same id. */
    record Ledger(Bank bank, List<Account> accounts) {
        static Ledger fresh() {
            var bank = new Bank();
            return new Ledger(bank, List.of(bank.account(1, 1000), bank.account(2, 1000), bank.account(2, 1000),
                    bank.account(3, 1000)));
        }
    }

    @Test
    @DisplayName("three threads moving money among four accounts, every way and to themselves, lose none")
    void manyTransfersEveryWay() {
        RaceScenario.of("teller", Ledger::fresh)
                .threads(3)
                .eachThread((ledger, index) -> {
                    var random = ThreadLocalRandom.current();
                    for (int i = 0; i < 200; i++) {
                        var from = ledger.accounts().get(random.nextInt(4));
                        var to = ledger.accounts().get(random.nextInt(4));
                        from.transfer(to, 1 + random.nextInt(50));
                    }
                })
                .afterAllThreads(ledger -> {
                    ledger.bank().assertNoLockHeld("After the transfers had all returned, a lock was still held.");
                    long total = 0;
                    for (var account : ledger.accounts()) {
                        long balance = account.balance();
                        if (balance < 0) {
                            throw new AssertionError("account %d ended with %d: transfers took more than it held. "
                                    .formatted(account.id(), balance)
                                    + "The check that the balance covers the amount must be made while both locks are held.");
                        }
                        total += balance;
                    }
                    if (total != 4000) {
                        throw new AssertionError("""
                                Four accounts held 4000 between them; after the transfers they held %d.
                                Why: a balance was read or changed without its account's lock held, so two \
                                transfers changed it at the same time and one change was lost."""
                                .formatted(total));
                    }
                })
                .trialDeadline(Duration.ofSeconds(1))
                .repeatFor(Duration.ofMillis(150));
    }

    /** Makes {@code call} on a thread of its own, the only one using the accounts; a wait there is a wait for itself. */
    private static <T> T alone(String what, Callable<T> call) throws InterruptedException {
        return BlockingCall.call("teller", call).awaitResult(DEADLINE, STEADY, """
                %s never returned. It was the only thread using the accounts, so nobody else held a lock it could wait for: \
                it waits for a lock its own thread kept, or for a lock an earlier call never gave back.""".formatted(what));
    }

    /**
     * Waits until both transfers have returned; fails at once when the JVM finds them deadlocked (each
     * waiting, with no time limit, for a lock the other holds), or at the deadline.
     */
    private static void awaitBothOrDeadlock(String what, BlockingCall<Boolean> first, BlockingCall<Boolean> second) {
        var threads = List.of(first.thread(), second.thread());
        boolean ended = ThreadWatch.pollUntil(DEADLINE, () -> (first.isDone() && second.isDone()) || FirstLockHold.deadlocked(threads));
        if (ended && first.isDone() && second.isDone()) {
            return;
        }
        var report = ThreadReport.describe(threads);
        threads.forEach(Thread::interrupt);
        if (ended) {
            throw new AssertionError("""
                    %s deadlocked: each took its first lock and now waits, for ever, for the lock the other holds.
                    %s
                    Why: the two transfers took the same two locks in opposite orders. Take them in one order \
                    that every transfer agrees on, whichever way the money goes (by id, say; and for two \
                    accounts with the same id something must break the tie), or try for the second lock with \
                    tryLock and a timeout, and on failure let go of the first, wait a random moment, and try \
                    again.""".formatted(what, report.stripTrailing()));
        }
        throw new AssertionError("""
                %s did not both return within %s, although each had the money and the test had let them go:
                %s
                A transfer that backs off must try again soon (within milliseconds), and one that waits must \
                wait for a lock that will be given back.""".formatted(what, Durations.readable(DEADLINE), report.stripTrailing()));
    }

    /**
     * The accounts of one test, each guarded by a {@link WatchedLock}: the bank can hold a transfer
     * right after it took its first lock, and audit the total whenever a lock is let go.
     */
    static final class Bank implements WatchedLock.Listener {
        private final List<Account> accounts = new ArrayList<>();
        private final Map<Account, WatchedLock> locks = new ConcurrentHashMap<>();
        private final FirstLockHold hold = new FirstLockHold();
        private volatile List<Audit> audits;
        private final ThreadLocal<Boolean> auditing = ThreadLocal.withInitial(() -> false);

        record Audit(String released, long total) {}

        Account account(int id, long balance) {
            var lock = new WatchedLock("the lock of account " + id, this);
            var account = new Account(id, balance, lock);
            accounts.add(account);
            locks.put(account, lock);
            return account;
        }

        WatchedLock lockOf(Account account) {
            return locks.get(account);
        }

        /** Makes {@code call} on a new thread that the bank holds when it first lets go of a lock while holding another. */
        BlockingCall<Boolean> pausedAtFirstRelease(String name, Callable<Boolean> call) {
            return hold.callHeldAtFirstRelease(name, call);
        }

        /** Waits until the transfer is held, or has returned (a transfer that never holds two locks at once is not held). */
        void awaitPausedOrDone(BlockingCall<Boolean> transfer) {
            ThreadWatch.pollUntil(DEADLINE, () -> hold.isHeld(transfer.thread()) || transfer.isDone()
                    || ThreadWatch.staysWaitingIn(transfer.thread(), Account.class, STEADY));
        }

        /** Makes {@code call} on a new thread that the bank holds when, holding one account's lock, it tries another. */
        BlockingCall<Boolean> pausedBeforeSecondLock(String name, Callable<Boolean> call) {
            return hold.callHeldBeforeSecondLock(name, call);
        }

        /** Makes {@code call} on a new thread that the bank holds right after it first takes an account's lock. */
        BlockingCall<Boolean> pausedAtFirstLock(String name, Callable<Boolean> call) {
            return hold.call(name, call);
        }

        void awaitPausedOrStuck(BlockingCall<Boolean> transfer, String what) {
            hold.awaitHeld(transfer, Account.class, what, DEADLINE);
        }

        void awaitPausedOrWaitingFor(BlockingCall<Boolean> transfer) {
            hold.awaitHeldOrWaiting(transfer, Account.class, DEADLINE);
        }

        void resumeAll() {
            hold.releaseAll();
        }

        /** From now on, whenever a thread lets go of an account's lock, notes the total of all balances. */
        List<Audit> auditAtEveryRelease() {
            var list = new CopyOnWriteArrayList<Audit>();
            audits = list;
            return list;
        }

        void assertBalances(String when, long... expected) {
            assertNoLockHeld("After the transfers had returned (%s), a lock was still held.".formatted(when));
            var actual = accounts.stream().mapToLong(Account::balance).toArray();
            assertThat(actual).as("balances of accounts %s %s",
                    accounts.stream().map(a -> Integer.toString(a.id())).toList(), when).containsExactly(expected);
        }

        void assertNoLockHeld(String story) {
            for (var lock : locks.values()) {
                if (lock.isLocked()) {
                    throw new AssertionError("""
                            %s
                            %s is still held, by thread "%s", and no code of yours is running any \
                            more: every later transfer that needs it would wait for ever.
                            Why: each lock() needs its unlock(), on every way out: a refused transfer, an \
                            exception, a transfer to the account itself (there the same lock is taken twice, \
                            and must be given back twice).""".formatted(story, lock.name(),
                            lock.owner() == null ? "?" : lock.owner().getName()));
                }
            }
        }

        @Override
        public void tried(WatchedLock lock) {
            hold.tried(lock);
        }

        @Override
        public void took(WatchedLock lock) {
            hold.took(lock);
        }

        @Override
        public void released(WatchedLock lock) {
            hold.released(lock);
            var list = audits;
            if (list == null || auditing.get()) {
                return;
            }
            auditing.set(true);
            try {
                list.add(new Audit(lock.name(), accounts.stream().mapToLong(Account::balance).sum()));
            } finally {
                auditing.set(false);
            }
        }
    }

    /** What {@code ./workbook explain} runs: two transfers between the same two accounts, in opposite directions. */
    static final class ExplainScenario implements Runnable {
        @Override
        public void run() {
            var first = new Account(1, 100);
            var second = new Account(2, 100);
            ScenarioThreads.runTogether(() -> first.transfer(second, 10), () -> second.transfer(first, 20));
            if (first.balance() != 110 || second.balance() != 90) {
                throw new AssertionError("after moving 10 one way and 20 the other, the balances are "
                        + first.balance() + " and " + second.balance() + " instead of 110 and 90");
            }
        }
    }
}
