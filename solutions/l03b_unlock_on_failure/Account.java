package l03b_unlock_on_failure;

import java.util.concurrent.locks.ReentrantLock;

/**
 * A bank account that many threads pay into and draw from at once.
 *
 * <p>Every method takes {@code lock} with {@code lock()} just before a {@code try} and gives it back
 * in the {@code finally}, so the lock is released however the method ends: by returning, by the
 * {@code InsufficientFundsException} it throws itself, by an exception it never wrote, such as
 * the {@code ArithmeticException} from {@code Math.addExact}, or by an {@code Error} from the
 * deposit check, which a {@code catch (Exception)} would not see. {@code lock()} sits outside the
 * {@code try}: if taking the lock failed, there would be nothing to release. The check runs under
 * the lock, so that no other change comes between the balance it approved and the deposit.
 *
 * <p>A {@code synchronized} method would be just as right: a monitor is always released when an
 * exception leaves the block. A {@code ReentrantLock} leaves the releasing to you.
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

    private final ReentrantLock lock = new ReentrantLock();
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
