package workbook.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("GrowingMapLookup")
class GrowingMapLookupTest {

    private static final String WHY_FOUND = "the lookup of a word added once, while adds grew the map";
    private static final String WHY_NO_WAIT = "has nothing to wait for";
    private static final int ATTEMPTS = 3;

    /** Counts words in a HashMap; {@code readUnderTheLock} says whether count() reads it holding the lock. */
    static final class LockedCounts {
        private final Object lock = new Object();
        private final Map<String, Long> counts = new HashMap<>();
        private final boolean readUnderTheLock;

        LockedCounts(boolean readUnderTheLock) {
            this.readUnderTheLock = readUnderTheLock;
        }

        void add(String word) {
            synchronized (lock) {
                counts.merge(word, 1L, Long::sum);
            }
        }

        long count(String word) {
            if (readUnderTheLock) {
                synchronized (lock) {
                    return counts.getOrDefault(word, 0L);
                }
            }
            synchronized (lock) {
                // only to see the latest adds: the mistake the helper is there to catch
            }
            return counts.getOrDefault(word, 0L);
        }
    }

    /**
     * A trial that cannot tell passes, as it must for a right answer; on a machine so busy that the
     * adder and the reader never run at once in sixteen trials, a whole check cannot tell. The
     * mutation analysis checks a survivor three times for that reason, and so does this test.
     */
    @Test
    @DisplayName("fails a HashMap read after its lock was given back, with the caller's words")
    void failsAReadOutsideTheLock() throws InterruptedException {
        var check = GrowingMapLookup.of(() -> new LockedCounts(false), LockedCounts::add, LockedCounts::count);
        AssertionError failure = null;
        for (int attempt = 0; attempt < ATTEMPTS && failure == null; attempt++) {
            try {
                check.assertFound(WHY_FOUND, WHY_NO_WAIT);
            } catch (AssertionError e) {
                failure = e;
            }
        }
        assertThat(failure).as("the failure of the read outside the lock, in %d checks", ATTEMPTS).isNotNull();
        assertThat(failure.getMessage()).startsWith(WHY_FOUND).contains("but was: 0");
    }

    @Test
    @DisplayName("passes a HashMap read under the lock its writers hold")
    void passesAReadUnderTheLock() {
        assertThatCode(() -> GrowingMapLookup.of(() -> new LockedCounts(true), LockedCounts::add, LockedCounts::count)
                .assertFound(WHY_FOUND, WHY_NO_WAIT))
                .doesNotThrowAnyException();
    }

    @Test
    @DisplayName("passes a ConcurrentHashMap read without any lock")
    void passesAConcurrentMap() {
        assertThatCode(() -> GrowingMapLookup.<Map<String, Long>>of(ConcurrentHashMap::new,
                        (counts, word) -> counts.merge(word, 1L, Long::sum), (counts, word) -> counts.getOrDefault(word, 0L))
                .assertFound(WHY_FOUND, WHY_NO_WAIT))
                .doesNotThrowAnyException();
    }
}
