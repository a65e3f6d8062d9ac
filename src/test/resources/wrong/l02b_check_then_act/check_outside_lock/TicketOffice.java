package l02b_check_then_act;

/** Wrong: the sale is locked, but the check before it is not, so two buyers can pass it together. */
public class TicketOffice {

    private final int seats;
    private int sold;

    public TicketOffice(int seats) {
        this.seats = seats;
    }

    public boolean trySell() {
        if (sold < seats) {
            synchronized (this) {
                sold++;
            }
            return true;
        }
        return false;
    }

    public synchronized int seatsSold() {
        return sold;
    }
}
