package l13a_transfers;

import java.util.concurrent.locks.ReentrantLock;

/**
 * A bank account that transfers money to another account, guarded by its own lock.
 *
 * <p>As shipped, a transfer takes this account's lock, then the other one's: two transfers in
 * opposite directions at the same moment each hold one lock and wait for ever for the other.
 */
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
        // TODO: take the two locks in an order every transfer agrees on, whichever way the money goes
        // (and think about two accounts with the same id, and a transfer to the account itself).
        return moveHolding(this, to, to, amount);
    }

    private boolean moveHolding(Account first, Account second, Account to, long amount) throws InterruptedException {
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
