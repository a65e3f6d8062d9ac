package l03b_unlock_on_failure;

import java.util.concurrent.Semaphore;

/**
 * Right, with a Semaphore(1) as the mutex: one permit, acquired before each try and released in its
 * finally, so it comes back on every way out. No method calls another while holding the permit,
 * so it need not be reentrant.
 */
public class Account {

    public static final class InsufficientFundsException extends RuntimeException {
        public InsufficientFundsException(long balance, long amount) {
            super("cannot withdraw " + amount + " from a balance of " + balance);
        }
    }

    /**
     * Approves each deposit before it is made: the bank's check on where the money comes from. It
     * runs while the account is locked, so it sees the balance the deposit will be added to.
     */
    @FunctionalInterface
    public interface DepositCheck {
        /** Returns to approve the deposit; throws anything, an exception or an error, to refuse it. */
        void approve(long balance, long amount);
    }

    private final Semaphore mutex = new Semaphore(1);
    private long balance; // guarded by mutex
    private final DepositCheck check;

    public Account(long openingBalance) {
        this(openingBalance, (balance, amount) -> {});
    }

    public Account(long openingBalance, DepositCheck check) {
        this.balance = openingBalance;
        this.check = check;
    }

    public void deposit(long amount) {
        mutex.acquireUninterruptibly();
        try {
            check.approve(balance, amount);
            balance = Math.addExact(balance, amount);
        } finally {
            mutex.release();
        }
    }

    public void withdraw(long amount) {
        mutex.acquireUninterruptibly();
        try {
            if (balance < amount) {
                throw new InsufficientFundsException(balance, amount);
            }
            balance -= amount;
        } finally {
            mutex.release();
        }
    }

    public long balance() {
        mutex.acquireUninterruptibly();
        try {
            return balance;
        } finally {
            mutex.release();
        }
    }
}
