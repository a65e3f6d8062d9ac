package l02b_check_then_act;

/** Wrong: volatile makes the count visible, but does not make check-then-act one step. */
public class TicketOffice {

    private final int seats;
    private volatile int sold;

    public TicketOffice(int seats) {
        this.seats = seats;
    }

    public boolean trySell() {
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
