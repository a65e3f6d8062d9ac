package l02b_check_then_act;

import java.util.concurrent.locks.ReentrantLock;

/** Wrong: a buyer who finds the lock taken by another buyer is told "sold out" although seats may be left. */
public class TicketOffice {

    private final ReentrantLock lock = new ReentrantLock();
    private final int seats;
    private int sold;

    public TicketOffice(int seats) {
        this.seats = seats;
    }

    public boolean trySell() {
        if (!lock.tryLock()) {
            return false;
        }
        try {
            if (sold < seats) {
                sold++;
                return true;
            }
            return false;
        } finally {
            lock.unlock();
        }
    }

    public int seatsSold() {
        lock.lock();
        try {
            return sold;
        } finally {
            lock.unlock();
        }
    }
}
