package workbook.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import workbook.runner.curriculum.Progress;
import workbook.runner.watch.WatchEvent;
import workbook.runner.watch.WatchMode;

/**
 * Watch mode when a check leaves a thread running that ignores the interrupt: it ends to be
 * restarted, and the watch mode of the next JVM shows the same exercise, its verdict and the
 * student's hints without checking again. The thread is a test of the copy's own that spins until a
 * system property of this test is set.
 */
@DisplayName("watch mode, when a check leaves threads running")
class WatchModeRestartTest {

    private static final Duration VERDICT_DEADLINE = Duration.ofSeconds(30);

    @TempDir
    Path folder;

    private final String stop = "workbook.test.stop." + UUID.randomUUID();

    @AfterEach
    void stopTheSpinner() {
        System.setProperty(stop, "true");
    }

    @Test
    @DisplayName("ends to be restarted; the next watch mode resumes on the same exercise with its verdict, hints and progress")
    void restartsOnTheSameExercise() throws Exception {
        var copy = WorkbookCopy.in(folder);
        var first = copy.workbook().exercises().get(0).name();
        var second = copy.workbook().exercises().get(1).name();
        Files.writeString(copy.stub(second, "LeftBehindTest.java"), """
                package %s;

                import org.junit.jupiter.api.Test;

                class LeftBehindTest {
                    @Test
                    void startsAThreadThatIgnoresInterrupts() {
                        Thread.ofPlatform().name("spinner").daemon().start(LeftBehindTest::spin);
                    }

                    private static void spin() {
                        while (!Boolean.getBoolean("%s")) {
                            Thread.onSpinWait();
                        }
                    }
                }
                """.formatted(second, stop));
        var before = copy.exercisesSnapshot();

        var screen = new AtomicReference<>("");
        var watch = new WatchMode(copy.workbook(), false, screen::set);
        var ending = run(watch);
        awaitScreen(screen, "the first exercise, checked", "✗ " + first + " fails");
        watch.post(new WatchEvent.Key("h"));
        awaitScreen(screen, "the first hint", "Hint 1 of");
        for (var key : new String[] {"l", "down", "enter"}) {
            watch.post(new WatchEvent.Key(key));
        }
        assertThat(ending.get(VERDICT_DEADLINE.toSeconds(), TimeUnit.SECONDS)).as("how watch mode ended").isEqualTo(WatchMode.Ending.RESTART);
        assertThat(screen.get()).contains("Exercise " + second)
                .contains("\"spinner\" (RUNNABLE, using a core) at exercises/" + second + "/LeftBehindTest.java:")
                .contains("The check of " + second + " left threads using the CPU")
                .contains("starts again in a fresh JVM");

        var resumedScreen = new AtomicReference<>("");
        var resumed = new WatchMode(copy.workbook(), false, resumedScreen::set);
        var resumedEnding = run(resumed);
        awaitScreen(resumedScreen, "the resumed screen", "Watch mode started again in a fresh JVM");
        assertThat(resumedScreen.get()).as("the resumed screen").contains("Exercise " + second)
                .contains("\"spinner\" (RUNNABLE, using a core) at exercises/" + second + "/LeftBehindTest.java:");
        assertThat(resumed.checks()).as("checks run by the resumed watch mode before any save or key").isZero();
        for (var key : new String[] {"l", "up", "enter"}) {
            resumed.post(new WatchEvent.Key(key));
        }
        awaitScreen(resumedScreen, "the first exercise with the hint shown before the restart", "Hint 1 of");
        resumed.post(new WatchEvent.Quit());
        assertThat(resumedEnding.get(VERDICT_DEADLINE.toSeconds(), TimeUnit.SECONDS)).isEqualTo(WatchMode.Ending.QUIT);
        assertThat(copy.exercisesSnapshot()).as("exercises/ after the restart").isEqualTo(before);
        assertThat(Files.readString(copy.root().resolve(Progress.FILE_NAME))).contains("hints." + first + "=1");
    }

    private static CompletableFuture<WatchMode.Ending> run(WatchMode watch) {
        var ending = new CompletableFuture<WatchMode.Ending>();
        Thread.ofPlatform().name("watch-loop").daemon().start(() -> {
            try {
                ending.complete(watch.run());
            } catch (Throwable e) {
                ending.completeExceptionally(e);
            }
        });
        return ending;
    }

    private static void awaitScreen(AtomicReference<String> screen, String what, String text) {
        await(what).atMost(VERDICT_DEADLINE).untilAsserted(() -> assertThat(screen.get()).contains(text));
    }
}
