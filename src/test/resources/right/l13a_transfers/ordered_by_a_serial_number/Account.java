package l13a_transfers;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Right, with a key of its own: every account gets a serial number when it is made, unique and
 * never changed, and transfers lock the account with the lower serial number first. Ids may be
 * equal; serial numbers never are, so no tie needs breaking. A transfer to the account itself
 * takes its one reentrant lock twice and gives it back twice.
 */
public class Account {

    private static final AtomicLong SERIAL_NUMBERS = new AtomicLong();

    private final int id;
    private final long serialNumber = SERIAL_NUMBERS.incrementAndGet();
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
        var first = serialNumber <= to.serialNumber ? this : to;
        var second = first == this ? to : this;
        first.lock.lockInterruptibly();
        try {
            second.lock.lockInterruptibly();
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
