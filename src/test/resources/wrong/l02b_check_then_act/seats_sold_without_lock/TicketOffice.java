package l02b_check_then_act;

/** Wrong: seatsSold() "only reads", so it skips the lock; a thread that keeps asking may never see the sales made meanwhile. */
public class TicketOffice {

    private final int seats;
    private int sold;

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

    public int seatsSold() {
        return sold;
    }
}
