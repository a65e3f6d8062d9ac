package l03b_unlock_on_failure;

import java.util.concurrent.locks.ReentrantLock;

/** Wrong: the finally unlocks, and so does the line before the throw, so a failing call unlocks twice. */
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
        lock.lock();
        try {
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
