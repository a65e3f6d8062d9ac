package l03b_unlock_on_failure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import workbook.testkit.BlockingCall;
import workbook.testkit.Counts;
import workbook.testkit.Durations;
import workbook.testkit.RaceScenario;
import workbook.testkit.StaleReads;
import workbook.testkit.ThreadWatch;
import workbook.testkit.Workers;

class AccountTest {

    /** Far longer than a deposit takes even on a busy machine, far shorter than "forever". */
    private static final Duration DEADLINE = Duration.ofSeconds(1);

    /** How long a thread must sit in one wait inside Account, unmoved, to count as stuck there. */
    private static final Duration STEADY = Duration.ofMillis(50);

    private static final int THREADS = 4;
    private static final int CALLS_PER_THREAD = 2_000;

    /** What a deposit check throws to refuse, in the tests: an Error, as OutOfMemoryError is, not an Exception. */
    static final class CheckCrashed extends Error {
        CheckCrashed() {
            super("the deposit check crashed (thrown by the test)");
        }
    }

    @Test
    @DisplayName("one thread: deposits and withdrawals add up, and a withdrawal of too much throws and changes nothing")
    void withdrawingTooMuchThrowsAndChangesNothing() {
        var account = new Account(30);
        var calls = new InTurn();
        calls.run("deposit(20)", () -> account.deposit(20));
        calls.run("withdraw(15)", () -> account.withdraw(15));
        assertThat(calls.balance(account)).as("balance after opening with 30, deposit(20), withdraw(15)").isEqualTo(35);

        var thrown = calls.fail("withdraw(50) from a balance of 35", () -> account.withdraw(50));
        assertThat(thrown).as("what withdraw(50) from a balance of 35 threw")
                .isInstanceOf(Account.InsufficientFundsException.class);
        assertThat(calls.balance(account)).as("balance after the refused withdraw(50)").isEqualTo(35);
    }

    @Test
    @DisplayName("one thread: a deposit that would overflow the balance throws and changes nothing")
    void overflowingDepositThrowsAndChangesNothing() {
        var account = new Account(1);
        var calls = new InTurn();
        var thrown = calls.fail("deposit(Long.MAX_VALUE) to a balance of 1", () -> account.deposit(Long.MAX_VALUE));
        assertThat(thrown).as("what deposit(Long.MAX_VALUE) to a balance of 1 threw").isInstanceOf(ArithmeticException.class);
        assertThat(calls.balance(account)).as("balance after the refused deposit").isEqualTo(1);
    }

    @Test
    @DisplayName("after a withdrawal fails on one thread, another thread can still use the account")
    void aFailedWithdrawalReleasesTheLock() {
        var account = new Account(30);
        failOnce("withdraw(50) from a balance of 30", Account.InsufficientFundsException.class, () -> account.withdraw(50));
        useFromAnotherThread(account, "withdraw(50) threw InsufficientFundsException");
    }

    @Test
    @DisplayName("after a deposit fails on one thread, another thread can still use the account")
    void aFailedDepositReleasesTheLock() {
        var account = new Account(30);
        failOnce("deposit(Long.MAX_VALUE) to a balance of 30", ArithmeticException.class, () -> account.deposit(Long.MAX_VALUE));
        useFromAnotherThread(account, "deposit(Long.MAX_VALUE) threw ArithmeticException (from Math.addExact)");
    }

    @Test
    @DisplayName("after the deposit check throws an Error on one thread, another thread can still use the account")
    void aDepositRefusedWithAnErrorReleasesTheLock() {
        var account = new Account(30, (balance, amount) -> {
            if (amount == 13) {
                throw new CheckCrashed();
            }
        });
        failOnce("deposit(13), whose check threw CheckCrashed (an Error),", CheckCrashed.class, () -> account.deposit(13));
        useFromAnotherThread(account, "deposit(13) ended with CheckCrashed, an Error thrown by the deposit check");
    }

    @Test
    @DisplayName("while a deposit is being checked, other deposits and withdrawals wait for it, and balance() does not fail")
    void aDepositBeingCheckedHoldsOffOtherChanges() throws Exception {
        var checking = new CountDownLatch(1);
        var mayApprove = new CountDownLatch(1);
        var checker = new AtomicLong(-1);
        var account = new Account(30, (balance, amount) -> {
            if (amount == 10 && checker.compareAndSet(-1, Thread.currentThread().threadId())) {
                checking.countDown();
                awaitQuietly(mayApprove);
            }
        });
        var depositor = BlockingCall.run("depositor", () -> account.deposit(10));
        BlockingCall<Boolean> firstWithdrawal;
        BlockingCall<Boolean> secondWithdrawal;
        BlockingCall<Void> secondDeposit;
        try {
            if (!checking.await(DEADLINE.toMillis(), TimeUnit.MILLISECONDS)) {
                depositor.awaitResult(DEADLINE, "deposit(10) should have asked its check to approve it.");
                throw new AssertionError("deposit(10) returned without asking the account's DepositCheck to approve it.");
            }
            firstWithdrawal = BlockingCall.call("withdrawer", () -> withdrawOrRefuse(account, 30));
            assertWaits(firstWithdrawal, "withdraw(30)");
            secondWithdrawal = BlockingCall.call("second-withdrawer", () -> withdrawOrRefuse(account, 30));
            assertWaits(secondWithdrawal, "withdraw(30)");
            secondDeposit = BlockingCall.run("second-depositor", () -> account.deposit(5));
            assertWaits(secondDeposit, "deposit(5)");
            assertReadsTheBalanceBeforeTheDeposit(account);
            for (var waiting : List.of(firstWithdrawal, secondWithdrawal, secondDeposit)) {
                var thread = waiting.thread();
                ThreadWatch.pollUntil(DEADLINE, () -> waiting.isDone() || ThreadWatch.staysWaitingIn(thread, Account.class, STEADY));
                if (waiting.isDone()) {
                    throw new AssertionError("""
                            Thread "depositor" was inside deposit(10), its check paused with the lock held, and \
                            thread "%s" waited for the lock. Then thread "reader" called balance(), and "%s" \
                            got in and %s while "depositor" still held the lock.
                            Why: balance() gave back a lock it never got. A release must follow only an \
                            acquisition that succeeded: tryAcquire()/tryLock() whose answer is ignored, then \
                            release() in finally, adds a permit, and two threads are let in at once."""
                            .formatted(thread.getName(), thread.getName(), describeEnd(waiting)));
                }
            }
        } finally {
            mayApprove.countDown();
        }
        var released = List.of(depositor, firstWithdrawal, secondWithdrawal, secondDeposit);
        ThreadWatch.pollUntil(DEADLINE, () -> released.stream().allMatch(BlockingCall::isDone)
                || released.stream().allMatch(call -> call.isDone() || ThreadWatch.staysWaitingIn(call.thread(), Account.class, STEADY)));
        var stuck = released.stream().filter(call -> !call.isDone()).toList();
        if (!stuck.isEmpty() && stuck.stream().allMatch(call -> ThreadWatch.isWaitingIn(call.thread(), Account.class))) {
            var where = stuck.stream().map(BlockingCall::describe).collect(Collectors.joining("\n"));
            stuck.forEach(BlockingCall::interrupt);
            throw new AssertionError("""
                    deposit(10) had its check approved; it and the calls waiting behind it, withdraw(30) twice \
                    and deposit(5), should all have ended. Some still wait for the lock, and every other call \
                    has ended: one of them kept it (a withdrawal of 30 the balance could not cover throws).
                    Why: every way out of a method must release the lock, returning or throwing: \
                    lock.lock(); try { … } finally { lock.unlock(); }.
                    %s""".formatted(where));
        }
        depositor.awaitResult(DEADLINE, "deposit(10) should return once its check approved it.");
        secondDeposit.awaitResult(DEADLINE, "deposit(5) should return once deposit(10) gave the lock back.");
        int paidOut = (firstWithdrawal.awaitResult(DEADLINE, "withdraw(30) should return once deposit(10) gave the lock back.") ? 1 : 0)
                + (secondWithdrawal.awaitResult(DEADLINE, "withdraw(30) should return once deposit(10) gave the lock back.") ? 1 : 0);
        long balance = new InTurn("the deposits and withdrawals").balance(account);
        if (paidOut != 1 || balance != 15) {
            throw new AssertionError("""
                    The account held 30 while the check of deposit(10) was paused, with the lock held. Two \
                    threads called withdraw(30) and one deposit(5); all three waited. Once they were let go, \
                    the balance went to 45 in all: one withdrawal of 30 fits, the other must be refused. %d \
                    succeeded, and the balance is %d (expected 1, and 15).
                    Why: a withdrawal that looks at the balance before it holds the lock decides on a balance \
                    that may be gone when it takes the money (here, both saw 30 and waited). The check \
                    (balance < amount) and the change must happen under one hold of the lock."""
                    .formatted(paidOut, balance));
        }
    }

    /** withdraw(amount): true when it paid out, false when it was refused for lack of money. */
    private static boolean withdrawOrRefuse(Account account, long amount) {
        try {
            account.withdraw(amount);
            return true;
        } catch (Account.InsufficientFundsException refused) {
            return false;
        }
    }

    /**
     * balance(), called while a deposit's check holds the lock, may wait for the lock or answer the
     * balance from before the deposit; it must not fail (as an unlock() of a lock it never got does).
     */
    private static void assertReadsTheBalanceBeforeTheDeposit(Account account) {
        var read = BlockingCall.call("reader", account::balance);
        var thread = read.thread();
        ThreadWatch.pollUntil(DEADLINE, () -> read.isDone() || ThreadWatch.staysWaitingIn(thread, Account.class, STEADY));
        if (!read.isDone()) {
            if (ThreadWatch.isWaitingIn(thread, Account.class)) {
                return;
            }
            throw new AssertionError("balance() neither returned nor waited for the lock within %s:%n%s"
                    .formatted(Durations.readable(DEADLINE), read.describe()));
        }
        Throwable thrown = null;
        long balance = -1;
        try {
            balance = read.result();
        } catch (AssertionError wrapped) {
            thrown = wrapped.getCause();
        }
        if (thrown != null || balance != 30) {
            throw new AssertionError("""
                    Thread "depositor" was inside deposit(10) on an account holding 30, its check paused with \
                    the lock held. Thread "reader" called balance() meanwhile, and it %s (expected it to wait \
                    for the lock, or to answer 30).
                    Why: balance() must take the lock and wait while another thread holds it. tryLock() \
                    whose answer is ignored reads without the lock, and its unlock() then gives back a lock \
                    this thread never got: IllegalMonitorStateException.""".formatted(
                    thrown != null ? "threw " + thrown : "returned " + balance), thrown);
        }
    }

    @Test
    @DisplayName("two threads depositing and two withdrawing at the same time lose no change")
    void concurrentChangesAreNotLost() {
        long opening = 2L * CALLS_PER_THREAD;
        RaceScenario.of("customer", () -> new Account(opening))
                .threads(THREADS)
                .eachThread((account, index) -> {
                    for (int i = 0; i < CALLS_PER_THREAD; i++) {
                        if (index % 2 == 0) {
                            account.deposit(1);
                        } else {
                            account.withdraw(1);
                        }
                    }
                })
                .afterAllThreads(account -> {
                    long balance = new InTurn("the racing threads' deposits and withdrawals").balance(account);
                    if (balance != opening) {
                        throw new AssertionError("""
                                The account opened with %d; two threads each made %d deposits of 1 and two threads \
                                each made %d withdrawals of 1, at the same time. The balance should be back at %d; \
                                it is %d.
                                Why: balance -= amount and balance = balance + amount each read the balance and \
                                write it back. Two threads that do it at once both read the same value, and one \
                                change is lost. Every change, deposits and withdrawals alike, must happen under \
                                the same lock.""".formatted(opening, CALLS_PER_THREAD, CALLS_PER_THREAD, opening,
                                balance));
                    }
                })
                .trialDeadline(DEADLINE)
                .stuckWhenAllWaitIn(Account.class)
                .repeatFor(Duration.ofMillis(40));
    }

    /** An account with a little money, and how many withdrawals of 1 succeeded on it. */
    record LastMoney(Account account, AtomicLong paidOut) {}

    @Test
    @DisplayName("four threads withdrawing the last of the money never overdraw")
    void concurrentWithdrawalsNeverOverdraw() {
        long opening = 200;
        int triesPerThread = 200;
        RaceScenario.of("withdrawer", () -> new LastMoney(new Account(opening), new AtomicLong()))
                .threads(THREADS)
                .eachThread((race, index) -> {
                    for (int i = 0; i < triesPerThread; i++) {
                        try {
                            race.account().withdraw(1);
                            race.paidOut().incrementAndGet();
                        } catch (Account.InsufficientFundsException refused) {
                            // the money is gone: refusing is right
                        }
                    }
                })
                .afterAllThreads(race -> {
                    long balance = new InTurn("the racing threads' withdrawals").balance(race.account());
                    if (race.paidOut().get() != opening || balance != 0) {
                        throw new AssertionError("""
                                The account opened with %d; four threads each tried withdraw(1) %d times, all at \
                                once. %d withdrawals succeeded, and the balance is %d; expected %d and 0.
                                Why: withdraw() checks the balance, then takes the money. When the check and the \
                                change are not under one hold of the lock, two threads can both see the last unit \
                                and both take it.""".formatted(opening, triesPerThread, race.paidOut().get(),
                                balance, opening));
                    }
                })
                .trialDeadline(DEADLINE)
                .stuckWhenAllWaitIn(Account.class)
                .repeatFor(Duration.ofMillis(40));
    }

    @Test
    @DisplayName("two accounts side by side keep their own balance")
    void twoAccountsKeepTheirOwnBalance() {
        var first = new Account(10);
        var second = new Account(20);
        var calls = new InTurn();
        calls.run("deposit(5) into the first account", () -> first.deposit(5));
        long firstBalance = calls.balance(first);
        long secondBalance = calls.balance(second);
        if (firstBalance != 15 || secondBalance != 20) {
            throw new AssertionError("""
                    One account opened with 10 and another with 20; after deposit(5) into the first, their \
                    balances are %d and %d (expected 15 and 20).
                    Why: a static field is one for the whole class, shared by every account: keep the balance \
                    in an instance field.""".formatted(firstBalance, secondBalance));
        }
    }

    /** Runs in a child JVM with the JIT on: a thread keeps reading balance() while another deposits. */
    static final class BalanceProbe {
        public static void main(String[] args) {
            StaleReads.watch(new Account(0), account -> account.balance() > 0, account -> account.deposit(1));
        }
    }

    @Test
    @DisplayName("balance() sees a deposit made by another thread while it reads (checked with the JIT on)")
    void balanceSeesADepositMadeWhileItReads() {
        StaleReads.assertSeen(BalanceProbe.class, "balance()", "deposit(1)");
    }

    /**
     * Makes the test's own calls one after another, each on a thread of its own, so that none can
     * hang the test. No other thread uses the account meanwhile: a call that waits in Account waits
     * for a lock that an earlier call kept, and fails at once, naming that call. (A ReentrantLock
     * lets the thread that kept it back in, so calls made on one thread would not show it.)
     */
    private static final class InTurn {
        private String before;

        InTurn() {
            this(null);
        }

        /** {@code before}: what used the account just before, for the message; null for a new account. */
        InTurn(String before) {
            this.before = before;
        }

        void run(String what, Runnable call) {
            call(what, () -> {
                call.run();
                return null;
            });
        }

        long balance(Account account) {
            return call("balance()", account::balance);
        }

        /** Makes {@code call}, which must throw, and returns what it threw. */
        Throwable fail(String what, Runnable call) {
            var thrown = call(what, () -> catchThrowable(call::run));
            failIfUnlockedTwice(thrown, what);
            return thrown;
        }

        private <T> T call(String what, Callable<T> call) {
            var made = BlockingCall.call("customer", call);
            var thread = made.thread();
            ThreadWatch.pollUntil(DEADLINE, () -> made.isDone() || ThreadWatch.staysWaitingIn(thread, Account.class, STEADY));
            if (!made.isDone()) {
                var where = made.describe();
                made.interrupt();
                if (!ThreadWatch.isWaitingIn(thread, Account.class)) {
                    throw new AssertionError("%s neither returned nor waited within %s:%n%s"
                            .formatted(what, Durations.readable(DEADLINE), where));
                }
                throw new AssertionError(before == null
                        ? """
                        %s, the first call on a new account, waits for the lock, and no other thread is using \
                        the account: the lock is taken from the start and nobody will give it back.
                        Why: a lock must start free (new ReentrantLock(), or new Semaphore(1): one permit).
                        %s""".formatted(what, where)
                        : """
                        %s waits for the lock, and no other thread is using the account: %s, just before, \
                        ended without giving the lock back. Each call ran on a thread of its own.
                        Why: every way out of a method must release the lock, returning or throwing: \
                        lock.lock(); try { … } finally { lock.unlock(); }. A ReentrantLock lets the thread \
                        that kept it back in, so that thread would not notice; any other thread waits for ever.
                        %s""".formatted(what, before, where));
            }
            before = what;
            return made.result();
        }
    }

    /** Runs {@code call} on a thread of its own, which must end by throwing {@code expected}. */
    private static void failOnce(String what, Class<? extends Throwable> expected, Runnable call) {
        Workers.start("first-customer", 1, index -> {
            var thrown = catchThrowable(call::run);
            failIfUnlockedTwice(thrown, what);
            assertThat(thrown).as("what %s threw", what).isInstanceOf(expected);
        }).awaitCompletion(DEADLINE);
    }

    /**
     * A different thread than the one that failed must get the lock: the failed thread itself would
     * get it again even if it was never released, since a ReentrantLock lets its holder back in.
     */
    private static void useFromAnotherThread(Account account, String failure) {
        var next = BlockingCall.call("next-customer", () -> {
            account.deposit(10);
            account.withdraw(5);
            return account.balance();
        });
        var thread = next.thread();
        ThreadWatch.pollUntil(DEADLINE, () -> next.isDone() || ThreadWatch.staysWaitingIn(thread, Account.class, STEADY));
        if (!next.isDone() && ThreadWatch.isWaitingIn(thread, Account.class)) {
            var where = next.describe();
            next.interrupt();
            throw new AssertionError("""
                    On thread "first-customer-0", %s. Then thread "next-customer" tried deposit(10) and \
                    withdraw(5), and it waits for the lock, which nobody will ever give back: "first-customer-0" \
                    has ended without releasing it.
                    Why: that way out of the method skipped the release. Code after the line that threw never \
                    runs, and catch (Exception) does not see an Error (OutOfMemoryError, StackOverflowError, or \
                    the CheckCrashed the test threw). Only finally runs on every way out: \
                    lock.lock(); try { … } finally { lock.unlock(); }, and no other unlock().
                    %s""".formatted(failure, where));
        }
        long balance;
        try {
            balance = next.awaitResult(DEADLINE, "deposit(10), withdraw(5) and balance() on an account of 30 should return at once.");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
        assertThat(balance).as("balance after opening with 30, a refused call, deposit(10) and withdraw(5)")
                .isEqualTo(35);
    }

    /** The call must end up waiting inside Account (for the lock the paused deposit holds), not finish. */
    private static void assertWaits(BlockingCall<?> call, String what) {
        var thread = call.thread();
        ThreadWatch.pollUntil(DEADLINE, () -> call.isDone() || ThreadWatch.staysWaitingIn(thread, Account.class, STEADY));
        if (call.isDone()) {
            throw new AssertionError("""
                    Thread "depositor" was inside deposit(10), and its DepositCheck had not yet approved it. \
                    Meanwhile thread "%s" called %s, and it %s instead of waiting.
                    Why: the check approves the deposit against the balance it saw. A change made in between \
                    goes unchecked: the check and the change must happen under one hold of the same lock, and \
                    every other change must take that lock too.""".formatted(thread.getName(), what,
                    describeEnd(call)));
        }
        if (!ThreadWatch.isWaitingIn(thread, Account.class)) {
            throw new AssertionError("%s neither returned nor waited for the lock within %s:%n%s"
                    .formatted(what, Durations.readable(DEADLINE), call.describe()));
        }
    }

    private static String describeEnd(BlockingCall<?> call) {
        try {
            call.result();
            return "returned";
        } catch (AssertionError thrown) {
            return "threw " + thrown.getCause();
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            if (!latch.await(DEADLINE.toMillis() * 3, TimeUnit.MILLISECONDS)) {
                throw new AssertionError("the test never let the paused deposit check go on");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void failIfUnlockedTwice(Throwable thrown, String what) {
        if (thrown instanceof IllegalMonitorStateException) {
            throw new AssertionError("""
                    %s threw IllegalMonitorStateException: unlock() was called by a thread that no \
                    longer held the lock.
                    Why: the lock was released twice, once before the exception and once more on the \
                    way out. With unlock() in a finally block, do not unlock anywhere else: the finally \
                    runs however the method ends.""".formatted(what), thrown);
        }
    }
}
