package l14a_word_counter;

import java.util.Collections;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Wrong: the snapshot is an unmodifiable view of the live map, not a copy: it goes on changing as words are added. */
public class WordCounter {

    private final Map<String, Long> counts = new ConcurrentHashMap<>();

    public void add(String word) {
        counts.merge(word, 1L, Long::sum);
    }

    public long count(String word) {
        return counts.getOrDefault(word, 0L);
    }

    public Map<String, Long> snapshot() {
        return Collections.unmodifiableMap(counts);
    }
}
