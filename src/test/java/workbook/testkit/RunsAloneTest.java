package workbook.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.Semaphore;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("RunsAlone")
class RunsAloneTest {

    /** Stands for an exercise class: its methods are the code RunsAlone watches. */
    static final class Gate {
        private final Semaphore permits;

        Gate(int permits) {
            this.permits = new Semaphore(permits);
        }

        int pass() {
            permits.acquireUninterruptibly();
            permits.release();
            return 42;
        }
    }

    @Test
    @DisplayName("returns what a call that finishes returned")
    void returnsTheResult() {
        assertThat(RunsAlone.call("pass()", Gate.class, new Gate(1)::pass)).isEqualTo(42);
    }

    @Test
    @DisplayName("fails fast, naming the cause, when the lone caller waits in the class's code for good")
    void failsFastOnAWaitNobodyEnds() {
        long start = System.nanoTime();
        assertThatThrownBy(() -> RunsAlone.call("pass()", Gate.class, new Gate(0)::pass))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("pass() was called by one thread")
                .hasMessageContaining("Why:");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
    }

    @Test
    @DisplayName("rethrows an assertion that failed inside the call as it is")
    void rethrowsAnAssertionAsItIs() {
        assertThatThrownBy(() -> RunsAlone.run("check()", Gate.class, () -> {
            throw new AssertionError("the check's own words");
        })).isInstanceOf(AssertionError.class).hasMessage("the check's own words");
    }

    @Test
    @DisplayName("rethrows what the call threw")
    void rethrowsAFailure() {
        assertThatThrownBy(() -> RunsAlone.run("fail()", Gate.class, () -> {
            throw new IllegalStateException("broken");
        })).hasMessageContaining("broken");
    }
}
