package l02b_check_then_act;

/**
 * A box office with a fixed number of seats, selling to many buyers at once.
 *
 * <p>The check and the sale happen in one synchronized method, so no buyer can run between them:
 * whoever holds the office's lock sees the true number of seats left and takes one before anyone
 * else looks.
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
