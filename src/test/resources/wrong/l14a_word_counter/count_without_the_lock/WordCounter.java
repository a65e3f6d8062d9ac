package l14a_word_counter;

import java.util.HashMap;
import java.util.Map;

/** Wrong: add() and snapshot() lock a HashMap, but count() reads it without the lock, while a put may be rebuilding the table. */
public class WordCounter {

    private final Object lock = new Object();
    private final Map<String, Long> counts = new HashMap<>(); // written under lock

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
