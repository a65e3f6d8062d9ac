package l03b_unlock_on_failure;

import java.util.concurrent.locks.StampedLock;

/**
 * Right, with a StampedLock: changes hold the write lock and balance() the read lock, each given
 * back in a finally with the stamp it was taken with. Nothing here locks twice, which matters:
 * a StampedLock is not reentrant.
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

    private final StampedLock lock = new StampedLock();
    private long balance; // guarded by lock
    private final DepositCheck check;

    public Account(long openingBalance) {
        this(openingBalance, (balance, amount) -> {});
    }

    public Account(long openingBalance, DepositCheck check) {
        this.balance = openingBalance;
        this.check = check;
    }

    public void deposit(long amount) {
        long stamp = lock.writeLock();
        try {
            check.approve(balance, amount);
            balance = Math.addExact(balance, amount);
        } finally {
            lock.unlockWrite(stamp);
        }
    }

    public void withdraw(long amount) {
        long stamp = lock.writeLock();
        try {
            if (balance < amount) {
                throw new InsufficientFundsException(balance, amount);
            }
            balance -= amount;
        } finally {
            lock.unlockWrite(stamp);
        }
    }

    public long balance() {
        long stamp = lock.readLock();
        try {
            return balance;
        } finally {
            lock.unlockRead(stamp);
        }
    }
}
