package l02b_check_then_act;

/**
 * Right, with a private lock object: the same as a synchronized method, but no code outside the
 * class can take this lock and hold up the buyers.
 */
public class TicketOffice {

    private final Object lock = new Object();
    private final int seats;
    private int sold; // guarded by lock

    public TicketOffice(int seats) {
        this.seats = seats;
    }

    public boolean trySell() {
        synchronized (lock) {
            if (sold < seats) {
                sold++;
                return true;
            }
            return false;
        }
    }

    public int seatsSold() {
        synchronized (lock) {
            return sold;
        }
    }
}
