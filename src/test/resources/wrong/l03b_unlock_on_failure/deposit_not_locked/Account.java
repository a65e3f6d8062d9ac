package l03b_unlock_on_failure;

import java.util.concurrent.locks.ReentrantLock;

/** Wrong: withdraw() is guarded, but deposit() "cannot go wrong" and takes no lock, so deposits made together get lost. */
public class Account {

    public static final class InsufficientFundsException extends RuntimeException {
        public InsufficientFundsException(long balance, long amount) {
            super("cannot withdraw " + amount + " from a balance of " + balance);
        }
    }

    private final ReentrantLock lock = new ReentrantLock();
    private long balance;

    public Account(long openingBalance) {
        this.balance = openingBalance;
    }

    public void deposit(long amount) {
        balance = Math.addExact(balance, amount);
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
