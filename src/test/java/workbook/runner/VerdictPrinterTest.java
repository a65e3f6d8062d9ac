package workbook.runner;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import workbook.runner.check.Checker;
import workbook.runner.curriculum.Exercise;
import workbook.runner.report.VerdictPrinter;

/** Verdicts as printed, for a small exercise of the test's own, checked by the real checker. */
@DisplayName("verdicts as printed")
class VerdictPrinterTest {

    @TempDir
    Path root;

    @Test
    @DisplayName("an exception that kills the student's thread leads the message; one cause is said once; the tests' order is kept")
    void oneCauseOnceInTheTestsOrder() throws IOException {
        var folder = Files.createDirectories(root.resolve("exercises/l99a_demo"));
        Files.writeString(folder.resolve("Starter.java"), """
                package l99a_demo;

                public class Starter {
                    public static Thread startDaemon(Runnable work) {
                        var thread = new Thread(() -> {
                            Thread.currentThread().setDaemon(true);
                            work.run();
                        }, "worker");
                        thread.start();
                        return thread;
                    }
                }
                """);
        Files.writeString(folder.resolve("StarterTest.java"), """
                package l99a_demo;

                import static org.junit.jupiter.api.Assertions.assertEquals;
                import static org.junit.jupiter.api.Assertions.fail;

                import java.util.concurrent.CountDownLatch;
                import org.junit.jupiter.api.Test;

                class StarterTest {
                    @Test
                    void zTheWorkRuns() throws InterruptedException {
                        var ran = new CountDownLatch(1);
                        Starter.startDaemon(ran::countDown).join(5_000);
                        assertEquals(0, ran.getCount(), "the work never ran");
                    }

                    @Test
                    void yFirstOfTwo() {
                        fail("first of two, thread \\"a-1\\" saw 3\\nWhy: one and the same reason");
                    }

                    @Test
                    void xSecondOfTwo() {
                        fail("second of two, thread \\"b-2\\" saw 4\\nWhy: one and the same reason");
                    }
                }
                """);
        var exercise = new Exercise("l99a_demo", "99", "a demo", List.of());
        var verdict = new Checker(root).check(exercise);
        var printed = new StringWriter();
        new VerdictPrinter(new PrintWriter(printed, true), root).print(exercise, verdict);

        assertThat(printed.toString())
                .contains("✗ l99a_demo fails (3 of 3 tests")
                .contains("Thread \"worker\" ended with an exception that nothing caught:\n"
                        + "      java.lang.IllegalThreadStateException")
                .containsPattern("at l99a_demo\\.Starter\\.lambda\\$startDaemon\\$0\\(Starter\\.java:6\\)")
                .contains("What the test saw then:")
                .contains("first of two").doesNotContain("second of two")
                .contains("The same cause fails 1 more test:\n      · StarterTest › xSecondOfTwo()")
                .containsSubsequence("zTheWorkRuns()", "yFirstOfTwo()", "xSecondOfTwo()");
    }

    @Test
    @DisplayName("a thread left running after the tests is interrupted; one that ignores it is named with the student's line, and why it matters")
    void threadsLeftRunningAreNamed() throws IOException {
        var stop = "workbook.test.stop." + UUID.randomUUID();
        var folder = Files.createDirectories(root.resolve("exercises/l99b_leftover"));
        Files.writeString(folder.resolve("Workers.java"), """
                package l99b_leftover;

                public class Workers {
                    public static void start() {
                        new Thread(Workers::sleepUntilInterrupted, "sleeper").start();
                        new Thread(() -> {
                            while (!Boolean.getBoolean("%s")) {
                                Thread.onSpinWait();
                            }
                        }, "spinner").start();
                    }

                    private static void sleepUntilInterrupted() {
                        try {
                            Thread.sleep(600_000);
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                }
                """.formatted(stop));
        Files.writeString(folder.resolve("WorkersTest.java"), """
                package l99b_leftover;

                import org.junit.jupiter.api.Test;

                class WorkersTest {
                    @Test
                    void starts() {
                        Workers.start();
                    }
                }
                """);
        var exercise = new Exercise("l99b_leftover", "99", "threads left running", List.of());
        try {
            var verdict = new Checker(root).check(exercise);
            assertThat(verdict.passed()).as("the verdict of the tests themselves").isTrue();
            assertThat(verdict.leftovers()).as("threads still alive after the interrupt and the grace").singleElement()
                    .satisfies(thread -> {
                        assertThat(thread.name()).isEqualTo("spinner");
                        assertThat(thread.state()).isEqualTo(Thread.State.RUNNABLE);
                        assertThat(thread.busy()).as("spinning, it is busy").isTrue();
                        // the loop's condition (line 7) or its body (line 8), wherever the sample caught it
                        assertThat(thread.frame()).get().asString().matches("l99b_leftover\\.Workers\\.lambda\\$start\\$0\\(Workers\\.java:[78]\\)");
                    });
            var printed = new StringWriter();
            new VerdictPrinter(new PrintWriter(printed, true), root).print(exercise, verdict);
            assertThat(printed.toString())
                    .contains("✓ l99b_leftover passes")
                    .containsPattern("A thread was still alive after the tests ended:\n"
                            + "    \"spinner\" \\(RUNNABLE, using a core\\) at exercises/l99b_leftover/Workers\\.java:[78] \\(in a lambda in start\\)")
                    .contains("it ignores interrupts, or nothing ever tells it to stop")
                    .contains("One that uses a core takes it from every check after it")
                    .doesNotContain("sleeper");
        } finally {
            System.setProperty(stop, "true");
        }
    }
}
