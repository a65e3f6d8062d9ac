package l03b_unlock_on_failure;

import java.util.concurrent.locks.ReentrantLock;

/** Wrong: the finally unlocks, and so does the line before the throw, so a failing call unlocks twice. */
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

    private final ReentrantLock lock = new ReentrantLock();
    private long balance;
    private final DepositCheck check;

    public Account(long openingBalance) {
        this(openingBalance, (balance, amount) -> {});
    }

    public Account(long openingBalance, DepositCheck check) {
        this.balance = openingBalance;
        this.check = check;
    }

    public void deposit(long amount) {
        lock.lock();
        try {
            check.approve(balance, amount);
            balance = Math.addExact(balance, amount);
        } finally {
            lock.unlock();
        }
    }

    public void withdraw(long amount) {
        lock.lock();
        try {
            if (balance < amount) {
                lock.unlock();
                throw new InsufficientFundsException(balance, amount);
            }
            balance -= amount;
        } finally {
            lock.unlock();
        }
    }

    public long balance() {
        lock.lock();
        try {
            return balance;
        } finally {
            lock.unlock();
        }
    }
}
