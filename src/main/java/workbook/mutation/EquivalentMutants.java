package workbook.mutation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * @param entries   the listed ids with their reasons, in file order
 * @param malformed the lines that start like an entry ({@code "- "}) but are not one
 */
public record EquivalentMutants(Path file, Map<String, String> entries, List<String> malformed) {

    private static final Pattern ENTRY = Pattern.compile("^- (\\S+): (\\S.*)$");

    public static Path fileOf(Path root, String exercise) {
        return root.resolve("src/test/resources/mutants").resolve(exercise + ".md");
    }

    public static EquivalentMutants load(Path root, String exercise) {
        var file = fileOf(root, exercise);
        var entries = new LinkedHashMap<String, String>();
        var malformed = new ArrayList<String>();
        if (Files.isRegularFile(file)) {
            try {
                for (var line : Files.readAllLines(file)) {
                    var entry = ENTRY.matcher(line.strip());
                    if (entry.matches()) {
                        entries.put(entry.group(1), entry.group(2));
                    } else if (line.startsWith("- ")) {
                        malformed.add(line);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return new EquivalentMutants(file, entries, malformed);
    }

    public boolean lists(String id) {
        return entries.containsKey(id);
    }
}
