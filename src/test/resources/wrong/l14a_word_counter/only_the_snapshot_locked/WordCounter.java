package l14a_word_counter;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Wrong: the snapshot copies under a lock that add() never takes, so the adds go on during the copy and it mixes moments. */
public class WordCounter {

    private final Map<String, Long> counts = new ConcurrentHashMap<>();

    public void add(String word) {
        counts.merge(word, 1L, Long::sum);
    }

    public long count(String word) {
        return counts.getOrDefault(word, 0L);
    }

    public synchronized Map<String, Long> snapshot() {
        return new HashMap<>(counts);
    }
}
