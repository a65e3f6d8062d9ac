package workbook.runner;

import java.util.Comparator;
import java.util.List;

/**
 * The names closest to a mistyped one, so that an unknown name gets a "did you mean". A name is
 * close when it contains what was typed, when the whole name is a few edits away, or when its
 * beginning is: {@code l5a} is one edit from {@code l05a}, the start of {@code l05a_object_pool}.
 */
final class Suggestions {

    private static final int SHOWN = 3;

    private Suggestions() {}

    static List<String> nearest(String typed, List<String> names) {
        var needle = typed.toLowerCase();
        return names.stream()
                .filter(name -> name.contains(needle) || distance(needle, name) <= Math.max(3, name.length() / 3)
                        || prefixDistance(needle, name) <= (needle.length() <= 5 ? 1 : 2))
                .sorted(Comparator.comparingInt(name -> name.contains(needle) ? 0
                        : Math.min(distance(needle, name), prefixDistance(needle, name))))
                .limit(SHOWN)
                .toList();
    }

    /** The fewest edits that turn {@code typed} into the beginning of {@code name}, one letter longer or shorter. */
    static int prefixDistance(String typed, String name) {
        int best = Integer.MAX_VALUE;
        for (int length = Math.max(1, typed.length() - 1); length <= Math.min(name.length(), typed.length() + 1); length++) {
            best = Math.min(best, distance(typed, name.substring(0, length)));
        }
        return best;
    }

    /** Levenshtein distance: the fewest single-letter edits that turn one word into the other. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            var swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
