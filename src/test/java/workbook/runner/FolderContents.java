package workbook.runner;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Every file under a folder with its content, to tell what a command or a check changed in a folder
 * it must leave as it was (a student's exercises/). A file that is not text (an editor's swap file
 * in a real workbook) is compared too, read as UTF-8 with its odd bytes replaced.
 *
 * <pre>{@code
 * var before = FolderContents.of(exercises);
 * run("check", "all");
 * assertThat(FolderContents.of(exercises).changesSince(before)).isEmpty();
 * }</pre>
 */
public record FolderContents(Map<String, String> files) {

    /** The files under {@code folder}, by their path relative to it, each with its content. */
    public static FolderContents of(Path folder) throws IOException {
        var contents = new TreeMap<String, String>();
        try (Stream<Path> files = Files.walk(folder)) {
            for (var file : files.filter(Files::isRegularFile).toList()) {
                contents.put(folder.relativize(file).toString(), new String(Files.readAllBytes(file), StandardCharsets.UTF_8));
            }
        }
        return new FolderContents(contents);
    }

    /** Each file added, removed or changed since {@code before}, by its path ("added l02a/x.log"); empty when none. */
    public List<String> changesSince(FolderContents before) {
        var paths = new TreeSet<>(before.files.keySet());
        paths.addAll(files.keySet());
        var changes = new ArrayList<String>();
        for (var path : paths) {
            var then = before.files.get(path);
            var now = files.get(path);
            if (then == null) {
                changes.add("added " + path);
            } else if (now == null) {
                changes.add("removed " + path);
            } else if (!then.equals(now)) {
                changes.add("changed " + path);
            }
        }
        return changes;
    }
}
