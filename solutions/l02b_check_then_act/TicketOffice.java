package l02b_check_then_act;

/**
 * A box office with a fixed number of seats, selling to many buyers at once.
 *
 * <p>The check and the sale happen in one synchronized method, so no buyer can run between them:
 * whoever holds the office's lock sees the true number of seats left and takes one before anyone
 * else looks. A buyer is never turned away while a seat is free: it waits for the lock instead.
 *
 * <p>The lock is the office itself ({@code synchronized} on {@code this}), so outside code holding
 * the office could take it too and hold up the buyers; a private lock object prevents that, at the
 * cost of a field.
 */
public class TicketOffice {

    private final int seats;
    private int sold; // guarded by this

    public TicketOffice(int seats) {
        this.seats = seats;
    }

    public synchronized boolean trySell() {
        if (sold < seats) {
            sold++;
            return true;
        }
        return false;
    }

    public synchronized int seatsSold() {
        return sold;
    }
}
