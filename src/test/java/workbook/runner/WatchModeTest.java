package workbook.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import workbook.runner.curriculum.Curriculum;
import workbook.runner.curriculum.Exercise;
import workbook.runner.curriculum.Lesson;
import workbook.runner.curriculum.Progress;
import workbook.runner.watch.ExerciseWatcher;
import workbook.runner.watch.WatchEvent;
import workbook.runner.watch.WatchMode;

/**
 * Watch mode driven through its API, with a real file watcher on a copy of the workbook: the saves
 * are real file writes, the keys are posted as the terminal would post them.
 */
@DisplayName("watch mode")
class WatchModeTest {

    private static final Duration VERDICT_DEADLINE = Duration.ofSeconds(30);
    /** "c" checks every exercise of the curriculum, one after another: minutes on a busy machine. */
    private static final Duration CHECK_ALL_DEADLINE = Duration.ofMinutes(4);

    @TempDir
    Path folder;

    private WorkbookCopy copy;
    private String first;
    private String second;
    private WatchMode watch;
    private ExerciseWatcher watcher;
    private Thread loop;
    private final AtomicReference<String> screen = new AtomicReference<>("");
    private final List<String> screens = new CopyOnWriteArrayList<>();
    private final List<String> ticks = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startWatching() throws IOException {
        copy = WorkbookCopy.in(folder);
        first = copy.workbook().exercises().get(0).name();
        second = copy.workbook().exercises().get(1).name();
        watch = new WatchMode(copy.workbook(), false, drawn -> {
            screens.add(drawn);
            screen.set(drawn);
        }, ticks::add);
        watcher = new ExerciseWatcher(copy.root().resolve("exercises"), Duration.ofMillis(100),
                exercise -> watch.post(new WatchEvent.Saved(exercise)));
        loop = Thread.ofPlatform().name("watch-loop").start(() -> {
            try {
                watch.run();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        awaitScreen("the first exercise, checked", "✗ " + first + " fails");
    }

    @AfterEach
    void stopWatching() throws InterruptedException {
        watch.post(new WatchEvent.Quit());
        loop.join(VERDICT_DEADLINE);
        watcher.close();
    }

    @Test
    @DisplayName("shows progress, the current exercise, its lesson, the verdict and the legend")
    void showsTheCurrentExercise() {
        var exercise = copy.workbook().exercises().get(0);
        assertThat(screen.get())
                .contains("0/" + copy.workbook().exercises().size() + " done")
                .contains("Lesson   " + copy.workbook().lessonTitle(exercise.lesson()))
                .contains("Exercise " + first + ": " + exercise.title())
                .contains(WatchMode.LEGEND);
        assertThat(watch.checks()).isEqualTo(1);
    }

    @Test
    @DisplayName("while a check runs, the screen says which exercise is being checked, with a clock")
    void aRunningCheckIsShown() {
        screens.clear();
        watch.post(new WatchEvent.Key("r"));
        awaitScreen("the verdict after the re-run", "✗ " + first + " fails");
        assertThat(screens).as("the screens drawn for the re-run")
                .anySatisfy(drawn -> assertThat(drawn).endsWith("Checking " + first + "… 0.0 s").contains(WatchMode.LEGEND));
        assertThat(ticks).as("the clock's ticks so far").allMatch(tick -> tick.matches("Checking " + first + "… \\d+\\.\\d s"));
    }

    @Test
    @DisplayName("a save re-checks once; a burst of saves of the same content does not check again")
    void aSaveTriggersOneRecheck() throws Exception {
        copy.solve(first);
        awaitScreen("the solved exercise", "✓ " + first + " passes");
        assertThat(watch.checks()).isEqualTo(2);
        copy.solve(first);
        copy.solve(first);
        await().during(Duration.ofMillis(600)).atMost(Duration.ofSeconds(5)).until(() -> watch.checks() == 2);
    }

    @Test
    @DisplayName("a check in another terminal shows on the screen and survives the next save here")
    void progressFromAnotherTerminalIsKept() throws Exception {
        int total = copy.workbook().exercises().size();
        copy.solve(second);
        assertThat(copy.run("", "check", second).exitCode()).isZero();
        awaitScreen("the other terminal's pass in the progress bar", "1/" + total + " done");
        copy.solve(first);
        awaitScreen("the solved exercise", "2/" + total + " done");
        assertThat(Files.readString(copy.root().resolve(Progress.FILE_NAME)))
                .contains("done." + first + "=").contains("done." + second + "=");
    }

    @Test
    @DisplayName("n is refused while failing, and moves on once the exercise passes")
    void passingEnablesNext() throws Exception {
        watch.post(new WatchEvent.Key("n"));
        awaitScreen("the refusal", "n moves on once this exercise passes");
        copy.solve(first);
        awaitScreen("the pass", "Press n for the next exercise");
        watch.post(new WatchEvent.Key("n"));
        awaitScreen("the next exercise", "Exercise " + second);
    }

    @Test
    @DisplayName("once the last exercise passes, it says the workbook is finished and offers no next exercise")
    void noNextAfterTheLastExercise() throws Exception {
        var exercises = copy.workbook().exercises();
        var twoExercises = new Workbook(copy.root(), new Curriculum(exercises.subList(0, 2)));
        copy.solve(first);
        twoExercises.progress().markDone(exercises.get(0), copy.root());
        var lastScreen = new AtomicReference<>("");
        var finishing = new WatchMode(twoExercises, true, lastScreen::set);
        var finishingLoop = Thread.ofPlatform().name("finishing-watch-loop").start(() -> {
            try {
                finishing.run();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        try {
            await("the last exercise, failing").atMost(VERDICT_DEADLINE)
                    .untilAsserted(() -> assertThat(lastScreen.get()).contains("✗ " + second + " fails"));
            copy.solve(second);
            finishing.post(new WatchEvent.Key("r"));
            await("the finished workbook").atMost(VERDICT_DEADLINE)
                    .untilAsserted(() -> assertThat(lastScreen.get()).contains("All 2 exercises pass"));
            assertThat(lastScreen.get()).contains("✓ " + second + " passes").doesNotContain("Press n");
        } finally {
            finishing.post(new WatchEvent.Quit());
            finishingLoop.join(VERDICT_DEADLINE);
        }
    }

    @Test
    @DisplayName("a compile error shows as file:line")
    void compileErrorShowsFileAndLine() throws Exception {
        var stub = copy.workbook().exercises().get(0).sources(copy.root()).stream()
                .filter(file -> !Exercise.isTest(file)).findFirst().orElseThrow();
        java.nio.file.Files.writeString(stub, "this is not Java\n", java.nio.file.StandardOpenOption.APPEND);
        awaitScreen("the compile error", "does not compile");
        assertThat(screen.get()).containsPattern("exercises/" + first + "/" + stub.getFileName() + ":\\d+: ");
    }

    @Test
    @DisplayName("h shows one more hint level each time")
    void hintsOneLevelAtATime() {
        watch.post(new WatchEvent.Key("h"));
        awaitScreen("the first hint", "Hint 1 of");
        assertThat(screen.get()).doesNotContain("Hint 2 of");
        watch.post(new WatchEvent.Key("h"));
        awaitScreen("the second hint", "Hint 2 of");
    }

    @Test
    @DisplayName("l lists the exercises; moving down and Enter picks one")
    void listPicksAnExercise() {
        watch.post(new WatchEvent.Key("l"));
        awaitScreen("the list", "▶ pending  " + first);
        watch.post(new WatchEvent.Key("down"));
        awaitScreen("the cursor on the second exercise", "▶ pending  " + second);
        watch.post(new WatchEvent.Key("enter"));
        awaitScreen("the picked exercise", "Exercise " + second);
    }

    @Test
    @DisplayName("watch mode never writes to exercises/")
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void neverWritesToExercises() throws IOException {
        var before = copy.exercisesSnapshot();
        watch.post(new WatchEvent.Key("c"));
        await("check all").atMost(CHECK_ALL_DEADLINE).untilAsserted(() -> assertThat(screen.get()).contains("exercises pass"));
        for (var key : new String[] {"h", "r", "l", "enter", "n"}) {
            watch.post(new WatchEvent.Key(key));
        }
        awaitScreen("the refused n, last of the keys", "n moves on once this exercise passes");
        assertThat(copy.exercisesSnapshot().changesSince(before)).as("exercises/ after check all and the keys").isEmpty();
    }

    private void awaitScreen(String what, String text) {
        await(what).atMost(VERDICT_DEADLINE).untilAsserted(() -> assertThat(screen.get()).contains(text));
    }
}
