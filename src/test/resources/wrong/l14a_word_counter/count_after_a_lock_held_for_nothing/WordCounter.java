package l14a_word_counter;

import java.util.HashMap;
import java.util.Map;

/**
 * Wrong: count() takes the lock only to see the latest writes, then reads the HashMap after letting
 * it go; add() stores with put(), which grows the table as it stores the word that fills it. The
 * empty synchronized block does publish every earlier add, but a put that grows the map while
 * count() hashes its word still takes the entries out of the table count() is about to look into.
 */
public class WordCounter {

    private final Object lock = new Object();
    private final Map<String, Long> counts = new HashMap<>(); // written under lock

    public void add(String word) {
        synchronized (lock) {
            counts.put(word, counts.getOrDefault(word, 0L) + 1);
        }
    }

    public long count(String word) {
        synchronized (lock) {
            // only to see what the adds wrote
        }
        return counts.getOrDefault(word, 0L);
    }

    public Map<String, Long> snapshot() {
        synchronized (lock) {
            return new HashMap<>(counts);
        }
    }
}
