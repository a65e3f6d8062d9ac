package l02b_check_then_act;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import workbook.testkit.RaceScenario;

class TicketOfficeTest {

    private static final int BUYERS = 4;

    @Test
    @DisplayName("one buyer alone gets exactly the seats there are, then sold out")
    void oneBuyerGetsEverySeatOnce() {
        var office = new TicketOffice(3);
        assertThat(office.trySell()).as("first sale of 3 seats").isTrue();
        assertThat(office.trySell()).as("second sale of 3 seats").isTrue();
        assertThat(office.trySell()).as("third sale of 3 seats").isTrue();
        assertThat(office.trySell()).as("a fourth sale when all 3 seats are gone").isFalse();
        assertThat(office.seatsSold()).as("seats sold").isEqualTo(3);
    }

    /** One big show: lost updates of the sold count would let more buyers in than there are seats. */
    record BigShow(TicketOffice office, int seats, AtomicInteger sales) {}

    @Test
    @DisplayName("four buyers racing for one big show get exactly the seats there are")
    void buyersOfOneBigShowGetExactlyTheSeats() {
        int seats = 20_000;
        RaceScenario.of("buyer", () -> new BigShow(new TicketOffice(seats), seats, new AtomicInteger()))
                .threads(BUYERS)
                .eachThread((show, index) -> {
                    int mine = 0;
                    while (show.office().trySell()) {
                        mine++;
                    }
                    show.sales().addAndGet(mine);
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
                .repeatFor(Duration.ofMillis(400));
    }

    /** Many one-seat shows that every buyer tries in the same order: each last seat is raced for. */
    record LastSeats(TicketOffice[] shows, boolean[][] won) {
        static LastSeats of(int shows) {
            var offices = IntStream.range(0, shows).mapToObj(i -> new TicketOffice(1)).toArray(TicketOffice[]::new);
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
                                                    ? "every buyer was turned away although the seat was free."
                                                    : "each buyer checked sold < seats, saw the seat free, and only then took it; "
                                                    + "another buyer ran between the check and the act (check-then-act). "
                                                    + "Hold one lock from the check through the sale."));
                        }
                        assertThat(race.shows()[show].seatsSold()).as("seatsSold() of show #%d, which had 1 seat", show).isEqualTo(1);
                    }
                })
                .repeatFor(Duration.ofMillis(400));
    }
}
