package workbook.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import workbook.runner.check.Checker;
import workbook.runner.UnknownName;
import workbook.runner.Workbook;
import workbook.runner.curriculum.Curriculum;

/**
 * How long a warm re-check takes in watch mode, the test's own body excluded: checks one exercise
 * again and again in one JVM, the way watch mode does after each save, and reports the runner's
 * share of each check (compile, test discovery, launch: the whole check minus the time spent
 * inside test methods), after a few warm-up checks.
 *
 * <p>Run it with {@code bench/check-speed}, which also times a cold {@code ./workbook check} and
 * Maven for the same exercise; the last figures measured are in {@code bench/RESULTS.md}.
 */
public final class CheckSpeed {

    private static final int WARM_UP = 5;

    private CheckSpeed() {}

    public static void main(String[] args) throws Exception {
        UnknownName.orExit(() -> measure(args));
    }

    private static void measure(String[] args) {
        var exerciseName = args.length > 0 ? args[0] : "l02a_lost_update";
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        var root = Path.of(System.getProperty("workbook.home", "")).toAbsolutePath();
        var exercise = new Workbook(root, Curriculum.load()).exercise(exerciseName);
        var checker = new Checker(root);
        var overhead = new ArrayList<Double>();
        var whole = new ArrayList<Double>();
        for (int run = 0; run < WARM_UP + runs; run++) {
            var verdict = checker.check(exercise);
            if (run >= WARM_UP) {
                whole.add(verdict.elapsed().toNanos() / 1e6);
                overhead.add((verdict.elapsed().toNanos() - verdict.timeInTests().toNanos()) / 1e6);
            }
        }
        System.out.printf("warm re-check of %s, %d runs after %d warm-up runs:%n", exercise.name(), runs, WARM_UP);
        System.out.println("  runner's share (compile + discovery + launch), ms: " + summary(overhead));
        System.out.println("  whole check including the tests, ms:               " + summary(whole));
    }

    private static String summary(List<Double> millis) {
        var sorted = new ArrayList<>(millis);
        Collections.sort(sorted);
        return "median %.0f, 95th percentile %.0f, worst %.0f".formatted(
                sorted.get(sorted.size() / 2), sorted.get((int) Math.ceil(sorted.size() * 0.95) - 1), sorted.getLast());
    }
}
