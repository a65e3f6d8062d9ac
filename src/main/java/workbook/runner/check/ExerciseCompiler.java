package workbook.runner.check;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Compiles one exercise's sources in this JVM with the JDK's own compiler, against the runner's
 * class path (the testkit, JUnit, AssertJ, Awaitility), into a folder of its own.
 *
 * <p>Compiling exercise by exercise, rather than all of {@code exercises/} at once as an IDE or
 * Maven would, is what lets a student with a syntax error in one exercise still check another.
 * Compiling in-process, with one compiler and one file manager kept warm, is what makes a re-check
 * take a fraction of a second instead of the several seconds a new {@code javac} process costs.
 */
public final class ExerciseCompiler {

    /** The outcome of one compilation; {@code errors} are ready to print, one per entry. */
    public record Compilation(boolean succeeded, List<String> errors) {}

    private final Path root;
    private final JavaCompiler javac;
    private final StandardJavaFileManager fileManager;

    public ExerciseCompiler(Path root) {
        this.root = root;
        this.javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            throw new IllegalStateException("""
                    This Java runtime has no compiler (javax.tools): it is a JRE, not a JDK. \
                    Run the workbook with a JDK 21 or newer; ./workbook finds one by itself.""");
        }
        this.fileManager = javac.getStandardFileManager(null, Locale.ENGLISH, null);
    }

    /** Compiles {@code sources} into {@code outputFolder}. */
    public Compilation compile(List<Path> sources, Path outputFolder) {
        if (sources.isEmpty()) {
            return new Compilation(false, List.of("there are no .java files to compile (was the exercise folder moved or emptied?)"));
        }
        var diagnostics = new DiagnosticCollector<JavaFileObject>();
        var options = List.of(
                "--release", "21",
                "-classpath", System.getProperty("java.class.path"),
                "-d", outputFolder.toString(),
                "-proc:none",
                "-implicit:none",
                "-encoding", "UTF-8",
                "-Xlint:none");
        var units = fileManager.getJavaFileObjectsFromPaths(sources);
        boolean ok = javac.getTask(null, fileManager, diagnostics, options, null, units).call();
        var errors = new ArrayList<String>();
        for (var diagnostic : diagnostics.getDiagnostics()) {
            if (diagnostic.getKind() == Diagnostic.Kind.ERROR) {
                errors.add(describe(diagnostic));
            }
        }
        return new Compilation(ok, List.copyOf(errors));
    }

    /** {@code exercises/x/Y.java:12: message}, then the offending line and a caret under the spot. */
    private String describe(Diagnostic<? extends JavaFileObject> diagnostic) {
        var message = diagnostic.getMessage(Locale.ENGLISH);
        if (diagnostic.getSource() == null) {
            return message;
        }
        var file = Path.of(diagnostic.getSource().toUri());
        var shown = file.startsWith(root) ? root.relativize(file) : file;
        var out = new StringBuilder().append(shown).append(':').append(diagnostic.getLineNumber()).append(": ").append(message);
        sourceLine(diagnostic).ifPresent(line -> {
            long column = Math.max(1, diagnostic.getColumnNumber());
            out.append('\n').append("    ").append(line.stripTrailing())
                    .append('\n').append("    ").append(" ".repeat((int) column - 1)).append('^');
        });
        return out.toString();
    }

    private static Optional<String> sourceLine(Diagnostic<? extends JavaFileObject> diagnostic) {
        if (diagnostic.getLineNumber() < 1) {
            return Optional.empty();
        }
        try {
            var lines = diagnostic.getSource().getCharContent(true).toString().split("\n", -1);
            int index = (int) diagnostic.getLineNumber() - 1;
            return index < lines.length ? Optional.of(lines[index].replace('\t', ' ')) : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
