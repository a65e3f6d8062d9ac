package l14a_word_counter;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Wrong: get, then put, on a ConcurrentHashMap: each call is atomic, the pair is not, so two threads store the same count plus one. */
public class WordCounter {

    private final Map<String, Long> counts = new ConcurrentHashMap<>();

    public void add(String word) {
        Long count = counts.get(word);
        counts.put(word, count == null ? 1 : count + 1);
    }

    public long count(String word) {
        return counts.getOrDefault(word, 0L);
    }

    public synchronized Map<String, Long> snapshot() {
        return new HashMap<>(counts);
    }
}
