package workbook.testkit;

import java.time.Duration;

/** Durations written the way people say them in a failure message: "500 ms", "2 s", "1.5 s". */
public final class Durations {

    private Durations() {}

    public static String readable(Duration duration) {
        long millis = duration.toMillis();
        if (millis < 1000) {
            return millis + " ms";
        }
        if (millis % 1000 == 0) {
            return millis / 1000 + " s";
        }
        return "%.1f s".formatted(millis / 1000.0);
    }
}
