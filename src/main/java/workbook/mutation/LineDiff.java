package workbook.mutation;

import java.util.ArrayList;
import java.util.List;

/**
 * The lines that differ between two versions of a small file, found through their longest common
 * subsequence of lines: each removed line as {@code "  12 - text"} with its line in the old version,
 * each added line as {@code "  12 + text"} with its line in the new one. Answers are short, so the
 * quadratic table costs nothing.
 */
final class LineDiff {

    private LineDiff() {}

    static String between(String before, String after) {
        var old = before.lines().toList();
        var now = after.lines().toList();
        int[][] common = new int[old.size() + 1][now.size() + 1];
        for (int i = old.size() - 1; i >= 0; i--) {
            for (int j = now.size() - 1; j >= 0; j--) {
                common[i][j] = old.get(i).equals(now.get(j)) ? common[i + 1][j + 1] + 1 : Math.max(common[i + 1][j], common[i][j + 1]);
            }
        }
        List<String> out = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < old.size() || j < now.size()) {
            if (i < old.size() && j < now.size() && old.get(i).equals(now.get(j))) {
                i++;
                j++;
            } else if (i < old.size() && (j == now.size() || common[i + 1][j] >= common[i][j + 1])) {
                out.add("%4d - %s".formatted(i + 1, old.get(i)));
                i++;
            } else {
                out.add("%4d + %s".formatted(j + 1, now.get(j)));
                j++;
            }
        }
        return String.join("\n", out);
    }
}
