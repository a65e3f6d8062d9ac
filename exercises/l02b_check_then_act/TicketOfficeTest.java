package l02b_check_then_act;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import workbook.runner.explain.ScenarioThreads;
import workbook.testkit.RaceScenario;
import workbook.testkit.RunsAlone;
import workbook.testkit.StaleReads;

class TicketOfficeTest {

    private static final int BUYERS = 4;
    /** A trial takes milliseconds; one still running after this has threads stuck for good. */
    private static final Duration TRIAL_DEADLINE = Duration.ofSeconds(2);
    /** How often each late buyer tries a sold-out show in one trial: each try must be refused, and nothing may move. */
    private static final int TRIES_AFTER_SOLD_OUT = 2_000;

    /** A new office, which must have sold nothing yet. */
    private static TicketOffice newOffice(int seats) {
        var office = new TicketOffice(seats);
        int sold = RunsAlone.call("seatsSold() of a new TicketOffice", TicketOffice.class, office::seatsSold);
        if (sold != 0) {
            throw new AssertionError("""
                    A new TicketOffice with %d seats said %,d seats were sold before anyone bought one.
                    Why: its count of sold seats is not its own. A static field belongs to the class, so \\
                    every office made so far (by the earlier tests too) has added into it. Keep the count \\
                    in each instance.""".formatted(seats, sold));
        }
        return office;
    }

    @Test
    @DisplayName("one buyer alone gets exactly the seats there are, then sold out")
    void oneBuyerGetsEverySeatOnce() {
        var office = newOffice(3);
        var answers = RunsAlone.call("trySell()", TicketOffice.class,
                () -> List.of(office.trySell(), office.trySell(), office.trySell(), office.trySell(), office.seatsSold()));
        assertThat(answers).as("one buyer's four trySell() answers from 3 seats, then seatsSold()")
                .containsExactly(true, true, true, false, 3);
    }

    @Test
    @DisplayName("two offices side by side each sell their own seats")
    void twoOfficesSellTheirOwnSeats() {
        var big = newOffice(2);
        var small = newOffice(1);
        boolean[] answers = RunsAlone.call("trySell()", TicketOffice.class,
                () -> new boolean[] {big.trySell(), small.trySell(), big.trySell(), small.trySell(), big.trySell()});
        int[] sold = RunsAlone.call("seatsSold()", TicketOffice.class, () -> new int[] {big.seatsSold(), small.seatsSold()});
        var expected = new boolean[] {true, true, true, false, false};
        if (!Arrays.equals(answers, expected) || sold[0] != 2 || sold[1] != 1) {
            throw new AssertionError("""
                    Two offices, one with 2 seats and one with 1, sold to turns of buyers \
                    (big, small, big, small, big): the answers were %s, where %s was expected, and \
                    seatsSold() says %d and %d, where 2 and 1 were expected.
                    Why: the offices share what they count. A static field belongs to the class, not to \
                    one office. Keep the count of sold seats in each instance."""
                    .formatted(Arrays.toString(answers), Arrays.toString(expected),
                            sold[0], sold[1]));
        }
    }

    /** One big show: lost updates of the sold count would let more buyers in than there are seats. */
    record BigShow(TicketOffice office, int seats, AtomicInteger sales) {}

    @Test
    @DisplayName("four buyers racing for one big show get exactly the seats there are, and hear \"sold out\" only when it is")
    void buyersOfOneBigShowGetExactlyTheSeats() {
        int seats = 20_000;
        RaceScenario.of("buyer", () -> new BigShow(newOffice(seats), seats, new AtomicInteger()))
                .threads(BUYERS)
                .eachThread((show, index) -> {
                    int mine = 0;
                    while (show.office().trySell()) {
                        mine++;
                    }
                    show.sales().addAndGet(mine);
                    int sold = show.office().seatsSold();
                    if (sold < seats) {
                        throw new AssertionError("""
                                A buyer was told "sold out", and right after that seatsSold() said %,d of %,d \
                                seats were sold: %,d seats were still free.
                                Why: trySell() gave up without a seat while seats were left. That happens \
                                when it answers "no" because another buyer got in first (a compare-and-set \
                                that failed once, a tryLock() that did not get the lock) instead of looking \
                                again. A buyer may hear "sold out" only when every seat is sold."""
                                .formatted(sold, seats, seats - sold));
                    }
                })
                .afterAllThreads(show -> {
                    if (show.sales().get() != seats) {
                        throw new AssertionError("""
                                %d buyers bought from a show with %,d seats until it said sold out, and were \
                                told "you got a seat" %,d times (%s).
                                Why: between one buyer's check (sold < seats) and its sale (sold++), another \
                                buyer can check or sell too, so sales are lost or doubled. The check and the \
                                sale must be one step: do both while holding one lock."""
                                .formatted(BUYERS, seats, show.sales().get(),
                                        show.sales().get() > seats ? "oversold by " + (show.sales().get() - seats)
                                                : (seats - show.sales().get()) + " seats never sold"));
                    }
                    assertThat(show.office().seatsSold())
                            .as("seatsSold() after %,d successful sales", seats)
                            .isEqualTo(seats);
                })
                .trialDeadline(TRIAL_DEADLINE)
                .repeatFor(Duration.ofMillis(300));
    }

    @Test
    @DisplayName("buyers who keep trying a sold-out show are refused, and seatsSold() never says more than the seats")
    void aSoldOutShowStaysSoldOut() {
        RaceScenario.of("late-buyer", () -> {
                    var office = newOffice(1);
                    RunsAlone.call("trySell() of the one seat", TicketOffice.class, office::trySell);
                    return office;
                })
                .threads(BUYERS)
                .eachThread((office, index) -> {
                    for (int tryAgain = 1; tryAgain <= TRIES_AFTER_SOLD_OUT; tryAgain++) {
                        if (office.trySell()) {
                            throw new AssertionError("""
                                    A show with 1 seat sold it, and a later buyer was told "you got a seat" too.
                                    Why: once every seat is sold, the show stays sold out. Whatever trySell() \
                                    changes to find out whether a seat is left must never make a seat look \
                                    free again.""");
                        }
                        int sold = office.seatsSold();
                        if (sold != 1) {
                            throw new AssertionError("""
                                    A show with 1 seat sold it; while late buyers kept being told "sold out", \
                                    seatsSold() said %,d.
                                    Why: %s"""
                                    .formatted(sold, sold > 1
                                            ? "trySell() counts a sale before it knows there is a seat (add one, "
                                            + "then take it back when the count went past the seats), and another "
                                            + "thread can read the count in between, above the seats there are. "
                                            + "Check and sell as one step, and count only a sale that happened."
                                            : "a refused buyer changed the count of a sold-out show. A refusal must "
                                            + "leave the count as it is."));
                        }
                    }
                })
                .trialDeadline(TRIAL_DEADLINE)
                .repeatFor(Duration.ofMillis(200));
    }

    /** Many one-seat shows that every buyer tries in the same order: each last seat is raced for. */
    record LastSeats(TicketOffice[] shows, boolean[][] won) {
        static LastSeats of(int shows) {
            // newOffice's check for a shared count starts a thread: once per trial is enough.
            var offices = IntStream.range(0, shows).mapToObj(i -> i == 0 ? newOffice(1) : new TicketOffice(1)).toArray(TicketOffice[]::new);
            return new LastSeats(offices, new boolean[BUYERS][shows]);
        }
    }

    @Test
    @DisplayName("four buyers racing for the last seat never both get it")
    void theLastSeatIsNeverSoldTwice() {
        RaceScenario.of("buyer", () -> LastSeats.of(2_000))
                .threads(BUYERS)
                .eachThread((race, buyer) -> {
                    for (int show = 0; show < race.shows().length; show++) {
                        race.won()[buyer][show] = race.shows()[show].trySell();
                    }
                })
                .afterAllThreads(race -> {
                    for (int show = 0; show < race.shows().length; show++) {
                        var winners = new ArrayList<String>();
                        for (int buyer = 0; buyer < BUYERS; buyer++) {
                            if (race.won()[buyer][show]) {
                                winners.add("buyer-" + buyer);
                            }
                        }
                        if (winners.size() != 1) {
                            throw new AssertionError("""
                                    Show #%d had 1 seat, and %d buyers were told they got it %s.
                                    Why: %s"""
                                    .formatted(show, winners.size(), winners,
                                            winners.isEmpty()
                                                    ? "every buyer was turned away although the seat was free: a buyer "
                                                    + "who lost a race for the seat must look again, not give up."
                                                    : "each buyer checked sold < seats, saw the seat free, and only then took it; "
                                                    + "another buyer ran between the check and the act (check-then-act). "
                                                    + "Hold one lock from the check through the sale."));
                        }
                        int sold = race.shows()[show].seatsSold();
                        if (sold != 1) {
                            throw new AssertionError("Show #%d had 1 seat and one buyer was told it got it, but seatsSold() said %,d."
                                    .formatted(show, sold));
                        }
                    }
                })
                .trialDeadline(TRIAL_DEADLINE)
                .repeatFor(Duration.ofMillis(300));
    }

    /** Run in a child JVM with the JIT on: one thread spins on seatsSold() until another thread's sale shows. */
    static final class SeatsSoldProbe {
        public static void main(String[] args) {
            StaleReads.watch(new TicketOffice(5), office -> office.seatsSold() > 0, office -> office.trySell());
        }
    }

    @Test
    @DisplayName("a thread that keeps calling seatsSold() sees a sale made meanwhile by another thread")
    void seatsSoldSeesASaleMadeMeanwhile() {
        var alone = newOffice(5);
        RunsAlone.call("trySell()", TicketOffice.class, alone::trySell);
        RunsAlone.call("seatsSold() after a trySell() made by a thread that has ended", TicketOffice.class, alone::seatsSold);
        RunsAlone.call("trySell() after a seatsSold() made by a thread that has ended", TicketOffice.class, alone::trySell);
        StaleReads.assertSeen(SeatsSoldProbe.class, "seatsSold()", "trySell()");
    }

    /** What {@code ./workbook explain} runs: three buyers try for the last two seats at the same time. */
    static final class ExplainScenario implements Runnable {
        @Override
        public void run() {
            var office = new TicketOffice(2);
            boolean[] got = new boolean[3];
            ScenarioThreads.runTogether(() -> got[0] = office.trySell(), () -> got[1] = office.trySell(),
                    () -> got[2] = office.trySell());
            int buyersServed = (got[0] ? 1 : 0) + (got[1] ? 1 : 0) + (got[2] ? 1 : 0);
            if (buyersServed != 2 || office.seatsSold() != 2) {
                throw new AssertionError("two seats and three buyers: " + buyersServed + " buyers got a seat and seatsSold() says "
                        + office.seatsSold() + "; both should be 2");
            }
        }
    }
}
