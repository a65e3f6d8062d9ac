package l03b_unlock_on_failure;

import java.util.concurrent.locks.ReentrantLock;

/**
 * A bank account that many threads pay into and draw from at once.
 *
 * <p>As shipped nothing guards the balance: deposits made at the same moment get lost. Guard it
 * with {@code lock}, and mind the two ways out of these methods: returning, and throwing.
 */
public class Account {

    /** Thrown by {@link #withdraw(long)} when the balance is too small; the balance is left as it was. */
    public static final class InsufficientFundsException extends RuntimeException {
        public InsufficientFundsException(long balance, long amount) {
            super("cannot withdraw " + amount + " from a balance of " + balance);
        }
    }

    /**
     * Approves each deposit before it is made: the bank's check on where the money comes from. It
     * runs while the account is locked, so it sees the balance the deposit will be added to.
     */
    @FunctionalInterface
    public interface DepositCheck {
        /** Returns to approve the deposit; throws anything, an exception or an error, to refuse it. */
        void approve(long balance, long amount);
    }

    private final ReentrantLock lock = new ReentrantLock();
    private long balance;
    private final DepositCheck check;

    public Account(long openingBalance) {
        this(openingBalance, (balance, amount) -> {});
    }

    public Account(long openingBalance, DepositCheck check) {
        this.balance = openingBalance;
        this.check = check;
    }

    /**
     * Adds {@code amount} once the check approves it; changes nothing when the check refuses (it
     * throws), or when the balance would overflow (ArithmeticException).
     */
    public void deposit(long amount) {
        // TODO: hold the lock while changing the balance, and release it however this method ends.
        check.approve(balance, amount);
        balance = Math.addExact(balance, amount);
    }

    /** Takes {@code amount} out; throws InsufficientFundsException, changing nothing, if there is not enough. */
    public void withdraw(long amount) {
        // TODO: check and change the balance under the lock, and release it however this method ends.
        if (balance < amount) {
            throw new InsufficientFundsException(balance, amount);
        }
        balance -= amount;
    }

    public long balance() {
        // TODO: read under the lock too.
        return balance;
    }
}
