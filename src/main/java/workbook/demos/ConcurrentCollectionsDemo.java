package workbook.demos;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * Lesson 14 — concurrent collections and atomics: what a thread-safe collection promises, and
 * what it does not.
 * <ul>
 *   <li>{@link #countWords(int, int)}: threads count one word in a {@code ConcurrentHashMap},
 *       first with {@code get} then {@code put} (each call is atomic, the pair is not, and counts
 *       are lost), then with {@code merge} (one step: nothing lost);</li>
 *   <li>{@link #walkWhileWriting(int)}: a thread walks a {@code ConcurrentHashMap} and a
 *       {@code CopyOnWriteArrayList} while another adds to them. Neither throws (a {@code HashMap}
 *       would, lesson 03); the map's walk is weakly consistent, it may or may not see what was
 *       added during the walk, and the list's walk is a snapshot of the list when it began;</li>
 *   <li>{@link #copyWhileWriting(int)}: copies of a {@code ConcurrentHashMap} made while a thread
 *       adds words in turn, checked for a state the map was never in: a copy that mixes moments;</li>
 *   <li>{@link #lockFreeStack(int, int)}: a stack whose {@code push} and {@code pop} are
 *       compare-and-set loops on an {@code AtomicReference}; it counts how often a thread's
 *       compare-and-set failed and it tried again;</li>
 *   <li>{@link #adderAgainstAtomicLong(int, int)}: the same increments on an {@code AtomicLong} and
 *       on a {@code LongAdder}, both exact, with one rough timing of each. A single timing in a
 *       demo is not a measurement (lesson 18 is about why), so the lesson claims nothing from it.</li>
 * </ul>
 *
 * <p>Run it with {@code ./workbook demo 14}, or in JShell:
 * {@code /open lessons/14-concurrent-collections.jsh}. One run on a 2-core Linux machine with
 * Temurin 25.0.3, with other builds keeping both cores busy (an earlier run timed the AtomicLong at
 * 466 ms and the LongAdder at 301 ms: the order of one rough timing means nothing):
 * <pre>
 * 4 threads × 100,000 adds of "the" to a ConcurrentHashMap (400,000 in all):
 *   get, then put:  counted 144,784, lost 255,216
 *   merge:          counted 400,000, lost 0
 *
 * ConcurrentHashMap, 1,000 entries, walked while another thread added 105 more:
 *   no exception; the walk saw 1,050 entries: 50 of the 105 added during the walk
 * CopyOnWriteArrayList, 1,000 elements, walked while another thread added 104 more:
 *   no exception; the walk saw 1,000 elements: the list as it was when the walk began
 *
 * 100 copies of a ConcurrentHashMap, made while a thread adds w000 … w199 in turn:
 *   2 of them show a state the map was never in
 *   copy 28: w042 = 29 but w043 = 167, though w042 is always added first
 *
 * 4 threads push 100,000 numbers each onto a lock-free stack, then pop until it is empty:
 *   popped 400,000 of 400,000; compare-and-set failed and was tried again 6 times pushing, 5 popping
 *
 * 2 threads × 5,000,000 increments (10,000,000 in all), one rough timing each, not a benchmark:
 *   AtomicLong  sum 10,000,000  in 391 ms
 *   LongAdder   sum 10,000,000  in 757 ms
 * </pre>
 */
public final class ConcurrentCollectionsDemo {

    private static final int ENTRIES_BEFORE_THE_WALK = 1_000;
    private static final int ENTRIES_PER_PAUSE = 10;
    private static final long PAUSE_NANOS = 20_000;
    private static final int WORDS_IN_TURN = 200;
    private static final int MAX_ROUNDS_IN_TURN = 1_000_000;

    private ConcurrentCollectionsDemo() {}

    public static void main(String[] args) throws InterruptedException {
        countWords(4, 100_000);
        System.out.println();
        walkWhileWriting(ENTRIES_BEFORE_THE_WALK);
        System.out.println();
        copyWhileWriting(100);
        System.out.println();
        lockFreeStack(4, 100_000);
        System.out.println();
        adderAgainstAtomicLong(2, 5_000_000);
    }

    /**
     * {@code threads} threads each count the word "the" {@code addsPerThread} times in a
     * {@code ConcurrentHashMap}, once with get-then-put and once with merge; prints both totals and
     * returns how many counts get-then-put lost.
     */
    public static long countWords(int threads, int addsPerThread) throws InterruptedException {
        long expected = (long) threads * addsPerThread;
        var racy = new ConcurrentHashMap<String, Long>();
        DemoThreads.runTogether(threads, () -> {
            for (int i = 0; i < addsPerThread; i++) {
                getThenPut(racy, "the");
            }
        });
        var atomic = new ConcurrentHashMap<String, Long>();
        DemoThreads.runTogether(threads, () -> {
            for (int i = 0; i < addsPerThread; i++) {
                atomic.merge("the", 1L, Long::sum);
            }
        });
        long lost = expected - racy.get("the");
        System.out.printf("%d threads × %,d adds of \"the\" to a ConcurrentHashMap (%,d in all):%n", threads, addsPerThread, expected);
        System.out.printf("  get, then put:  counted %,d, lost %,d%n", racy.get("the"), lost);
        System.out.printf("  merge:          counted %,d, lost %,d%n", atomic.get("the"), expected - atomic.get("the"));
        return lost;
    }

    /** Two atomic calls, not one atomic step: another thread can put between the get and the put. */
    static void getThenPut(Map<String, Long> counts, String word) {
        Long count = counts.get(word);
        counts.put(word, count == null ? 1 : count + 1);
    }

    /**
     * One thread walks a ConcurrentHashMap, then a CopyOnWriteArrayList, each holding
     * {@code entries} items, slowly, while another thread keeps adding; prints what each walk saw
     * and returns how many of the items added during the map's walk it saw.
     */
    public static int walkWhileWriting(int entries) throws InterruptedException {
        var map = new ConcurrentHashMap<Integer, Integer>();
        for (int i = 0; i < entries; i++) {
            map.put(scattered(i), i);
        }
        var mapWalk = walkWhileAdding(map.keySet(), next -> map.put(scattered(next), next), entries);
        int seenOfTheNew = mapWalk.seen() - entries;
        System.out.printf("ConcurrentHashMap, %,d entries, walked while another thread added %,d more:%n", entries, mapWalk.added());
        System.out.printf("  no exception; the walk saw %,d entries: %,d of the %,d added during the walk%n",
                mapWalk.seen(), seenOfTheNew, mapWalk.added());

        var list = new CopyOnWriteArrayList<Integer>();
        for (int i = 0; i < entries; i++) {
            list.add(i);
        }
        var listWalk = walkWhileAdding(list, list::add, entries);
        System.out.printf("CopyOnWriteArrayList, %,d elements, walked while another thread added %,d more:%n", entries, listWalk.added());
        System.out.printf("  no exception; the walk saw %,d elements: the list as it was when the walk began%n", listWalk.seen());
        return seenOfTheNew;
    }

    /** A key for number n, scattered over the map's table, so that a new key may land ahead of a walk or behind it. */
    private static int scattered(int n) {
        return n * 0x9E3779B1;
    }

    private record Walk(int seen, int added) {}

    /** Walks {@code items} slowly while a writer thread calls {@code add} with new numbers; stops the writer when the walk ends. */
    private static Walk walkWhileAdding(Iterable<Integer> items, java.util.function.IntConsumer add, int firstNew)
            throws InterruptedException {
        var walking = new AtomicBoolean(true);
        var added = new AtomicLong();
        var writer = new Thread(() -> {
            int next = firstNew;
            while (walking.get() && next < firstNew + 100_000) {
                add.accept(next++);
                added.incrementAndGet();
                LockSupport.parkNanos(PAUSE_NANOS / 10);
            }
        }, "writer");
        writer.start();
        int seen = 0;
        for (Integer ignored : items) {
            seen++;
            if (seen % ENTRIES_PER_PAUSE == 0) {
                LockSupport.parkNanos(PAUSE_NANOS); // the tutorial's "do important stuff with cache items"
            }
        }
        walking.set(false);
        writer.join(5_000);
        return new Walk(seen, (int) added.get());
    }

    /**
     * Copies a ConcurrentHashMap {@code copies} times with {@code new HashMap<>(map)} while a
     * thread adds w000 … w199 in turn, round after round; prints the first copy that mixes two
     * moments and returns how many did.
     */
    public static int copyWhileWriting(int copies) throws InterruptedException {
        var words = new String[WORDS_IN_TURN];
        for (int i = 0; i < words.length; i++) {
            words[i] = "w%03d".formatted(i);
        }
        var counts = new ConcurrentHashMap<String, Long>();
        var writing = new AtomicBoolean(true);
        var writer = new Thread(() -> {
            for (int round = 0; round < MAX_ROUNDS_IN_TURN && writing.get(); round++) {
                for (var word : words) {
                    counts.merge(word, 1L, Long::sum);
                }
            }
        }, "writer");
        writer.start();
        while (counts.size() < words.length && writer.isAlive()) {
            Thread.onSpinWait(); // copy only once every word is in the map, so that each copy has all of them to mix
        }
        int mixed = 0;
        String firstMixed = null;
        for (int copy = 0; copy < copies; copy++) {
            var snapshot = new HashMap<>(counts);
            var problem = mixedMoments(snapshot, words);
            if (problem != null) {
                mixed++;
                firstMixed = firstMixed == null ? "copy " + (copy + 1) + ": " + problem : firstMixed;
            }
        }
        writing.set(false);
        writer.join(5_000);
        System.out.printf("%d copies of a ConcurrentHashMap, made while a thread adds w000 … w199 in turn:%n", copies);
        System.out.printf("  %d of them show a state the map was never in%n", mixed);
        if (firstMixed != null) {
            System.out.println("  " + firstMixed);
        }
        return mixed;
    }

    /** What is wrong with {@code snapshot}, if anything: the words are added in turn, so no count is above the one before it. */
    private static String mixedMoments(Map<String, Long> snapshot, String[] words) {
        for (int i = 1; i < words.length; i++) {
            long before = snapshot.getOrDefault(words[i - 1], 0L);
            long count = snapshot.getOrDefault(words[i], 0L);
            if (count > before) {
                return "%s = %d but %s = %d, though %s is always added first".formatted(
                        words[i - 1], before, words[i], count, words[i - 1]);
            }
        }
        return null;
    }

    /**
     * {@code threads} threads each push {@code pushesPerThread} numbers onto a {@link LockFreeStack},
     * then pop them all; prints how many came back and how many compare-and-sets failed and were
     * tried again, and returns the number of retries.
     */
    public static long lockFreeStack(int threads, int pushesPerThread) throws InterruptedException {
        var stack = new LockFreeStack<Integer>();
        DemoThreads.runTogether(threads, () -> {
            for (int i = 0; i < pushesPerThread; i++) {
                stack.push(i);
            }
        });
        long pushRetries = stack.retries.sum();
        var popped = new LongAdder();
        DemoThreads.runTogether(threads, () -> {
            while (stack.pop() != null) {
                popped.increment();
            }
        });
        System.out.printf("%d threads push %,d numbers each onto a lock-free stack, then pop until it is empty:%n",
                threads, pushesPerThread);
        System.out.printf("  popped %,d of %,d; compare-and-set failed and was tried again %,d times pushing, %,d popping%n",
                popped.sum(), (long) threads * pushesPerThread, pushRetries, stack.retries.sum() - pushRetries);
        return stack.retries.sum();
    }

    /**
     * A stack with no lock (R. K. Treiber's): the top is an {@link AtomicReference}, and each
     * operation reads the top, builds its change from it, and installs the change only if the top
     * is still the one it read. If another thread got there first, nothing was written, and the
     * loop starts again from the new top.
     */
    static final class LockFreeStack<E> {
        private record Node<E>(E item, Node<E> next) {}

        private final AtomicReference<Node<E>> top = new AtomicReference<>();
        final LongAdder retries = new LongAdder();

        void push(E item) {
            Node<E> current;
            Node<E> pushed;
            do {
                current = top.get();
                pushed = new Node<>(item, current);
            } while (!installed(current, pushed));
        }

        E pop() {
            Node<E> current;
            do {
                current = top.get();
                if (current == null) {
                    return null;
                }
            } while (!installed(current, current.next()));
            return current.item();
        }

        private boolean installed(Node<E> expected, Node<E> replacement) {
            if (top.compareAndSet(expected, replacement)) {
                return true;
            }
            retries.increment();
            return false;
        }
    }

    /**
     * {@code threads} threads each add 1 {@code increments} times to an AtomicLong, then to a
     * LongAdder; prints both sums and one rough wall-clock time for each, and returns the
     * LongAdder's sum. One timing of one run on a shared machine: read it as "this happened once",
     * not as a measurement.
     */
    public static long adderAgainstAtomicLong(int threads, int increments) throws InterruptedException {
        var atomic = new AtomicLong();
        long atomicNanos = timed(() -> DemoThreads.runTogether(threads, () -> {
            for (int i = 0; i < increments; i++) {
                atomic.incrementAndGet();
            }
        }));
        var adder = new LongAdder();
        long adderNanos = timed(() -> DemoThreads.runTogether(threads, () -> {
            for (int i = 0; i < increments; i++) {
                adder.increment();
            }
        }));
        System.out.printf("%d threads × %,d increments (%,d in all), one rough timing each, not a benchmark:%n",
                threads, increments, (long) threads * increments);
        System.out.printf("  AtomicLong  sum %,d  in %,d ms%n", atomic.get(), atomicNanos / 1_000_000);
        System.out.printf("  LongAdder   sum %,d  in %,d ms%n", adder.sum(), adderNanos / 1_000_000);
        return adder.sum();
    }

    private interface Run {
        void run() throws InterruptedException;
    }

    private static long timed(Run run) throws InterruptedException {
        long start = System.nanoTime();
        run.run();
        return System.nanoTime() - start;
    }
}
