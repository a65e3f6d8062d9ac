package workbook.testkit;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import java.util.function.ToLongBiFunction;

/**
 * Whether a lookup by a {@code String} key finds a stored entry while another thread's add grows
 * the map in the middle of the lookup: the check that catches a {@code HashMap} read without the
 * lock its writers hold (or after taking it and giving it back, "to see the latest writes").
 *
 * <p>{@code HashMap.get()} reads the table first and hashes the key after; a map that grows moves
 * every entry into a bigger table and empties the old one, so a lookup that read the old table
 * finds nothing there. With String keys no code of the test runs inside the lookup, so nothing can
 * hold the reader in that window; but a fresh copy of a word of 4 Mi characters (its hash not yet
 * computed) keeps it there for a while: 0.5 to 1 ms once C2 has compiled {@code String.hashCode}
 * (its intrinsic), 6 to 7 ms with C1 alone, as the runner runs ({@code bench/hash-speed}).
 *
 * <p>Each trial fills a fresh object with the long word and 47 short ones, 48 in all: as many as a
 * HashMap of 64 bins holds, so that {@code put} grows it as it stores the next word and
 * {@code merge} or {@code compute} as they store the one after. The adding thread is started first
 * and spins; the reader notes its own CPU time as its lookup starts and ends. The adder makes its
 * two adds once the reader has used {@link #BEFORE_HASHING} of CPU time in the lookup, and the trial
 * tells only when the adds were over while the lookup still had more than {@link #AFTER_HASHING} of
 * CPU time to go: measured in the reader's own CPU time, so that the JIT, the machine's load and the
 * hash's speed cannot make a trial count that did not land in the window. A trial that cannot tell
 * is tried again, with a word twice as long (up to 32 Mi characters) when its adds did not wait
 * either: on a busy machine the adder may not run while the reader hashes. A correct answer whose
 * adds wait for the lookup never tells; it is done once its adding thread has been seen waiting
 * while the lookup ran, in three trials in a row (a thread that spins until it adds waits only for
 * something the lookup holds). One that lets the adds through (a ConcurrentHashMap) tells at once.
 *
 * <pre>{@code
 * GrowingMapLookup.of(WordCounter::new, WordCounter::add, WordCounter::count)
 *         .assertFound("count() of a word added once, while ...\nWhy: ...", "has nothing to wait for ...");
 * }</pre>
 *
 * @param fresh  a new, empty object under test
 * @param add    adds one of a word
 * @param lookup how many of a word the object holds
 */
public record GrowingMapLookup<T>(Supplier<T> fresh, BiConsumer<T, String> add, ToLongBiFunction<T, String> lookup) {

    private static final int LONG_WORD_LENGTH = 4 << 20;
    /**
     * A trial whose adds neither waited nor landed inside missed the window: the adder did not run
     * while the reader hashed (a busy machine). The next trial's word is twice as long, up to this.
     */
    private static final int LONGEST_WORD_LENGTH = 32 << 20;
    private static final int SHORT_WORDS = 47;
    private static final int TRIALS = 16;
    /** A correct answer whose adds wait for the lookup shows it this many trials in a row, and is done. */
    private static final int TRIALS_THAT_WAIT_IN_A_ROW = 3;
    /** How often the test looks whether the adding thread waits: rarely enough to leave it and the reader the cores. */
    private static final Duration LOOK_INTERVAL = Duration.ofNanos(50_000);
    /** What a lookup does before it reads the table (take a lock, call get): a few microseconds. */
    private static final Duration BEFORE_HASHING = Duration.ofNanos(100_000);
    /** What a lookup does after its hashing (look into one bin, return): microseconds. */
    private static final Duration AFTER_HASHING = Duration.ofNanos(100_000);
    /** Long enough for any thread to be scheduled on a busy machine; far shorter than a hang. */
    private static final Duration SOON = Duration.ofSeconds(2);
    /** A call that has stayed this long in one wait, with nothing running that it could wait for, waits for ever. */
    private static final Duration QUIET = Duration.ofMillis(200);

    public static <T> GrowingMapLookup<T> of(Supplier<T> fresh, BiConsumer<T, String> add, ToLongBiFunction<T, String> lookup) {
        return new GrowingMapLookup<>(fresh, add, lookup);
    }

    /** The reader's thread and its CPU time as its lookup started. */
    private record LookupStart(long threadId, long cpuTime) {}

    /** What the lookup found, and its thread's CPU time when it returned. */
    private record LookupEnd(long found, long cpuTime) {}

    /**
     * Fails with {@code whyFound} when a lookup of a word added once does not find it once while a
     * growing add lands inside it; {@code whyNoWait} ends the message of a call that waits although
     * nothing holds it up (a lock an earlier call kept).
     */
    public void assertFound(String whyFound, String whyNoWait) throws InterruptedException {
        var cpu = ManagementFactory.getThreadMXBean();
        int length = LONG_WORD_LENGTH;
        int addsThatWaitedInARow = 0;
        for (int trial = 0; trial < TRIALS; trial++) {
            var longWord = "w".repeat(length);
            var object = fresh.get();
            BlockingCall.run("adds of 48 words", () -> {
                add.accept(object, longWord);
                for (int i = 0; i < SHORT_WORDS; i++) {
                    add.accept(object, "word-" + i);
                }
            }).awaitResult(SOON, QUIET, "48 adds, one after another, " + whyNoWait);
            var started = new AtomicReference<LookupStart>();
            var adder = BlockingCall.call("adds of two new words", () -> {
                long end = System.nanoTime() + SOON.toNanos();
                for (var start = started.get(); System.nanoTime() < end; start = started.get()) {
                    long readerCpu = start == null ? -1 : cpu.getThreadCpuTime(start.threadId());
                    if (start != null && readerCpu < 0) {
                        return null;
                    }
                    if (start != null && readerCpu >= start.cpuTime() + BEFORE_HASHING.toNanos()) {
                        add.accept(object, "growth-1");
                        add.accept(object, "growth-2");
                        return cpu.getThreadCpuTime(start.threadId());
                    }
                    Thread.onSpinWait();
                }
                return null;
            });
            var copy = freshCopy(longWord);
            var reader = BlockingCall.call("lookup of a long word", () -> {
                long before = cpu.getCurrentThreadCpuTime();
                started.set(new LookupStart(Thread.currentThread().threadId(), before));
                long found = lookup.applyAsLong(object, copy);
                return new LookupEnd(found, cpu.getCurrentThreadCpuTime());
            });
            boolean addsWaited = addsWaitForTheLookup(adder, reader);
            var end = reader.awaitResult(SOON, QUIET, "A lookup of a long word " + whyNoWait);
            Long readerCpuAfterTheAdds = adder.awaitResult(SOON, QUIET, "An add, while another thread looked a word up, " + whyNoWait);
            if (end.found() != 1) {
                throw new AssertionError(whyFound + "\nexpected: 1\n but was: " + end.found());
            }
            if (readerCpuAfterTheAdds != null && readerCpuAfterTheAdds >= 0
                    && readerCpuAfterTheAdds + AFTER_HASHING.toNanos() <= end.cpuTime()) {
                return;
            }
            addsThatWaitedInARow = addsWaited ? addsThatWaitedInARow + 1 : 0;
            if (addsThatWaitedInARow == TRIALS_THAT_WAIT_IN_A_ROW) {
                return;
            }
            if (!addsWaited) {
                length = Math.min(2 * length, LONGEST_WORD_LENGTH);
            }
        }
    }

    /**
     * Whether the adding thread was seen blocked or waiting while the lookup ran: it spins until it
     * adds, so it waits only for something the lookup holds.
     */
    private static boolean addsWaitForTheLookup(BlockingCall<?> adder, BlockingCall<?> reader) {
        long end = System.nanoTime() + SOON.toNanos();
        while (!reader.isDone() && System.nanoTime() < end) {
            var state = adder.thread().getState();
            if (state == Thread.State.BLOCKED || state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING) {
                return true;
            }
            LockSupport.parkNanos(LOOK_INTERVAL.toNanos());
        }
        return false;
    }

    /** An equal String that has not computed its hash yet (new String(String) would copy the hash). */
    private static String freshCopy(String word) {
        return new String(word.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.ISO_8859_1);
    }
}
