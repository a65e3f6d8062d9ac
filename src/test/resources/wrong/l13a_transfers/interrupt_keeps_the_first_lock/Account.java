package l13a_transfers;

import java.util.concurrent.locks.ReentrantLock;

/** Wrong: when the wait for the second lock is interrupted, the first lock is never given back. */
public class Account {

    /** Taken first by a transfer between two different accounts with the same id. */
    private static final ReentrantLock SAME_ID_TIE = new ReentrantLock();

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
        if (to.id == id && to != this) {
            SAME_ID_TIE.lockInterruptibly();
            try {
                return moveHolding(this, to, to, amount);
            } finally {
                SAME_ID_TIE.unlock();
            }
        }
        var first = id <= to.id ? this : to;
        var second = first == this ? to : this;
        return moveHolding(first, second, to, amount);
    }

    private boolean moveHolding(Account first, Account second, Account to, long amount) throws InterruptedException {
        first.lock.lockInterruptibly();
        second.lock.lockInterruptibly();
        try {
            try {
                if (balance < amount) {
                    return false;
                }
                balance -= amount;
                to.balance += amount;
                return true;
            } finally {
                second.lock.unlock();
            }
        } finally {
            first.lock.unlock();
        }
    }
}
