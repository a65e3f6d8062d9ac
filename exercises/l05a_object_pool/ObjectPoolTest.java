package l05a_object_pool;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.stream.IntStream;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import workbook.testkit.BlockingCall;
import workbook.testkit.Durations;
import workbook.testkit.Occupancy;
import workbook.testkit.Workers;
import workbook.testkit.preemption.Preemption;

class ObjectPoolTest {

    /** How long a borrower who should get a connection is willing to wait: far longer than any test. */
    private static final Duration PATIENT = Duration.ofSeconds(10);
    private static final Duration IMPATIENT = Duration.ofMillis(40);
    /**
     * The timeout of the borrower whose time the test measures: long enough that one giving up at
     * half of it is far from a full wait even when the machine wakes it late.
     */
    private static final Duration MEASURED_TIMEOUT = Duration.ofMillis(100);
    /** How much earlier than its timeout a borrower may give up: a clock read in whole milliseconds. */
    private static final Duration CLOCK_SLACK = Duration.ofMillis(2);
    /** How long after its timeout an impatient borrower may take to give up, on a busy machine. */
    private static final Duration GIVE_UP_GRACE = Duration.ofSeconds(1);
    /** How long a call that must not wait (or must stop waiting) may take, on a busy machine. */
    private static final Duration PROMPTLY = Duration.ofSeconds(1);
    private static final Duration DEADLINE = Duration.ofSeconds(5);
    /** How long a borrower past its timeout must be seen waiting with no timeout to count as waiting for ever. */
    private static final Duration UNTIMED_WAIT_SEEN = Duration.ofMillis(50);
    private static final int CHURN_BORROWS = 20_000;
    private static final Duration CHURN_CPU_BUDGET = Duration.ofMillis(60);

    private static final String WHY_TOO_MANY = """
            a borrower must hold one of the pool's places for as long as it has a connection, and the \
            pool has exactly one place per connection (with a Semaphore: one permit per connection). \
            More get in when nothing makes borrowers wait, when there are more permits than \
            connections, or when a permit goes back before the borrower's work is over.""";
    private static final String WHY_TOO_FEW = """
            the pool should have one place per connection (with a Semaphore: one permit per \
            connection), and each borrower gives its place back when its work ends. Fewer get in when \
            there are fewer permits than connections, or when one borrower at a time holds a lock \
            while its work runs.""";

    private static final String WHY_ONE_HOLD = """
            Why: "a connection is idle" and "take it" must happen in one hold of the lock (or be one \
            call, such as poll() on a thread-safe queue): between two holds, the other borrower can take \
            the connection the first one saw.""";

    /** What a borrower's work throws in the tests that make it fail with an Error, not an exception. */
    static final class WorkCrashed extends Error {
        WorkCrashed() {
            super("the borrower's work crashed with an Error");
        }
    }

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
        final List<Connection> connections;
        final ObjectPool<Connection> pool;
        final Occupancy region = new Occupancy("holding a connection");
        final Queue<String> problems = new ConcurrentLinkedQueue<>();
        final AtomicInteger borrowed = new AtomicInteger();

        Fixture() {
            this("conn", 2);
        }

        Fixture(String names, int count) {
            connections = IntStream.rangeClosed(1, count).mapToObj(i -> new Connection(names + "-" + i)).toList();
            pool = new ObjectPool<>(connections);
        }

        /** A borrower's work: checks the connection is its alone, then holds it until the test says. */
        final Consumer<Connection> holdConnection = connection -> useAlone(connection, true);

        /** A borrower's work: checks the connection is its alone, and gives it back at once. */
        final Consumer<Connection> useBriefly = connection -> useAlone(connection, false);

        private void useAlone(Connection connection, boolean stayUntilLetOut) {
            var me = Thread.currentThread().getName();
            boolean mine = false;
            if (connection == null) {
                problems.add(me + " was lent null instead of a connection");
            } else if (!connections.contains(connection)) {
                problems.add(me + " was lent " + connection + ", which is not one of this pool's");
            } else if (!connection.borrower.compareAndSet(null, me)) {
                problems.add(me + " was lent " + connection + " while " + connection.borrower.get() + " still had it");
            } else {
                mine = true;
            }
            try {
                if (stayUntilLetOut) {
                    region.stayInside();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                if (mine) {
                    connection.borrower.set(null);
                }
            }
        }

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
                        thread-safe collection of the idle ones (or one guarded by a lock), each taken out \
                        while lent and put back after. Handing them out in turn, or looking at one without \
                        taking it out, lends a connection that is still out."""
                        .formatted(String.join("; ", problems.stream().limit(3).toList())));
            }
        }
    }

    /** Waits for the one impatient borrower to give up; a pool that ignores its timeout fails here. */
    private static void awaitGivingUp(Occupancy.Crowd impatient, Duration timeout) throws InterruptedException {
        awaitGivingUp(impatient.threads().getFirst(), timeout, "tryBorrow(%s)".formatted(Durations.readable(timeout)), "");
        impatient.awaitCompletion(DEADLINE);
    }

    /**
     * Waits until {@code borrower}, calling tryBorrow with {@code timeout} while every connection
     * is out, has given up. Fails as soon as it is seen waiting with no timeout at all, once its
     * timeout has passed (a wait that nothing will end), or when it is still inside the call
     * {@link #GIVE_UP_GRACE} after its timeout.
     */
    private static void awaitGivingUp(Thread borrower, Duration timeout, String call, String why)
            throws InterruptedException {
        long start = System.nanoTime();
        long timeoutOver = start + Math.max(0, timeout.toNanos());
        long graceOver = timeoutOver + GIVE_UP_GRACE.toNanos();
        long waitingUntimedSince = 0;
        while (borrower.isAlive()) {
            long now = System.nanoTime();
            boolean untimed = borrower.getState() == Thread.State.WAITING && now - timeoutOver > 0;
            if (!untimed) {
                waitingUntimedSince = 0;
            } else if (waitingUntimedSince == 0) {
                waitingUntimedSince = now;
            }
            boolean waitsForEver = waitingUntimedSince != 0 && now - waitingUntimedSince > UNTIMED_WAIT_SEEN.toNanos();
            if (waitsForEver || now - graceOver > 0) {
                borrower.interrupt();
                throw new AssertionError("""
                        With both connections out, %s was still waiting %s after it started%s.
                        Why: a borrower must give up when its timeout passes, and return false. acquire(), \
                        a wait() or await() without a time, and anything else that waits as long as it \
                        takes, never give up; tryAcquire(timeout, unit) does.%s"""
                        .formatted(call, Durations.readable(Duration.ofNanos(now - start)),
                                waitsForEver ? ", with no timeout at all" : "", why));
            }
            Thread.sleep(1);
        }
    }

    @Test
    @DisplayName("one borrower after another gets a connection from the pool every time, whatever its timeout")
    void borrowersOneAfterAnother() throws InterruptedException {
        var fixture = new Fixture();
        for (var timeout : List.of(PATIENT, IMPATIENT, Duration.ZERO, PATIENT)) {
            if (!fixture.borrow(timeout, fixture.useBriefly)) {
                throw new AssertionError("""
                        With both connections idle, tryBorrow(%s) returned false: it lent nothing.
                        Why: while a connection is idle, a borrower gets it at once, whatever its timeout \
                        (even zero). Look at how the timeout reaches the semaphore: tryAcquire(int) takes a \
                        number of PERMITS, not milliseconds, so tryAcquire((int) timeout.toMillis()) asks for \
                        %d permits at once from a pool of 2, and gets none. Give the time with its unit: \
                        tryAcquire(timeout.toNanos(), TimeUnit.NANOSECONDS)."""
                        .formatted(Durations.readable(timeout), timeout.toMillis()));
            }
        }
        fixture.assertEachConnectionLentToOneBorrowerAtATime();
    }

    @Test
    @DisplayName("while one borrower keeps a connection, the others are lent the other one, never the one that is out")
    void aConnectionStillOutIsNotLentAgain() throws InterruptedException {
        var fixture = new Fixture();
        try (var holder = fixture.region.crowd("holder", 1, index -> fixture.borrow(PATIENT, fixture.holdConnection))) {
            holder.assertInside(1, WHY_TOO_MANY, WHY_TOO_FEW);
            for (int i = 1; i <= 3; i++) {
                if (!fixture.borrow(PATIENT, fixture.useBriefly)) {
                    throw new AssertionError("""
                            With one connection out and one idle, tryBorrow number %d of 3 (one after \
                            another) returned false.
                            Why: while a connection is idle, a borrower gets it at once.""".formatted(i));
                }
                fixture.assertEachConnectionLentToOneBorrowerAtATime();
            }
            holder.finish(DEADLINE, ObjectPool.class);
        }
    }

    @Test
    @DisplayName("two borrowers at once out of five hold a connection, never more, never fewer")
    void twoOfFiveBorrowersAtOnce() {
        var fixture = new Fixture();
        try (var borrowers = fixture.region.crowd("borrower", 5, index -> fixture.borrow(PATIENT, fixture.holdConnection))) {
            borrowers.assertInside(2, WHY_TOO_MANY, WHY_TOO_FEW);
            fixture.assertEachConnectionLentToOneBorrowerAtATime();
            borrowers.finish(DEADLINE, ObjectPool.class);
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
    @DisplayName("borrowers who never wait, coming and going as fast as they can, never find the pool short of a connection")
    void borrowersComingAndGoingFast() {
        churn(2, 3, """
                It happened while three borrowers who never wait took and gave back the two connections \
                of a pool as fast as they could. Two of them can take or give back a connection at the \
                same moment, so the collection of idle connections must be safe for that (a \
                ConcurrentLinkedQueue, a BlockingQueue) or used only under a lock. And the moment \
                between one borrower's permit coming back and its connection coming back is enough for \
                another to take the permit and find no connection: put the connection back first, \
                then release the permit.""");
    }

    /**
     * {@code borrowers} threads borrow from a pool of {@code connections} with a zero timeout, each
     * until it has been lent a connection {@value #CHURN_BORROWS} times, has used its share of CPU
     * time, or the first problem shows. Borrowers that never wait are the fastest to grab a permit
     * the moment it comes back. The race is left to chance (nothing lets a test stop a thread
     * between two lines of the pool's code), so this catches such mistakes often, not always.
     */
    private static void churn(int connections, int borrowers, String where) {
        var fixture = new Fixture("conn", connections);
        var stop = new AtomicBoolean();
        var failed = new AtomicReference<String>();
        Workers.start("borrower", borrowers, index -> {
            var cpu = ManagementFactory.getThreadMXBean();
            long end = cpu.getCurrentThreadCpuTime() + CHURN_CPU_BUDGET.toNanos();
            long wallEnd = System.nanoTime() + DEADLINE.dividedBy(2).toNanos();
            for (int lent = 0; lent < CHURN_BORROWS && !stop.get() && cpu.getCurrentThreadCpuTime() < end
                    && System.nanoTime() - wallEnd < 0; ) {
                try {
                    if (fixture.borrow(Duration.ZERO, fixture.useBriefly)) {
                        lent++;
                    }
                } catch (AssertionError e) {
                    failed.compareAndSet(null, e.getMessage());
                    stop.set(true);
                }
                if (!fixture.problems.isEmpty()) {
                    stop.set(true);
                }
            }
        }).awaitCompletion(DEADLINE);
        if (failed.get() != null) {
            throw new AssertionError(failed.get() + "\n" + where);
        }
        if (!fixture.problems.isEmpty()) {
            fixture.assertEachConnectionLentToOneBorrowerAtATime();
        }
    }

    @Test
    @DisplayName("two borrowers for the last idle connection: one waits, wherever the first is stopped")
    void twoBorrowersForTheLastIdleConnection() throws Exception {
        try (var preemption = Preemption.instrument()) {
            preemption.atEveryPoint(200, point -> {
                var fixture = new Fixture("last", 1);
                var secondMayGiveBack = new CountDownLatch(1);
                var firstGot = new AtomicBoolean();
                var first = preemption.start("first borrower", point,
                        () -> firstGot.set(fixture.pool.tryBorrow(PATIENT, fixture.useBriefly)));
                boolean stopped = first.awaitStopped(DEADLINE);
                var second = BlockingCall.call("second borrower", () -> fixture.pool.tryBorrow(PATIENT, connection -> {
                    fixture.useBriefly.accept(connection);
                    try {
                        secondMayGiveBack.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }));
                second.awaitSettled(DEADLINE);
                first.resume();
                first.call().awaitSettled(DEADLINE);
                secondMayGiveBack.countDown();
                String where = """
                        The first borrower's tryBorrow() was held at its preemption point %d (a lock, \
                        semaphore, condition or queue call, or a synchronized block, entered or left) while a \
                        second borrower asked the pool of one connection for it.""".formatted(point);
                try {
                    first.call().awaitResult(DEADLINE, UNTIMED_WAIT_SEEN, "tryBorrow() must get the connection once it is back");
                    second.awaitResult(DEADLINE, UNTIMED_WAIT_SEEN, "tryBorrow() must get the connection once it is back");
                } catch (AssertionError failure) {
                    if (failure.getCause() instanceof RuntimeException thrown) {
                        throw new AssertionError(where + " The pool threw " + thrown + ".\n" + WHY_ONE_HOLD, thrown);
                    }
                    throw failure;
                }
                if (!fixture.problems.isEmpty()) {
                    throw new AssertionError(where + " " + fixture.problems.peek() + ".\n" + WHY_ONE_HOLD);
                }
                assertThat(firstGot.get()).as(where + " The first tryBorrow() returned").isTrue();
                return stopped;
            });
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
                holders.finish(DEADLINE, ObjectPool.class);
                late.finish(DEADLINE, ObjectPool.class);
            }
        }
        if (!Boolean.TRUE.equals(lateGotOne.get())) {
            throw new AssertionError("""
                    A borrower waited with tryBorrow(%s) while both connections were out; they came back, \
                    and tryBorrow returned %s.
                    Why: a connection that comes back goes to a borrower waiting for it."""
                    .formatted(Durations.readable(PATIENT), lateGotOne.get()));
        }
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
                gotOne.set(fixture.borrow(MEASURED_TIMEOUT, connection -> workRan.incrementAndGet()));
                waited.set(System.nanoTime() - start);
            })) {
                awaitGivingUp(impatient, MEASURED_TIMEOUT);
            }
        }
        if (gotOne.get() || workRan.get() > 0) {
            throw new AssertionError("""
                    With both connections lent out, tryBorrow(%s) returned %s and ran the borrower's work %d \
                    time(s), so it lent a connection that another borrower still had.
                    Why: a borrower may take a connection only once it holds a permit; when none comes \
                    free within the timeout, tryBorrow returns false without running the work."""
                    .formatted(Durations.readable(MEASURED_TIMEOUT), gotOne.get(), workRan.get()));
        }
        if (Duration.ofNanos(waited.get()).compareTo(MEASURED_TIMEOUT.minus(CLOCK_SLACK)) < 0) {
            throw new AssertionError("""
                    With both connections out, tryBorrow(%s) gave up after %s: before its timeout.
                    Why: a borrower waits for a connection to come back until its timeout passes, and \
                    only then gives up. Hand the whole timeout to the wait (tryAcquire(timeout.toNanos(), \
                    TimeUnit.NANOSECONDS)), and when you wait in a loop, wait for what is left of one \
                    deadline, not for a part of the timeout."""
                    .formatted(Durations.readable(MEASURED_TIMEOUT), Durations.readable(Duration.ofNanos(waited.get()))));
        }
    }

    @Test
    @DisplayName("with every connection out, a zero, sub-millisecond or negative timeout gives up at once")
    void tinyTimeoutsGiveUpAtOnce() throws InterruptedException {
        var fixture = new Fixture();
        var workRan = new AtomicInteger();
        try (var holders = fixture.region.crowd("holder", 2, index -> fixture.borrow(PATIENT, fixture.holdConnection))) {
            holders.assertInside(2, WHY_TOO_MANY, WHY_TOO_FEW);
            for (var timeout : List.of(Duration.ZERO, Duration.ofNanos(500_000), Duration.ofMillis(-1))) {
                var words = "tryBorrow(Duration.of%s)".formatted(timeout.isZero() ? "Nanos(0)"
                        : timeout.isNegative() ? "Millis(-1)" : "Nanos(500_000)");
                var call = BlockingCall.call("impatient", () -> fixture.borrow(timeout, connection -> workRan.incrementAndGet()));
                awaitGivingUp(call.thread(), timeout, words, """
                         A timeout of zero or less means "do not wait", and half a millisecond is soon \
                        over. Duration.toMillis() of 500 µs is 0, and wait(0), join(0) and the like wait for \
                        ever: keep the time in nanoseconds (tryAcquire(timeout.toNanos(), \
                        TimeUnit.NANOSECONDS), awaitNanos, TimeUnit.NANOSECONDS.timedWait), and give up \
                        once nothing is left of it.""");
                call.awaitDone(PROMPTLY);
                if (call.result() || workRan.get() > 0) {
                    throw new AssertionError("""
                            With both connections out, %s returned %s and ran the work %d time(s).
                            Why: no connection was idle, so it must return false without running the work."""
                            .formatted(words, call.result(), workRan.get()));
                }
            }
            fixture.assertEachConnectionLentToOneBorrowerAtATime();
            holders.finish(DEADLINE, ObjectPool.class);
        }
    }

    @Test
    @DisplayName("a borrower interrupted while it waits, or before it asks, gets InterruptedException and takes nothing")
    void anInterruptedBorrowerTakesNothing() throws InterruptedException {
        var fixture = new Fixture();
        var workRan = new AtomicInteger();
        Consumer<Connection> countRuns = connection -> workRan.incrementAndGet();
        try (var holders = fixture.region.crowd("holder", 2, index -> fixture.borrow(PATIENT, fixture.holdConnection))) {
            holders.assertInside(2, WHY_TOO_MANY, WHY_TOO_FEW);
            var waiting = BlockingCall.call("waiting borrower", () -> fixture.borrow(PATIENT, countRuns));
            waiting.assertBlocks(PROMPTLY, "tryBorrow(%s) with both connections out".formatted(Durations.readable(PATIENT)));
            waiting.interrupt();
            waiting.assertThrowsInterruptedException(PROMPTLY,
                    "tryBorrow(%s), waiting with both connections out,".formatted(Durations.readable(PATIENT)));
            BlockingCall.callInterrupted("interrupted borrower", () -> fixture.borrow(PATIENT, countRuns))
                    .assertThrowsInterruptedException(PROMPTLY,
                    "tryBorrow(%s), called with both connections out by a thread already interrupted,"
                            .formatted(Durations.readable(PATIENT)));
            if (workRan.get() > 0) {
                throw new AssertionError("""
                        An interrupted borrower's work ran %d time(s), with both connections out.
                        Why: a borrower interrupted while it waits gets no connection, so its work must not run."""
                        .formatted(workRan.get()));
            }
            holders.finish(DEADLINE, ObjectPool.class);
        }
        try (var later = fixture.region.crowd("later", 3, index -> fixture.borrow(PATIENT, fixture.holdConnection))) {
            later.assertInside(2, """
                    borrowers were interrupted earlier while they waited (so they never got a permit), and \
                    the pool gave back a permit anyway. That happens when the acquire is inside the try \
                    whose finally releases: an acquire that throws then releases too. Acquire first, and \
                    start the try only once you hold the permit.""", """
                    borrowers were interrupted earlier while they waited, and the pool is short of a \
                    connection since: an interrupted borrower must take nothing and keep nothing.""");
            fixture.assertEachConnectionLentToOneBorrowerAtATime();
            later.finish(DEADLINE, ObjectPool.class);
        }
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
                awaitGivingUp(impatient, IMPATIENT);
            }
            if (!Boolean.FALSE.equals(gotOne.get())) {
                throw new AssertionError("tryBorrow(%s) while both connections were out returned %s; it must return false."
                        .formatted(Durations.readable(IMPATIENT), gotOne.get()));
            }
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
    @DisplayName("a borrower whose work throws an exception or an Error gives its connection back, and the caller sees what was thrown")
    void aBorrowerThatThrowsGivesItsConnectionBack() throws InterruptedException {
        var fixture = new Fixture();
        for (var failure : List.<Throwable>of(new IllegalStateException("the borrower's work failed"), new WorkCrashed())) {
            Throwable thrown = null;
            try {
                fixture.pool.tryBorrow(DEADLINE, connection -> {
                    if (failure instanceof Error error) {
                        throw error;
                    }
                    throw (RuntimeException) failure;
                });
            } catch (RuntimeException | WorkCrashed e) {
                thrown = e;
            }
            if (thrown != failure) {
                throw new AssertionError("""
                        The borrower's work threw %s, and tryBorrow threw %s.
                        Why: what the work throws must reach the caller as it is: give the connection back \
                        in finally, and neither catch nor wrap what the work throws."""
                        .formatted(failure, thrown));
            }
        }
        try (var borrowers = fixture.region.crowd("borrower", 5, index -> fixture.borrow(PATIENT, fixture.holdConnection))) {
            borrowers.assertInside(2, WHY_TOO_MANY, """
                    two earlier borrowers' work threw, one an exception and one an Error, and a permit (and \
                    maybe a connection) never came back, so the pool is short for good. Give the connection \
                    and the permit back in a finally block, which runs however the work ends: catch \
                    (Exception) misses an Error such as OutOfMemoryError or StackOverflowError.""");
            fixture.assertEachConnectionLentToOneBorrowerAtATime();
            borrowers.finish(DEADLINE, ObjectPool.class);
        }
    }

    @Test
    @DisplayName("two pools side by side each lend their own two connections")
    void twoPoolsSideBySide() {
        var first = new Fixture("first", 2);
        var second = new Fixture("second", 2);
        try (var firstHolders = first.region.crowd("first-pool", 2, index -> first.borrow(PATIENT, first.holdConnection));
                var secondHolders = second.region.crowd("second-pool", 3, index -> second.borrow(PATIENT, second.holdConnection))) {
            firstHolders.assertInside(2, WHY_TOO_MANY, WHY_TOO_FEW);
            var why = """
                    two pools of two connections each were made; borrowers of the first held its two \
                    connections, and borrowers of the second did not get exactly its two. A pool's \
                    permits and idle connections belong to that pool alone: a static field is shared by \
                    every pool.""";
            secondHolders.assertInside(2, why, why);
            first.assertEachConnectionLentToOneBorrowerAtATime();
            second.assertEachConnectionLentToOneBorrowerAtATime();
            firstHolders.finish(DEADLINE, ObjectPool.class);
            secondHolders.finish(DEADLINE, ObjectPool.class);
        }
    }
}
