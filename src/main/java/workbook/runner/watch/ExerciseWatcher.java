package workbook.runner.watch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Watches the exercise folders and reports, once per burst, which exercise had a Java file saved.
 *
 * <p>One save is rarely one event. Editors write a temporary file and rename it over the original,
 * or truncate and write in several steps; a "save all" touches many files. Events are therefore
 * collected until the folder has been quiet for a moment, and each exercise is reported once per
 * burst. Only {@code .java} files count, so an editor's swap and backup files do not trigger a check.
 * Whether the files really changed is for the caller to decide (by their content), which also means
 * nothing the runner does can set off a loop of re-checks.
 */
public final class ExerciseWatcher implements AutoCloseable {

    private final WatchService service;
    private final Map<WatchKey, String> exerciseOfKey = new HashMap<>();
    private final Duration quietPeriod;
    private final Consumer<String> onSaved;
    private final Thread thread;

    public ExerciseWatcher(Path exercisesFolder, Duration quietPeriod, Consumer<String> onSaved) {
        this.quietPeriod = quietPeriod;
        this.onSaved = onSaved;
        try {
            this.service = FileSystems.getDefault().newWatchService();
            try (var folders = Files.list(exercisesFolder)) {
                for (var folder : folders.filter(Files::isDirectory).toList()) {
                    var key = folder.register(service, StandardWatchEventKinds.ENTRY_CREATE,
                            StandardWatchEventKinds.ENTRY_MODIFY, StandardWatchEventKinds.ENTRY_DELETE);
                    exerciseOfKey.put(key, folder.getFileName().toString());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot watch " + exercisesFolder, e);
        }
        this.thread = Thread.ofPlatform().daemon().name("exercise-watcher").start(this::watch);
    }

    private void watch() {
        try {
            while (true) {
                var burst = new LinkedHashSet<String>();
                collect(service.take(), burst);
                for (var key = service.poll(quietPeriod.toMillis(), TimeUnit.MILLISECONDS); key != null;
                     key = service.poll(quietPeriod.toMillis(), TimeUnit.MILLISECONDS)) {
                    collect(key, burst);
                }
                burst.forEach(onSaved);
            }
        } catch (InterruptedException | ClosedWatchServiceException stopped) {
            // closed: the watch is over
        }
    }

    private void collect(WatchKey key, LinkedHashSet<String> burst) {
        for (var event : key.pollEvents()) {
            if (event.context() instanceof Path file && file.toString().endsWith(".java")) {
                burst.add(exerciseOfKey.get(key));
            }
        }
        key.reset();
    }

    @Override
    public void close() {
        try {
            service.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        thread.interrupt();
    }
}
