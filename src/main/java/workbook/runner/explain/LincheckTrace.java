package workbook.runner.explain;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads the report of a failed Lincheck run: the failure (first line of what went wrong) and the
 * steps of its "Detailed trace" table, each with its thread, its nesting depth, what it did and,
 * when Lincheck knows it, the file and line it did it at.
 *
 * <p>Lincheck 3.7 prints the table one column per thread, one row per step, the step written in
 * the column of the thread that took it and indented two spaces per call level, for example
 * {@code |   count ➜ 0 at Counter.increment(Counter.java:16)   |}.
 */
record LincheckTrace(String failure, List<Step> steps) {

    /** One step: {@code file} and {@code line} are empty and 0 when Lincheck gives no place. */
    record Step(String thread, int depth, String event, String file, int line) {}

    private static final Pattern PLACE = Pattern.compile("^(.*?) at [\\w.$<>]+\\(([\\w$]+\\.java):(\\d+)\\)(?: \\[.*])?$");

    static LincheckTrace parse(String report) {
        var lines = report.lines().toList();
        return new LincheckTrace(failure(lines), steps(lines));
    }

    private static String failure(List<String> lines) {
        for (int i = 0; i < lines.size(); i++) {
            var line = lines.get(i).strip();
            if (line.startsWith("= ") && line.endsWith(" =")) {
                var title = line.substring(2, line.length() - 2);
                var next = i + 2 < lines.size() ? lines.get(i + 2).strip() : "";
                if (!next.isEmpty() && !next.startsWith("The following") && !next.startsWith("|")) {
                    return next.replaceFirst("^java\\.lang\\.AssertionError: ", "");
                }
                return title;
            }
        }
        return lines.isEmpty() ? "" : lines.getFirst();
    }

    private static List<Step> steps(List<String> lines) {
        int start = lines.indexOf("Detailed trace:");
        if (start < 0) {
            start = lines.indexOf("The following interleaving leads to the error:");
        }
        var steps = new ArrayList<Step>();
        if (start < 0) {
            return steps;
        }
        List<String> threads = null;
        for (var line : lines.subList(start + 1, lines.size())) {
            if (line.startsWith("| ---")) {
                continue;
            }
            if (!line.startsWith("|")) {
                if (threads != null) {
                    break;
                }
                continue;
            }
            var cells = cells(line);
            if (threads == null) {
                threads = cells.stream().map(String::strip).toList();
                continue;
            }
            for (int column = 0; column < cells.size() && column < threads.size(); column++) {
                var cell = cells.get(column);
                if (!cell.isBlank()) {
                    steps.add(step(threads.get(column), cell));
                }
            }
        }
        return steps;
    }

    /** The cells of a table row, each without the one space of padding Lincheck puts at its left. */
    private static List<String> cells(String row) {
        var inner = row.substring(1, row.endsWith("|") ? row.length() - 1 : row.length());
        return Arrays.stream(inner.split("\\|", -1)).map(cell -> cell.startsWith(" ") ? cell.substring(1) : cell).toList();
    }

    private static Step step(String thread, String cell) {
        int indent = cell.length() - cell.stripLeading().length();
        var text = cell.strip();
        var place = PLACE.matcher(text);
        if (place.matches()) {
            return new Step(thread, indent / 2, place.group(1), place.group(2), Integer.parseInt(place.group(3)));
        }
        return new Step(thread, indent / 2, text, "", 0);
    }

    /** Whether Lincheck stopped because the threads could make no progress (a deadlock, or waiting for good). */
    boolean hung() {
        return failure.equals("Concurrent test has hung");
    }
}
