package l02b_check_then_act;

import java.util.concurrent.atomic.AtomicInteger;

/** Wrong: get() and incrementAndGet() are each atomic, but the check and the act are still two steps. */
public class TicketOffice {

    private final int seats;
    private final AtomicInteger sold = new AtomicInteger();

    public TicketOffice(int seats) {
        this.seats = seats;
    }

    public boolean trySell() {
        if (sold.get() < seats) {
            sold.incrementAndGet();
            return true;
        }
        return false;
    }

    public int seatsSold() {
        return sold.get();
    }
}
