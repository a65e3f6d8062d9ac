package l14a_word_counter;

import java.util.HashMap;
import java.util.Map;

/** Right: one private lock around a plain HashMap for every operation: simple, and every moment is one moment; count() waits only for a moment. */
public class WordCounter {

    private final Object lock = new Object();
    private final Map<String, Long> counts = new HashMap<>(); // guarded by lock

    public void add(String word) {
        synchronized (lock) {
            counts.merge(word, 1L, Long::sum);
        }
    }

    public long count(String word) {
        synchronized (lock) {
            return counts.getOrDefault(word, 0L);
        }
    }

    public Map<String, Long> snapshot() {
        synchronized (lock) {
            return new HashMap<>(counts);
        }
    }
}
