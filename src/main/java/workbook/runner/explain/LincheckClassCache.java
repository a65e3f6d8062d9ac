package workbook.runner.explain;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Shows Lincheck one explain run's freshly compiled classes, and forgets them afterwards.
 *
 * <p>Lincheck 3.7 looks classes up by name ({@code org.jetbrains.lincheck.util.ClassCache}, a
 * {@code Class.forName} from its own class loader, remembered for good) when the code under test
 * creates an object of a class it has not instrumented yet. An exercise's classes live in a child
 * class loader of their own, one per run, which that lookup cannot see: Lincheck then fails with
 * {@code ClassNotFoundException} and "You've caught a bug in Lincheck". Putting this run's classes
 * into that cache before the run, and taking them out after it, lets Lincheck find them, and keeps a
 * second run in the same JVM (watch mode, the tests) from meeting the first run's classes.
 */
final class LincheckClassCache implements AutoCloseable {

    private final Map<String, Class<?>> cache;
    private final List<String> added = new ArrayList<>();

    private LincheckClassCache(Map<String, Class<?>> cache) {
        this.cache = cache;
    }

    /** Puts every class compiled into {@code output} into Lincheck's cache, loaded by {@code loader}. */
    static LincheckClassCache showing(Path output, ClassLoader loader) throws IOException {
        var shown = new LincheckClassCache(lincheckCache());
        try (Stream<Path> files = Files.walk(output)) {
            for (var file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                var relative = output.relativize(file).toString().replace(file.getFileSystem().getSeparator(), ".");
                var name = relative.substring(0, relative.length() - ".class".length());
                try {
                    shown.cache.put(name, Class.forName(name, false, loader));
                    shown.added.add(name);
                } catch (ClassNotFoundException e) {
                    throw new IllegalStateException("compiled " + file + " but cannot load it", e);
                }
            }
        }
        return shown;
    }

    @Override
    public void close() {
        added.forEach(cache::remove);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Class<?>> lincheckCache() {
        try {
            var field = Class.forName("org.jetbrains.lincheck.util.ClassCache").getDeclaredField("cache");
            field.setAccessible(true);
            return (Map<String, Class<?>>) field.get(null);
        } catch (ReflectiveOperationException | ClassCastException e) {
            throw new IllegalStateException("this Lincheck has no class cache where 3.7 keeps one; explain mode was built for Lincheck 3.7", e);
        }
    }
}
