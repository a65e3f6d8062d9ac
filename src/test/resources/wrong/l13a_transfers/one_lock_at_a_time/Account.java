package l13a_transfers;

import java.util.concurrent.locks.ReentrantLock;

/** Wrong: it holds one lock at a time, so between the withdrawal and the deposit the money is in neither account. */
public class Account {

    private final int id;
    private final ReentrantLock lock;
    private long balance; // guarded by lock

    public Account(int id, long balance) {
        this(id, balance, new ReentrantLock());
    }

    /** An account guarded by {@code lock}: the tests hand in locks that watch who takes them. */
    Account(int id, long balance, ReentrantLock lock) {
        this.id = id;
        this.balance = balance;
        this.lock = lock;
    }

    public int id() {
        return id;
    }

    public long balance() {
        lock.lock();
        try {
            return balance;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Moves {@code amount} (more than zero) from this account to {@code to} and returns true, or
     * returns false and moves nothing when this account holds less than {@code amount}.
     */
    public boolean transfer(Account to, long amount) throws InterruptedException {
        lock.lockInterruptibly();
        try {
            if (balance < amount) {
                return false;
            }
            balance -= amount;
        } finally {
            lock.unlock();
        }
        to.lock.lockInterruptibly();
        try {
            to.balance += amount;
            return true;
        } finally {
            to.lock.unlock();
        }
    }
}
