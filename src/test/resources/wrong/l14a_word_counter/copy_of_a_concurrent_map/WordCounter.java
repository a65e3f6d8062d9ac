package l14a_word_counter;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Wrong: merge loses no count, but copying the ConcurrentHashMap while others add is weakly consistent: the copy mixes moments. */
public class WordCounter {

    private final Map<String, Long> counts = new ConcurrentHashMap<>();

    public void add(String word) {
        counts.merge(word, 1L, Long::sum);
    }

    public long count(String word) {
        return counts.getOrDefault(word, 0L);
    }

    public Map<String, Long> snapshot() {
        return new HashMap<>(counts);
    }
}
