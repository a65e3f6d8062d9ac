package l03b_unlock_on_failure;

import java.util.concurrent.locks.ReentrantLock;

/** Wrong: withdraw() compares the balance with the amount before it takes the lock, so two withdrawals can both pass on the same money. */
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
        if (balance < amount) {
            throw new InsufficientFundsException(balance, amount);
        }
        lock.lock();
        try {
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
