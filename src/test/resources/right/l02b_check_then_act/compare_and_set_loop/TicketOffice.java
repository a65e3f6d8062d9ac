package l02b_check_then_act;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Right, with no lock: a compare-and-set loop. The sale succeeds only if the count is still the
 * one that was checked; when another buyer got in first, look again, and answer "sold out" only
 * when a fresh look shows no seat.
 */
public class TicketOffice {

    private final int seats;
    private final AtomicInteger sold = new AtomicInteger();

    public TicketOffice(int seats) {
        this.seats = seats;
    }

    public boolean trySell() {
        while (true) {
            int seen = sold.get();
            if (seen >= seats) {
                return false;
            }
            if (sold.compareAndSet(seen, seen + 1)) {
                return true;
            }
        }
    }

    public int seatsSold() {
        return sold.get();
    }
}
