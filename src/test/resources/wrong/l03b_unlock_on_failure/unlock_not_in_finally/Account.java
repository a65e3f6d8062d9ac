package l03b_unlock_on_failure;

import java.util.concurrent.locks.ReentrantLock;

/** Wrong: unlock() is the last statement, so any exception leaves the method with the lock still held. */
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
            throw new InsufficientFundsException(balance, amount);
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
