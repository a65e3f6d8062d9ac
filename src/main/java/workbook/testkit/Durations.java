package workbook.testkit;

import java.time.Duration;

/**
 * Durations written the way people say them in a failure message: "500 ms", "2 s", "1.5 s", and
 * "500 µs" for a limit under a millisecond (which "0 ms" would misstate).
 */
public final class Durations {

    private Durations() {}

    public static String readable(Duration duration) {
        if (duration.isNegative()) {
            return "-" + readable(duration.negated());
        }
        long millis = duration.toMillis();
        if (millis == 0 && !duration.isZero()) {
            long micros = duration.toNanos() / 1000;
            return micros == 0 ? duration.toNanos() + " ns" : micros + " µs";
        }
        if (millis < 1000) {
            return millis + " ms";
        }
        if (millis % 1000 == 0) {
            return millis / 1000 + " s";
        }
        return "%.1f s".formatted(millis / 1000.0);
    }
}
