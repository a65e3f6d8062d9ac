package l14a_word_counter;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/** Right: an AtomicReference to an immutable map; each add builds the next map and swaps it in with compare-and-set, so any map read is one whole moment. */
public class WordCounter {

    private final AtomicReference<Map<String, Long>> counts = new AtomicReference<>(Map.of());

    public void add(String word) {
        Map<String, Long> current;
        Map<String, Long> next;
        do {
            current = counts.get();
            var changed = new HashMap<>(current);
            changed.merge(word, 1L, Long::sum);
            next = Map.copyOf(changed);
        } while (!counts.compareAndSet(current, next));
    }

    public long count(String word) {
        return counts.get().getOrDefault(word, 0L);
    }

    public Map<String, Long> snapshot() {
        return counts.get();
    }
}
