package l03b_unlock_on_failure;

/**
 * Right, with synchronized methods: the JVM releases a monitor on every way out of a synchronized
 * method, by return or by any throwable, Errors included, so there is no unlock to forget. It
 * locks on {@code this}, which outside code could lock too; a private lock object avoids that.
 */
public class Account {

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

    private long balance; // guarded by this
    private final DepositCheck check;

    public Account(long openingBalance) {
        this(openingBalance, (balance, amount) -> {});
    }

    public Account(long openingBalance, DepositCheck check) {
        this.balance = openingBalance;
        this.check = check;
    }

    public synchronized void deposit(long amount) {
        check.approve(balance, amount);
        balance = Math.addExact(balance, amount);
    }

    public synchronized void withdraw(long amount) {
        if (balance < amount) {
            throw new InsufficientFundsException(balance, amount);
        }
        balance -= amount;
    }

    public synchronized long balance() {
        return balance;
    }
}
