package workbook.testkit;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import l00_testkit_fixtures.GuardedCounter;
import l00_testkit_fixtures.UnguardedCounter;
import l00_testkit_fixtures.VolatileFlag;
import l00_testkit_fixtures.PlainFlag;

@DisplayName("StaleReads")
class StaleReadsTest {

    static final class UnguardedProbe {
        public static void main(String[] args) {
            StaleReads.watch(new UnguardedCounter(), counter -> counter.get() > 0, UnguardedCounter::increment);
        }
    }

    static final class GuardedProbe {
        public static void main(String[] args) {
            StaleReads.watch(new GuardedCounter(), counter -> counter.get() > 0, GuardedCounter::increment);
        }
    }

    static final class PlainFlagProbe {
        public static void main(String[] args) {
            StaleReads.watch(new PlainFlag(), PlainFlag::isStopped, PlainFlag::stop);
        }
    }

    static final class VolatileFlagProbe {
        public static void main(String[] args) {
            StaleReads.watch(new VolatileFlag(), VolatileFlag::isStopped, VolatileFlag::stop);
        }
    }

    static final class PlainFlagWorkerProbe {
        public static void main(String[] args) {
            var flag = new PlainFlag();
            StaleReads.watchUntilItEnds(Thread.ofPlatform().daemon().start(() -> spinUntil(flag::isStopped)), flag::stop);
        }
    }

    static final class VolatileFlagWorkerProbe {
        public static void main(String[] args) {
            var flag = new VolatileFlag();
            StaleReads.watchUntilItEnds(Thread.ofPlatform().daemon().start(() -> spinUntil(flag::isStopped)), flag::stop);
        }
    }

    private static void spinUntil(java.util.function.BooleanSupplier stopped) {
        while (!stopped.getAsBoolean()) {
            // a worker's loop with nothing in it but the check
        }
    }

    static final class AlreadyChangedProbe {
        public static void main(String[] args) {
            var counter = new GuardedCounter();
            counter.increment();
            StaleReads.watch(counter, c -> c.get() > 0, GuardedCounter::increment);
        }
    }

    /** A getter and a writer on a Semaphore(1) that the reads take and never give back, or that the change keeps. */
    static final class KeptPermitCounter {
        private final java.util.concurrent.Semaphore mutex = new java.util.concurrent.Semaphore(1);
        private final boolean readsKeepIt;
        private long count;

        KeptPermitCounter(boolean readsKeepIt) {
            this.readsKeepIt = readsKeepIt;
        }

        long get() {
            mutex.acquireUninterruptibly();
            long value = count;
            if (!readsKeepIt) {
                mutex.release();
            }
            return value;
        }

        void increment() {
            mutex.acquireUninterruptibly();
            count++;
        }
    }

    static final class ReadKeepsTheLockProbe {
        public static void main(String[] args) {
            StaleReads.watch(new KeptPermitCounter(true), counter -> counter.get() > 0, KeptPermitCounter::increment);
        }
    }

    static final class ChangeKeepsTheLockProbe {
        public static void main(String[] args) {
            StaleReads.watch(new KeptPermitCounter(false), counter -> counter.get() > 0, KeptPermitCounter::increment);
        }
    }

    @Test
    @DisplayName("says so, within seconds, when a read or the change waits for a lock nobody gives back")
    void reportsACallThatNeverReturns() {
        assertThatThrownBy(() -> StaleReads.assertSeen(ReadKeepsTheLockProbe.class, "get()", "increment()"))
                .hasMessageContaining("the reading thread waits inside the read");
        assertThatThrownBy(() -> StaleReads.assertSeen(ChangeKeepsTheLockProbe.class, "get()", "increment()"))
                .hasMessageContaining("the reading thread waits inside the read, since the change");
    }

    @Test
    @DisplayName("catches a getter that reads without the lock the writer holds")
    void catchesAnUnguardedGetter() {
        assertThatThrownBy(() -> StaleReads.assertSeen(UnguardedProbe.class, "get()", "increment()"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("never saw the change")
                .hasMessageContaining("Why:");
    }

    @Test
    @DisplayName("catches a stop flag that is not volatile")
    void catchesAPlainFlag() {
        assertThatThrownBy(() -> StaleReads.assertSeen(PlainFlagProbe.class, "isStopped()", "stop()"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("never saw the change");
    }

    @Test
    @DisplayName("passes a getter guarded by the writer's lock, and a volatile flag")
    void passesCorrectReads() {
        assertThatCode(() -> StaleReads.assertSeen(GuardedProbe.class, "get()", "increment()")).doesNotThrowAnyException();
        assertThatCode(() -> StaleReads.assertSeen(VolatileFlagProbe.class, "isStopped()", "stop()")).doesNotThrowAnyException();
    }

    @Test
    @DisplayName("catches a worker loop that never sees its plain stop flag, and passes one with a volatile flag")
    void judgesAWorkersOwnLoop() {
        assertThatThrownBy(() -> StaleReads.assertSeen(PlainFlagWorkerProbe.class, "the worker's loop", "stop()"))
                .hasMessageContaining("never saw the change");
        assertThatCode(() -> StaleReads.assertSeen(VolatileFlagWorkerProbe.class, "the worker's loop", "stop()"))
                .doesNotThrowAnyException();
    }

    @Test
    @DisplayName("refuses to judge a read that shows the change before it is made")
    void refusesAChangeMadeBeforehand() {
        assertThatThrownBy(() -> StaleReads.assertSeen(AlreadyChangedProbe.class, "get()", "increment()"))
                .hasMessageContaining("before increment() was called");
    }
}
