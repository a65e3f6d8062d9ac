package l02b_check_then_act;

import java.util.concurrent.atomic.AtomicInteger;

/** Wrong: the sale is counted before it is known to exist, so for a moment seatsSold() says more seats than there are. */
public class TicketOffice {

    private final int seats;
    private final AtomicInteger sold = new AtomicInteger();

    public TicketOffice(int seats) {
        this.seats = seats;
    }

    public boolean trySell() {
        if (sold.incrementAndGet() <= seats) {
            return true;
        }
        sold.decrementAndGet();
        return false;
    }

    public int seatsSold() {
        return sold.get();
    }
}
