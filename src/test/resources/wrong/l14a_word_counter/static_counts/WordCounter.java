package l14a_word_counter;

import java.util.HashMap;
import java.util.Map;

/** Wrong: the counts are a static field, so every WordCounter shares one map. */
public class WordCounter {

    private static final Map<String, Long> COUNTS = new HashMap<>(); // guarded by WordCounter.class

    public void add(String word) {
        synchronized (WordCounter.class) {
            COUNTS.merge(word, 1L, Long::sum);
        }
    }

    public long count(String word) {
        synchronized (WordCounter.class) {
            return COUNTS.getOrDefault(word, 0L);
        }
    }

    public Map<String, Long> snapshot() {
        synchronized (WordCounter.class) {
            return new HashMap<>(COUNTS);
        }
    }
}
