import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;

/**
 * How long one {@code hashCode()} of a fresh copy of a 4 Mi-character String takes, in the calling
 * thread's CPU time, after 200,000 short strings have made {@code String.hashCode} hot: the window
 * that {@code workbook.testkit.GrowingMapLookup} aims at. Under C2 the JDK's vectorized intrinsic
 * hashes it several times faster than C1 does, so the window must be judged in the reader's own CPU
 * time, never calibrated under another JIT or on another thread. Prints one line of 8 timings.
 *
 * <p>Run it with {@code bench/hash-speed}, which runs it under C2, C1 only, and C2 without the
 * intrinsic.
 */
public final class HashSpeed {

    private static final int LENGTH = 4 << 20;
    private static final int WARM_UP_STRINGS = 200_000;
    private static final int TIMED = 8;

    private HashSpeed() {}

    public static void main(String[] args) {
        var cpu = ManagementFactory.getThreadMXBean();
        long sink = 0;
        for (int i = 0; i < WARM_UP_STRINGS; i++) {
            sink += freshCopy("k" + i).hashCode();
        }
        var word = "w".repeat(LENGTH);
        var line = new StringBuilder();
        for (int run = 0; run < TIMED; run++) {
            var copy = freshCopy(word);
            long start = cpu.getCurrentThreadCpuTime();
            sink += copy.hashCode();
            line.append("%.2f ms  ".formatted((cpu.getCurrentThreadCpuTime() - start) / 1e6));
        }
        // The sum is printed so that the JIT cannot drop the warm-up's hashing as unused.
        System.out.println(line.toString().strip() + "  (sum of the hashes: " + sink + ")");
    }

    /** An equal String whose hash is not computed yet (new String(String) would copy it). */
    private static String freshCopy(String text) {
        return new String(text.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.ISO_8859_1);
    }
}
