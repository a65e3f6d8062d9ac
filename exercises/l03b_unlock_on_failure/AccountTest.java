package l03b_unlock_on_failure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.Duration;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import workbook.testkit.Counts;
import workbook.testkit.RaceScenario;
import workbook.testkit.Workers;

class AccountTest {

    /** Far longer than a deposit takes even on a busy machine, far shorter than "forever". */
    private static final Duration DEADLINE = Duration.ofSeconds(1);

    private static final int THREADS = 4;
    private static final int DEPOSITS_PER_THREAD = 10_000;

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
    @DisplayName("four threads depositing at the same time lose no deposit")
    void concurrentDepositsAreNotLost() {
        RaceScenario.of("depositor", () -> new Account(0))
                .threads(THREADS)
                .eachThread((account, index) -> {
                    for (int i = 0; i < DEPOSITS_PER_THREAD; i++) {
                        account.deposit(1);
                    }
                })
                .afterAllThreads(account ->
                        Counts.assertNoLostUpdates("deposit(1)", THREADS, DEPOSITS_PER_THREAD, account.balance()))
                .repeatFor(Duration.ofMillis(300));
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
        try {
            Workers.start("next-customer", 1, index -> {
                account.deposit(10);
                account.withdraw(5);
            }).awaitCompletion(DEADLINE);
        } catch (AssertionError stuck) {
            throw new AssertionError("""
                    On thread "first-customer-0", %s. Then thread "next-customer-0" tried deposit(10) and \
                    withdraw(5), and did not finish within %s: it is waiting for a lock that nobody will \
                    ever release.
                    Why: the exception left the method between lock() and unlock(), so unlock() never \
                    ran, and the thread that held the lock has ended. Every lock() needs its unlock() \
                    in a finally block: lock.lock(); try { … } finally { lock.unlock(); }
                    %s""".formatted(failure, DEADLINE.toSeconds() + " s", stuck.getMessage()), stuck);
        }
        assertThat(account.balance()).as("balance after opening with 30, a refused call, deposit(10) and withdraw(5)")
                .isEqualTo(35);
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
