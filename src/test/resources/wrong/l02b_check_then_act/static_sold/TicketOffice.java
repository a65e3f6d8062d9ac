package l02b_check_then_act;

/** Wrong: a static count of sold seats belongs to the class, so every office sells from one shared count. */
public class TicketOffice {

    private static int sold;
    private final int seats;

    public TicketOffice(int seats) {
        this.seats = seats;
    }

    public boolean trySell() {
        synchronized (TicketOffice.class) {
            if (sold < seats) {
                sold++;
                return true;
            }
            return false;
        }
    }

    public int seatsSold() {
        synchronized (TicketOffice.class) {
            return sold;
        }
    }
}
