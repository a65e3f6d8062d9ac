package workbook.demos;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Lesson 02 — race conditions: updates lost when threads share a variable, counted.
 *
 * <p>{@code count++} looks like one step but is three: read the field, add one, write the field
 * back. When two threads interleave those steps, one of the two increments disappears: both read
 * 6, both write 7. Nothing fails, nothing is printed; the total is just short. This demo shows it
 * three ways:
 * <ul>
 *   <li>{@link #lostUpdateStepByStep()} forces the bad interleaving with latches, so the "both read
 *       6, both write 7" story happens every time, step by step;</li>
 *   <li>{@link #countWithoutLock(int, int)} lets real threads race on a plain {@code int} and counts
 *       what was lost, and {@link #countWithLock(int, int)} runs the same work with the update
 *       guarded by a lock, losing nothing;</li>
 *   <li>{@link #sellWithoutLock(int, int)} shows the other classic race, check-then-act: a ticket
 *       office that sells more seats than it has. Its own count shows how much of that is lost
 *       {@code sold++} updates; {@link #sellWithAtomicCountOnly(int, int)} keeps the count atomic
 *       and the check separate, leaving check-then-act alone: at most buyers - 1 seats too many.</li>
 * </ul>
 *
 * <p>Run it with {@code ./workbook demo 02}, or in JShell: {@code /open lessons/02-race-conditions.jsh}.
 * How many updates are lost changes from run to run; some runs lose none at all, which is exactly
 * why one passing run proves nothing. One run on a 2-core Linux machine with Temurin 25.0.3:
 * <pre>
 * 4 threads × 1,000,000 count++ without a lock: expected 4,000,000, got 3,979,769, lost 20,231
 * 4 threads × 1,000,000 count++ without a lock: expected 4,000,000, got 3,026,004, lost 973,996
 * 4 threads × 1,000,000 count++ without a lock: expected 4,000,000, got 4,000,000, lost 0
 * 4 threads × 1,000,000 count++ with a lock:    expected 4,000,000, got 4,000,000, lost 0
 *
 * 4 buyers, 100,000 seats, without a lock: 151,680 tickets sold, 51,680 more than seats
 * 4 buyers, 100,000 seats, with a lock   : 100,000 tickets sold, 0 more than seats
 * </pre>
 * The sales part again, with the office's own count and check-then-act alone, on the same machine
 * while other builds kept the load average near 19 (the buyers seldom overlapped; the one extra
 * ticket was check-then-act, since the office's count shows no update lost):
 * <pre>
 * 4 buyers, 100,000 seats, without a lock: 100,001 tickets sold, 1 more than seats; the office counted 100,001
 * 4 buyers, 100,000 seats, with a lock   : 100,000 tickets sold, 0 more than seats; the office counted 100,000
 * 4 buyers, 100,000 one-seat shows, atomic count but a separate check: 2 of them sold more than once, at most 2 tickets for one seat
 * </pre>
 */
public final class RaceConditionsDemo {

    private RaceConditionsDemo() {}

    public static void main(String[] args) throws InterruptedException {
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : 4;
        int increments = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
        lostUpdateStepByStep();
        System.out.println();
        for (int round = 0; round < 3; round++) {
            countWithoutLock(threads, increments);
        }
        countWithLock(threads, increments);
        System.out.println();
        sellWithoutLock(threads, 100_000);
        sellWithLock(threads, 100_000);
        sellWithAtomicCountOnly(threads, 100_000);
    }

    /** A counter with no protection at all: {@code count++} on a plain field. */
    static final class UnguardedCounter {
        private int count;

        void increment() {
            count++;
        }
    }

    /** The same counter with the read-modify-write done while holding the counter's lock. */
    static final class LockedCounter {
        private int count; // guarded by this

        synchronized void increment() {
            count++;
        }

        synchronized int get() {
            return count;
        }
    }

    /**
     * Two threads, one shared value of 6, and the interleaving that loses an update forced with
     * latches, so it happens on every run and on any machine. Returns the final value: 7, not 8.
     */
    public static int lostUpdateStepByStep() throws InterruptedException {
        var shared = new int[] {6};
        var bothHaveRead = new CountDownLatch(2);
        var log = new StringBuilder();
        Runnable incrementer = () -> {
            int read = shared[0];
            synchronized (log) {
                log.append("  ").append(Thread.currentThread().getName()).append(" reads ").append(read).append('\n');
            }
            bothHaveRead.countDown();
            try {
                bothHaveRead.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            synchronized (log) {
                shared[0] = read + 1;
                log.append("  ").append(Thread.currentThread().getName()).append(" writes ").append(read + 1).append('\n');
            }
        };
        var a = new Thread(incrementer, "thread A");
        var b = new Thread(incrementer, "thread B");
        a.start();
        b.start();
        a.join();
        b.join();
        System.out.println("Two increments of 6, with both reads before both writes:");
        System.out.print(log);
        System.out.println("  final value: " + shared[0] + " (two increments of 6 should give 8)");
        return shared[0];
    }

    /**
     * Starts {@code threads} threads that each call {@code count++} {@code incrementsPerThread}
     * times on one unguarded counter; prints and returns how many updates were lost.
     */
    public static long countWithoutLock(int threads, int incrementsPerThread) throws InterruptedException {
        var counter = new UnguardedCounter();
        DemoThreads.runTogether(threads, () -> {
            for (int i = 0; i < incrementsPerThread; i++) {
                counter.increment();
            }
        });
        return report(threads + " threads × %,d count++ without a lock:".formatted(incrementsPerThread),
                (long) threads * incrementsPerThread, counter.count);
    }

    /** The same work as {@link #countWithoutLock}, with each increment holding the counter's lock. */
    public static long countWithLock(int threads, int incrementsPerThread) throws InterruptedException {
        var counter = new LockedCounter();
        DemoThreads.runTogether(threads, () -> {
            for (int i = 0; i < incrementsPerThread; i++) {
                counter.increment();
            }
        });
        return report(threads + " threads × %,d count++ with a lock:   ".formatted(incrementsPerThread),
                (long) threads * incrementsPerThread, counter.get());
    }

    /** A box office that checks for a free seat, then takes it, with nothing keeping the two together. */
    static final class UnguardedTicketOffice {
        private final int seats;
        private int sold;

        UnguardedTicketOffice(int seats) {
            this.seats = seats;
        }

        boolean trySell() {
            if (sold < seats) {
                sold++;
                return true;
            }
            return false;
        }
    }

    /** The office with the check and the sale in one synchronized method. */
    static final class LockedTicketOffice {
        private final int seats;
        private int sold; // guarded by this

        LockedTicketOffice(int seats) {
            this.seats = seats;
        }

        synchronized boolean trySell() {
            if (sold < seats) {
                sold++;
                return true;
            }
            return false;
        }
    }

    /**
     * An office whose count cannot lose an update (an atomic increment), but whose check is still a
     * separate step before it: only check-then-act is left, so every buyer that passed the check
     * while one seat was left can still take it. At most {@code buyers - 1} seats too many.
     */
    static final class AtomicCountTicketOffice {
        private final int seats;
        private final AtomicInteger sold = new AtomicInteger();

        AtomicCountTicketOffice(int seats) {
            this.seats = seats;
        }

        boolean trySell() {
            if (sold.get() < seats) {
                sold.incrementAndGet();
                return true;
            }
            return false;
        }
    }

    /**
     * {@code buyers} threads buy from an office with {@code seats} seats until it says sold out;
     * prints how many tickets were sold and what the office's own count says (the difference is
     * {@code sold++} updates lost), and returns how many seats were sold beyond what the office had.
     */
    public static long sellWithoutLock(int buyers, int seats) throws InterruptedException {
        var office = new UnguardedTicketOffice(seats);
        long sales = buyUntilSoldOut(buyers, office::trySell);
        return reportSales("without a lock", buyers, seats, sales, office.sold);
    }

    /** The same sale with the check and the act under one lock: never oversold. */
    public static long sellWithLock(int buyers, int seats) throws InterruptedException {
        var office = new LockedTicketOffice(seats);
        long sales = buyUntilSoldOut(buyers, office::trySell);
        return reportSales("with a lock   ", buyers, seats, sales, office.sold);
    }

    /**
     * Check-then-act alone, with no lost update to add to it: {@code shows} one-seat shows, each
     * with an atomic count and a separate check, and {@code buyers} threads that each try every
     * show once, in the same order, so that they meet at every last seat. Prints how many shows
     * sold their one seat more than once and the most tickets one seat got (never more than
     * {@code buyers}); returns that most.
     */
    public static long sellWithAtomicCountOnly(int buyers, int shows) throws InterruptedException {
        var offices = new AtomicCountTicketOffice[shows];
        for (int show = 0; show < shows; show++) {
            offices[show] = new AtomicCountTicketOffice(1);
        }
        DemoThreads.runTogether(buyers, () -> {
            for (var office : offices) {
                office.trySell();
            }
        });
        int oversold = 0;
        int most = 0;
        for (var office : offices) {
            int tickets = office.sold.get();
            if (tickets > 1) {
                oversold++;
            }
            most = Math.max(most, tickets);
        }
        System.out.printf("%d buyers, %,d one-seat shows, atomic count but a separate check: %,d of them sold more than once,"
                + " at most %d tickets for one seat%n", buyers, shows, oversold, most);
        return most;
    }

    private static long buyUntilSoldOut(int buyers, java.util.function.BooleanSupplier trySell) throws InterruptedException {
        var sales = new AtomicInteger();
        DemoThreads.runTogether(buyers, () -> {
            int mine = 0;
            while (trySell.getAsBoolean()) {
                mine++;
            }
            sales.addAndGet(mine);
        });
        return sales.get();
    }

    private static long reportSales(String how, int buyers, int seats, long sales, int counted) {
        System.out.printf("%d buyers, %,d seats, %s: %,d tickets sold, %,d more than seats; the office counted %,d%n",
                buyers, seats, how, sales, sales - seats, counted);
        return sales - seats;
    }

    private static long report(String what, long expected, long actual) {
        System.out.printf("%s expected %,d, got %,d, lost %,d%n", what, expected, actual, expected - actual);
        return expected - actual;
    }
}
