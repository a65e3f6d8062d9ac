package workbook.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("BackgroundCall")
class BackgroundCallTest {

    private static final Duration DEADLINE = Duration.ofSeconds(2);

    @Test
    @DisplayName("sees a call that waits, and its result once it has been let go")
    void seesACallThatWaits() throws InterruptedException {
        var letGo = new CountDownLatch(1);
        var call = BackgroundCall.start("waiter", () -> letGo.await(5, TimeUnit.SECONDS));
        assertThat(call.awaitWaitingOrDone(DEADLINE)).as("a call blocked in await() is waiting").isTrue();
        assertThat(call.isDone()).isFalse();
        assertThat(call.thread().getName()).isEqualTo("waiter");
        assertThat(call.describe()).contains("\"waiter\" is TIMED_WAITING");
        letGo.countDown();
        assertThat(call.awaitDone(DEADLINE)).isTrue();
        assertThat(call.result()).isTrue();
    }

    @Test
    @DisplayName("sees a call that returns without waiting")
    void seesACallThatReturns() {
        var call = BackgroundCall.start("quick", () -> 42);
        assertThat(call.awaitWaitingOrDone(DEADLINE)).isTrue();
        assertThat(call.awaitDone(DEADLINE)).isTrue();
        assertThat(call.result()).isEqualTo(42);
    }

    @Test
    @DisplayName("reports a busy call as neither waiting nor done")
    void reportsABusyCall() {
        var stop = new AtomicBoolean();
        var call = BackgroundCall.start("spinner", () -> {
            while (!stop.get()) {
                Thread.onSpinWait();
            }
            return null;
        });
        try {
            assertThat(call.awaitWaitingOrDone(Duration.ofMillis(100))).as("a spinning call is not waiting").isFalse();
            assertThat(call.awaitDone(Duration.ofMillis(50))).isFalse();
            assertThat(call.describe()).contains("\"spinner\" is RUNNABLE");
            assertThatThrownBy(call::result).isInstanceOf(IllegalStateException.class);
        } finally {
            stop.set(true);
        }
        assertThat(call.awaitDone(DEADLINE)).isTrue();
    }

    @Test
    @DisplayName("fails with what the call threw")
    void failsWithWhatTheCallThrew() {
        var call = BackgroundCall.start("thrower", () -> {
            throw new IllegalThreadStateException("started twice");
        });
        assertThat(call.awaitDone(DEADLINE)).isTrue();
        assertThatThrownBy(call::result)
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("the call on thread \"thrower\" threw java.lang.IllegalThreadStateException: started twice")
                .hasCauseInstanceOf(IllegalThreadStateException.class);
    }
}
