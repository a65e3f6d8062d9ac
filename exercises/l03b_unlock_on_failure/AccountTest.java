package l03b_unlock_on_failure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

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
        account.deposit(20);
        account.withdraw(15);
        assertThat(account.balance()).as("balance after opening with 30, deposit(20), withdraw(15)").isEqualTo(35);

        var thrown = catchThrowable(() -> account.withdraw(50));
        failIfUnlockedTwice(thrown, "withdraw(50) from a balance of 35");
        assertThat(thrown).as("what withdraw(50) from a balance of 35 threw")
                .isInstanceOf(Account.InsufficientFundsException.class);
        assertThat(account.balance()).as("balance after the refused withdraw(50)").isEqualTo(35);
    }

    @Test
    @DisplayName("one thread: a deposit that would overflow the balance throws and changes nothing")
    void overflowingDepositThrowsAndChangesNothing() {
        var account = new Account(1);
        var thrown = catchThrowable(() -> account.deposit(Long.MAX_VALUE));
        failIfUnlockedTwice(thrown, "deposit(Long.MAX_VALUE) to a balance of 1");
        assertThat(thrown).as("what deposit(Long.MAX_VALUE) to a balance of 1 threw").isInstanceOf(ArithmeticException.class);
        assertThat(account.balance()).as("balance after the refused deposit").isEqualTo(1);
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
    @DisplayName("while a deposit is being checked, other deposits and withdrawals wait for it")
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
        try {
            if (!checking.await(DEADLINE.toMillis(), TimeUnit.MILLISECONDS)) {
                depositor.awaitResult(DEADLINE, "deposit(10) should have asked its check to approve it.");
                throw new AssertionError("deposit(10) returned without asking the account's DepositCheck to approve it.");
            }
            assertWaits(BlockingCall.run("withdrawer", () -> account.withdraw(30)), "withdraw(30)");
            assertWaits(BlockingCall.run("second-depositor", () -> account.deposit(5)), "deposit(5)");
        } finally {
            mayApprove.countDown();
        }
        depositor.awaitResult(DEADLINE, "deposit(10) should return once its check approved it.");
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
                    if (account.balance() != opening) {
                        throw new AssertionError("""
                                The account opened with %d; two threads each made %d deposits of 1 and two threads \
                                each made %d withdrawals of 1, at the same time. The balance should be back at %d; \
                                it is %d.
                                Why: balance -= amount and balance = balance + amount each read the balance and \
                                write it back. Two threads that do it at once both read the same value, and one \
                                change is lost. Every change, deposits and withdrawals alike, must happen under \
                                the same lock.""".formatted(opening, CALLS_PER_THREAD, CALLS_PER_THREAD, opening,
                                account.balance()));
                    }
                })
                .trialDeadline(DEADLINE)
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
                    if (race.paidOut().get() != opening || race.account().balance() != 0) {
                        throw new AssertionError("""
                                The account opened with %d; four threads each tried withdraw(1) %d times, all at \
                                once. %d withdrawals succeeded, and the balance is %d; expected %d and 0.
                                Why: withdraw() checks the balance, then takes the money. When the check and the \
                                change are not under one hold of the lock, two threads can both see the last unit \
                                and both take it.""".formatted(opening, triesPerThread, race.paidOut().get(),
                                race.account().balance(), opening));
                    }
                })
                .trialDeadline(DEADLINE)
                .repeatFor(Duration.ofMillis(40));
    }

    @Test
    @DisplayName("two accounts side by side keep their own balance")
    void twoAccountsKeepTheirOwnBalance() {
        var first = new Account(10);
        var second = new Account(20);
        first.deposit(5);
        if (first.balance() != 15 || second.balance() != 20) {
            throw new AssertionError("""
                    One account opened with 10 and another with 20; after deposit(5) into the first, their \
                    balances are %d and %d (expected 15 and 20).
                    Why: a static field is one for the whole class, shared by every account: keep the balance \
                    in an instance field.""".formatted(first.balance(), second.balance()));
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
        var next = BlockingCall.run("next-customer", () -> {
            account.deposit(10);
            account.withdraw(5);
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
        try {
            next.awaitResult(DEADLINE, "deposit(10) and withdraw(5) on an account of 30 should return at once.");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
        assertThat(account.balance()).as("balance after opening with 30, a refused call, deposit(10) and withdraw(5)")
                .isEqualTo(35);
    }

    /** The call must end up waiting inside Account (for the lock the paused deposit holds), not finish. */
    private static void assertWaits(BlockingCall<Void> call, String what) {
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

    private static String describeEnd(BlockingCall<Void> call) {
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
