package l02b_check_then_act;

import java.util.concurrent.Semaphore;

/**
 * Right, with a Semaphore holding one permit per seat: tryAcquire() checks for a permit and takes
 * it as one atomic step, and no permit is ever given back, so the seats sold are the permits gone.
 */
public class TicketOffice {

    private final int seats;
    private final Semaphore freeSeats;

    public TicketOffice(int seats) {
        this.seats = seats;
        this.freeSeats = new Semaphore(seats);
    }

    public boolean trySell() {
        return freeSeats.tryAcquire();
    }

    public int seatsSold() {
        return seats - freeSeats.availablePermits();
    }
}
