package l14a_word_counter;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** Wrong: checks for the word, then puts a new counter: two threads that meet a new word both put one, and the counts made on the first are lost. */
public class WordCounter {

    private final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();

    public void add(String word) {
        if (!counts.containsKey(word)) {
            counts.put(word, new AtomicLong());
        }
        counts.get(word).incrementAndGet();
    }

    public long count(String word) {
        var count = counts.get(word);
        return count == null ? 0 : count.get();
    }

    public synchronized Map<String, Long> snapshot() {
        var copy = new HashMap<String, Long>();
        counts.forEach((word, count) -> copy.put(word, count.get()));
        return copy;
    }
}
