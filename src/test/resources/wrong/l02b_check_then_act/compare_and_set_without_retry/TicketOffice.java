package l02b_check_then_act;

import java.util.concurrent.atomic.AtomicInteger;

/** Wrong: a buyer whose compare-and-set loses to another buyer is told "sold out" although seats are left. */
public class TicketOffice {

    private final int seats;
    private final AtomicInteger sold = new AtomicInteger();

    public TicketOffice(int seats) {
        this.seats = seats;
    }

    public boolean trySell() {
        int seen = sold.get();
        return seen < seats && sold.compareAndSet(seen, seen + 1);
    }

    public int seatsSold() {
        return sold.get();
    }
}
