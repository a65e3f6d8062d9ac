package l13a_transfers;

import java.util.concurrent.locks.ReentrantLock;

/**
 * A bank account whose balance is guarded by the account's own lock. Money moves between two
 * accounts with {@link #transfer}, which holds both accounts' locks while it moves it.
 *
 * <p>Why it cannot deadlock: every transfer takes the two locks in one order, the account with the
 * lower id first, whichever way the money goes. A thread then only ever waits for a lock that comes
 * later in that order than every lock it holds, so a circle of threads each waiting for the next
 * cannot close. Two different accounts with the same id have no order between them; a transfer
 * between such a pair first takes one lock shared by the whole bank, so at most one such transfer
 * holds one of them while it waits for the other. A transfer to the account itself takes its one
 * lock twice, which a {@code ReentrantLock} allows, and gives it back twice.
 *
 * <p>Why no money is lost or made: the check and both changes happen while both locks are held,
 * and both are let go only after both changes; no other thread sees the money half moved.
 * {@code lockInterruptibly} lets an interrupt end the wait, and the {@code finally} blocks give
 * back every lock that was taken before the interrupt.
 */
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
