package l14a_word_counter;

import java.util.HashMap;
import java.util.Map;

/**
 * Counts words for many threads at once: each thread adds the words it reads, any thread can ask
 * how often a word was seen so far, and a report takes a snapshot of all the counts.
 *
 * <p>As shipped, two threads that add the same word at the same time can both read the old count
 * and both store it plus one, and a snapshot is not a copy of one moment.
 */
public class WordCounter {

    // TODO: counts that many threads can add to at once, read while they add, and copy at one moment.
    private final Map<String, Long> counts = new HashMap<>();

    /** Counts one more occurrence of {@code word}. */
    public void add(String word) {
        Long count = counts.get(word);
        counts.put(word, count == null ? 1 : count + 1);
    }

    /** How many times {@code word} was added so far (0 for a word never added). */
    public long count(String word) {
        return counts.getOrDefault(word, 0L);
    }

    /** Every word added so far with its count, as they all were at one moment; later adds do not change it. */
    public Map<String, Long> snapshot() {
        // TODO: a copy of one moment, even while other threads keep adding.
        return new HashMap<>(counts);
    }
}
