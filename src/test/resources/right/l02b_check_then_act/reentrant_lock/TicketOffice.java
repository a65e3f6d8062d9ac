package l02b_check_then_act;

import java.util.concurrent.locks.ReentrantLock;

/**
 * Right, with a ReentrantLock: the check and the sale happen while holding it (unlocked in
 * finally), so no buyer runs between them; seatsSold() reads under the same lock.
 */
public class TicketOffice {

    private final ReentrantLock lock = new ReentrantLock();
    private final int seats;
    private int sold; // guarded by lock

    public TicketOffice(int seats) {
        this.seats = seats;
    }

    public boolean trySell() {
        lock.lock();
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
