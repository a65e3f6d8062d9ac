package l03b_unlock_on_failure;

import java.util.concurrent.locks.ReentrantLock;

/** Wrong: it unlocks before the throw it wrote, but not before the one Math.addExact throws, so that one keeps the lock. */
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
        balance = Math.addExact(balance, amount);
        lock.unlock();
    }

    public void withdraw(long amount) {
        lock.lock();
        if (balance < amount) {
            long current = balance;
            lock.unlock();
            throw new InsufficientFundsException(current, amount);
        }
        balance -= amount;
        lock.unlock();
    }

    public long balance() {
        lock.lock();
        long current = balance;
        lock.unlock();
        return current;
    }
}
