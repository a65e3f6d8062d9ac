package workbook.mutation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The mutants of one exercise that behave correctly, each with the reason, as a reviewer agreed:
 * {@code src/test/resources/mutants/<exercise>.md}. Each entry is one line,
 * {@code - <mutant id>: <why it behaves correctly>}; every other line is free text (the file starts
 * with a title and a short note on the format). A missing file lists nothing.
 *
 * <p>An entry is only an argument: the analysis still runs the mutant, and an entry whose mutant is
 * no longer generated, does not compile, or is killed is an error, so the list never outlives the
 * code it speaks about.
 *
 * <p>Entries under a heading that starts with {@value #UNFORCED_HEADING} are not equivalent: each is
 * a real bug that only a lucky interleaving shows (a check and its change split into two holds of
 * a lock, say), and that no deterministic test here can force without a controlled scheduler.
 * Listing one says so openly. Such a mutant may survive or be killed, and neither is an error: a
 * race that shows now and then must not make the build pass one day and fail the next.
 *
 * @param entries   the listed ids with their reasons, in file order (both kinds)
 * @param unforced  the ids listed as real bugs no test here can force
 * @param malformed the lines that start like an entry ({@code "- "}) but are not one
 */
public record EquivalentMutants(Path file, Map<String, String> entries, Set<String> unforced, List<String> malformed) {

    /** The heading, in a list file, above the real bugs that no test here can force. */
    public static final String UNFORCED_HEADING = "## Real bugs no test here can force";

    private static final Pattern ENTRY = Pattern.compile("^- (\\S+): (\\S.*)$");

    public static Path fileOf(Path root, String exercise) {
        return root.resolve("src/test/resources/mutants").resolve(exercise + ".md");
    }

    public static EquivalentMutants load(Path root, String exercise) {
        var file = fileOf(root, exercise);
        var entries = new LinkedHashMap<String, String>();
        var unforced = new LinkedHashSet<String>();
        var malformed = new ArrayList<String>();
        if (Files.isRegularFile(file)) {
            try {
                boolean underUnforcedHeading = false;
                for (var line : Files.readAllLines(file)) {
                    if (line.startsWith("#")) {
                        underUnforcedHeading = line.strip().startsWith(UNFORCED_HEADING);
                    }
                    var entry = ENTRY.matcher(line.strip());
                    if (entry.matches()) {
                        entries.put(entry.group(1), entry.group(2));
                        if (underUnforcedHeading) {
                            unforced.add(entry.group(1));
                        }
                    } else if (line.startsWith("- ")) {
                        malformed.add(line);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return new EquivalentMutants(file, entries, unforced, malformed);
    }

    public boolean lists(String id) {
        return entries.containsKey(id);
    }

    /** True when {@code id} is listed as a real bug that no test here can force. */
    public boolean listsAsUnforced(String id) {
        return unforced.contains(id);
    }
}
