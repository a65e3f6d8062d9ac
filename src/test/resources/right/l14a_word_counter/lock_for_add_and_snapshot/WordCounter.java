package l14a_word_counter;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Right: add() and snapshot() share one lock, so a copy never overlaps an add; the map is a ConcurrentHashMap so that count() can read it without the lock. */
public class WordCounter {

    private final Object lock = new Object();
    private final Map<String, Long> counts = new ConcurrentHashMap<>(); // written under lock, read without it

    public void add(String word) {
        synchronized (lock) {
            counts.merge(word, 1L, Long::sum);
        }
    }

    public long count(String word) {
        return counts.getOrDefault(word, 0L);
    }

    public Map<String, Long> snapshot() {
        synchronized (lock) {
            return new HashMap<>(counts);
        }
    }
}
