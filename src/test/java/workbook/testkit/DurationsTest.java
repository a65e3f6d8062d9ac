package workbook.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Durations")
class DurationsTest {

    @Test
    @DisplayName("says milliseconds and seconds the way people say them")
    void millisAndSeconds() {
        assertThat(Durations.readable(Duration.ZERO)).isEqualTo("0 ms");
        assertThat(Durations.readable(Duration.ofMillis(500))).isEqualTo("500 ms");
        assertThat(Durations.readable(Duration.ofSeconds(2))).isEqualTo("2 s");
        assertThat(Durations.readable(Duration.ofMillis(1500))).isEqualTo("1.5 s");
    }

    @Test
    @DisplayName("does not call a limit under a millisecond 0 ms, and keeps the sign of a negative one")
    void underAMillisecondAndNegative() {
        assertThat(Durations.readable(Duration.ofNanos(500_000))).isEqualTo("500 µs");
        assertThat(Durations.readable(Duration.ofNanos(300))).isEqualTo("300 ns");
        assertThat(Durations.readable(Duration.ofMillis(-1))).isEqualTo("-1 ms");
    }
}
