package l13a_transfers;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Right, with no lock order at all: a transfer takes its own account's lock, and only tries for the
 * other one, briefly. When that fails it lets go of the first, waits a random moment and starts
 * again, so it never waits for one lock while holding another for long, and two transfers that
 * collided do not collide again in step. Both locks are held across the check and both changes.
 */
public class Account {

    private static final long TRY_MILLIS = 1;
    private static final long MAX_BACK_OFF_MICROS = 500;

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
        while (true) {
            lock.lockInterruptibly();
            try {
                if (to.lock.tryLock(TRY_MILLIS, TimeUnit.MILLISECONDS)) {
                    try {
                        if (balance < amount) {
                            return false;
                        }
                        balance -= amount;
                        to.balance += amount;
                        return true;
                    } finally {
                        to.lock.unlock();
                    }
                }
            } finally {
                lock.unlock();
            }
            TimeUnit.MICROSECONDS.sleep(ThreadLocalRandom.current().nextLong(MAX_BACK_OFF_MICROS));
        }
    }
}
