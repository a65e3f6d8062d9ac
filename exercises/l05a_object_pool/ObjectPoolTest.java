package l05a_object_pool;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import workbook.testkit.Durations;
import workbook.testkit.Occupancy;

class ObjectPoolTest {

    /** How long a borrower who should get a connection is willing to wait: far longer than any test. */
    private static final Duration PATIENT = Duration.ofSeconds(10);
    private static final Duration IMPATIENT = Duration.ofMillis(100);
    /** How long after its timeout an impatient borrower may take to give up, on a busy machine. */
    private static final Duration GIVE_UP_GRACE = Duration.ofSeconds(1);
    private static final Duration DEADLINE = Duration.ofSeconds(5);

    private static final String WHY_TOO_MANY = """
            a borrower must hold one of the semaphore's permits for as long as it has a connection, and \
            the semaphore starts with exactly one permit per connection. More get in when nothing makes \
            borrowers wait, when there are more permits than connections, or when a permit goes back \
            before the borrower's work is over.""";
    private static final String WHY_TOO_FEW = """
            the semaphore should start with one permit per connection, and each borrower gives its permit \
            back when its work ends. Fewer get in when there are fewer permits than connections.""";

    /** A pooled object that knows who has it, so that lending it to two borrowers at once shows. */
    static final class Connection {
        private final String name;
        private final AtomicReference<String> borrower = new AtomicReference<>();

        Connection(String name) {
            this.name = name;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /** A pool of two connections, and what the borrowers saw. */
    static final class Fixture {
        final List<Connection> connections = List.of(new Connection("conn-1"), new Connection("conn-2"));
        final ObjectPool<Connection> pool = new ObjectPool<>(connections);
        final Occupancy region = new Occupancy("holding a connection");
        final Queue<String> problems = new ConcurrentLinkedQueue<>();
        final AtomicInteger borrowed = new AtomicInteger();

        /** A borrower's work: checks the connection is its alone, then holds it until the test says. */
        final Consumer<Connection> holdConnection = connection -> {
            var me = Thread.currentThread().getName();
            boolean mine = false;
            if (connection == null) {
                problems.add(me + " was lent null instead of a connection");
            } else if (!connections.contains(connection)) {
                problems.add(me + " was lent " + connection + ", which is not one of the pool's");
            } else if (!connection.borrower.compareAndSet(null, me)) {
                problems.add(me + " was lent " + connection + " while " + connection.borrower.get() + " still had it");
            } else {
                mine = true;
            }
            try {
                region.stayInside();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                if (mine) {
                    connection.borrower.set(null);
                }
            }
        };

        /** Borrows with {@code timeout}; tells a student what an exception from the pool itself means. */
        boolean borrow(Duration timeout, Consumer<Connection> work) throws InterruptedException {
            boolean got;
            try {
                got = pool.tryBorrow(timeout, work);
            } catch (RuntimeException e) {
                throw new AssertionError("""
                        tryBorrow threw %s, although the borrower's work did not throw.
                        Why: if it is a NoSuchElementException, the borrower got a permit but found no idle \
                        connection: the semaphore handed out more permits than there were connections idle. \
                        Permits and connections must move together: take a permit before a connection, and \
                        give one back only after giving the connection back.""".formatted(e), e);
            }
            if (got) {
                borrowed.incrementAndGet();
            }
            return got;
        }

        void assertEachConnectionLentToOneBorrowerAtATime() {
            if (!problems.isEmpty()) {
                throw new AssertionError("""
                        Each connection must be lent to one borrower at a time, but: %s.
                        Why: the semaphore only counts; the connections themselves must come from a \
                        thread-safe collection of idle ones, each taken out while lent and put back after."""
                        .formatted(String.join("; ", problems)));
            }
        }
    }

    /** Waits for the one impatient borrower to give up; a pool that ignores its timeout fails here. */
    private static void awaitGivingUp(Occupancy.Crowd impatient) throws InterruptedException {
        var giveUpDeadline = IMPATIENT.plus(GIVE_UP_GRACE);
        if (!impatient.threads().getFirst().join(giveUpDeadline)) {
            throw new AssertionError("""
                    With both connections out, tryBorrow(%s) was still waiting after %s.
                    Why: acquire() waits as long as it takes; a borrower with a timeout must give up \
                    when the timeout passes: tryAcquire(timeout, unit) returns false then."""
                    .formatted(Durations.readable(IMPATIENT), Durations.readable(giveUpDeadline)));
        }
        impatient.awaitCompletion(DEADLINE);
    }

    @Test
    @DisplayName("one borrower after another gets a connection from the pool every time")
    void borrowersOneAfterAnother() throws InterruptedException {
        var fixture = new Fixture();
        var lent = new ArrayList<Connection>();
        for (int i = 1; i <= 4; i++) {
            assertThat(fixture.borrow(PATIENT, lent::add))
                    .as("tryBorrow number %d of 4, one after another, from a pool of 2 idle connections", i)
                    .isTrue();
        }
        assertThat(lent).as("connections lent to 4 borrowers in turn").hasSize(4).allMatch(fixture.connections::contains);
    }

    @Test
    @DisplayName("two borrowers at once out of five hold a connection, never more, never fewer")
    void twoOfFiveBorrowersAtOnce() {
        var fixture = new Fixture();
        try (var borrowers = fixture.region.crowd("borrower", 5, index -> fixture.borrow(PATIENT, fixture.holdConnection))) {
            borrowers.assertInside(2, WHY_TOO_MANY, WHY_TOO_FEW);
            fixture.assertEachConnectionLentToOneBorrowerAtATime();
            borrowers.finish(DEADLINE);
        }
        fixture.assertEachConnectionLentToOneBorrowerAtATime();
        if (fixture.borrowed.get() != 5) {
            throw new AssertionError("""
                    Only %d of 5 borrowers got a connection, though each would wait up to %s and the two \
                    connections kept coming back.
                    Why: a borrower who finds every connection out must wait for one, up to its timeout. \
                    tryAcquire() without a timeout gives up at once; tryAcquire(timeout, unit) waits."""
                    .formatted(fixture.borrowed.get(), Durations.readable(PATIENT)));
        }
    }

    @Test
    @DisplayName("a borrower waits while both connections are out, and gets one when it comes back")
    void aBorrowerWaitsForAConnectionToComeBack() {
        var fixture = new Fixture();
        var lateGotOne = new AtomicReference<Boolean>();
        try (var holders = fixture.region.crowd("holder", 2, index -> fixture.borrow(PATIENT, fixture.holdConnection))) {
            holders.assertInside(2, WHY_TOO_MANY, WHY_TOO_FEW);
            try (var late = fixture.region.crowd("late", 1, index -> lateGotOne.set(fixture.borrow(PATIENT, fixture.holdConnection)))) {
                late.assertInside(2, WHY_TOO_MANY, WHY_TOO_FEW);
                if (late.waitingOutside().isEmpty()) {
                    throw new AssertionError("""
                            With both connections out, tryBorrow(%s) returned %s at once instead of waiting.
                            Why: a borrower must wait up to its timeout for a connection to come back. \
                            tryAcquire() without a timeout gives up at once; tryAcquire(timeout, unit) waits."""
                            .formatted(Durations.readable(PATIENT), lateGotOne.get()));
                }
                holders.finish(DEADLINE);
                late.finish(DEADLINE);
            }
        }
        assertThat(lateGotOne.get()).as("tryBorrow(%s) of a borrower who waited while the connections came back",
                Durations.readable(PATIENT)).isTrue();
        fixture.assertEachConnectionLentToOneBorrowerAtATime();
    }

    @Test
    @DisplayName("a borrower gives up when its timeout passes with every connection out")
    void aBorrowerGivesUpAfterItsTimeout() throws InterruptedException {
        var fixture = new Fixture();
        var gotOne = new AtomicReference<Boolean>();
        var waited = new AtomicLong();
        var workRan = new AtomicInteger();
        try (var holders = fixture.region.crowd("holder", 2, index -> fixture.borrow(PATIENT, fixture.holdConnection))) {
            holders.assertInside(2, WHY_TOO_MANY, WHY_TOO_FEW);
            try (var impatient = fixture.region.crowd("impatient", 1, index -> {
                long start = System.nanoTime();
                gotOne.set(fixture.borrow(IMPATIENT, connection -> workRan.incrementAndGet()));
                waited.set(System.nanoTime() - start);
            })) {
                awaitGivingUp(impatient);
            }
        }
        if (gotOne.get() || workRan.get() > 0) {
            throw new AssertionError("""
                    With both connections lent out, tryBorrow(%s) returned %s and ran the borrower's work %d \
                    time(s), so it lent a connection that another borrower still had.
                    Why: a borrower may take a connection only once it holds a permit; when none comes \
                    free within the timeout, tryBorrow returns false without running the work."""
                    .formatted(Durations.readable(IMPATIENT), gotOne.get(), workRan.get()));
        }
        assertThat(Duration.ofNanos(waited.get()))
                .as("how long tryBorrow(%s) waited before it gave up (it must wait out its timeout)", Durations.readable(IMPATIENT))
                .isGreaterThanOrEqualTo(IMPATIENT.multipliedBy(3).dividedBy(4));
    }

    @Test
    @DisplayName("a borrower who gave up gives back nothing: the pool still lends two at once")
    void aBorrowerWhoGaveUpFreesNothing() throws InterruptedException {
        var fixture = new Fixture();
        var gotOne = new AtomicReference<Boolean>();
        try (var holders = fixture.region.crowd("holder", 2, index -> fixture.borrow(PATIENT, fixture.holdConnection))) {
            holders.assertInside(2, WHY_TOO_MANY, WHY_TOO_FEW);
            try (var impatient = fixture.region.crowd("impatient", 1,
                    index -> gotOne.set(fixture.borrow(IMPATIENT, fixture.holdConnection)))) {
                impatient.assertInside(2, WHY_TOO_MANY, WHY_TOO_FEW);
                awaitGivingUp(impatient);
            }
            assertThat(gotOne.get()).as("tryBorrow(%s) while both connections were out", Durations.readable(IMPATIENT)).isFalse();
            try (var late = fixture.region.crowd("late", 2, index -> fixture.borrow(PATIENT, fixture.holdConnection))) {
                late.assertInside(2, """
                        a borrower gave up earlier (its tryBorrow returned false), and the pool gave back a \
                        permit that borrower never had. That happens when the acquire is inside the try \
                        whose finally releases: a failed tryAcquire then releases too. Acquire first, and \
                        start the try only once you hold the permit.""", WHY_TOO_FEW);
                fixture.assertEachConnectionLentToOneBorrowerAtATime();
            }
        }
    }

    @Test
    @DisplayName("a borrower whose work throws gives its connection back, and the caller sees the exception")
    void aBorrowerThatThrowsGivesItsConnectionBack() throws InterruptedException {
        var fixture = new Fixture();
        var failure = new IllegalStateException("the borrower's work failed");
        Throwable thrown = null;
        try {
            fixture.pool.tryBorrow(DEADLINE, connection -> {
                throw failure;
            });
        } catch (RuntimeException e) {
            thrown = e;
        }
        assertThat(thrown).as("what tryBorrow threw when the borrower's work threw %s (it must reach the caller as it is)", failure)
                .isSameAs(failure);
        try (var borrowers = fixture.region.crowd("borrower", 5, index -> fixture.borrow(PATIENT, fixture.holdConnection))) {
            borrowers.assertInside(2, WHY_TOO_MANY, """
                    an earlier borrower's work threw, and its permit (and maybe its connection) never came \
                    back, so the pool is a connection short for good. Give the connection and the permit \
                    back in a finally block, which runs however the work ends.""");
            fixture.assertEachConnectionLentToOneBorrowerAtATime();
            borrowers.finish(DEADLINE);
        }
    }
}
