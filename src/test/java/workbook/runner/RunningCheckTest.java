package workbook.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import workbook.runner.watch.RunningCheck;

@DisplayName("the running check's clock")
class RunningCheckTest {

    @Test
    @DisplayName("draws the screen with the clock at 0.0 s, ticks while running, and never after stop()")
    void ticksUntilStopped() {
        List<String> screens = new CopyOnWriteArrayList<>();
        List<String> ticks = new CopyOnWriteArrayList<>();
        var check = new RunningCheck(screens::add, ticks::add);
        check.start("header\n", "Checking x… ");
        assertThat(screens).containsExactly("header\nChecking x… 0.0 s");
        await("two ticks").atMost(Duration.ofSeconds(5)).until(() -> ticks.size() >= 2);
        check.stop();
        int afterStop = ticks.size();
        assertThat(ticks).allMatch(tick -> tick.matches("Checking x… \\d+\\.\\d s"));
        assertThat(ticks.getLast()).isNotEqualTo("Checking x… 0.0 s");
        await("no tick after stop").during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2))
                .until(() -> ticks.size() == afterStop);
    }
}
