package workbook.runner;

import java.util.Comparator;
import java.util.List;

/** The names closest to a mistyped one, so that an unknown name gets a "did you mean". */
final class Suggestions {

    private static final int SHOWN = 3;

    private Suggestions() {}

    static List<String> nearest(String typed, List<String> names) {
        var needle = typed.toLowerCase();
        return names.stream()
                .filter(name -> name.contains(needle) || distance(needle, name) <= Math.max(3, name.length() / 3)
                        || name.startsWith(needle.length() >= 3 ? needle.substring(0, 3) : needle))
                .sorted(Comparator.comparingInt(name -> name.contains(needle) ? 0 : distance(needle, name)))
                .limit(SHOWN)
                .toList();
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
