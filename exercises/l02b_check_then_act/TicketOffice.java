package l02b_check_then_act;

/**
 * A box office with a fixed number of seats, selling to many buyers at once.
 *
 * <p>As shipped it can sell the same seat twice: two buyers both see "one seat left", and both
 * take it. That is a check-then-act race: the check (are seats left?) and the act (take one)
 * can be split by another thread.
 */
public class TicketOffice {

    private final int seats;
    private int sold;

    public TicketOffice(int seats) {
        this.seats = seats;
    }

    /**
     * Sells one seat to the caller if any is left.
     *
     * @return true when the caller got a seat, false when the show is sold out
     */
    public boolean trySell() {
        // TODO: no other buyer may run between the check and the sale.
        if (sold < seats) {
            sold++;
            return true;
        }
        return false;
    }

    /** How many seats have been sold so far. */
    public int seatsSold() {
        // TODO: read under the same protection as trySell().
        return sold;
    }
}
