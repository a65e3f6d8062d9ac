package workbook.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Pattern;

import workbook.runner.check.Checker;
import workbook.runner.check.Verdict;
import workbook.runner.UnknownName;
import workbook.runner.Workbook;
import workbook.runner.curriculum.Curriculum;
import workbook.runner.curriculum.Exercise;

/**
 * How reliably, and how fast, the exercise tests tell right from wrong: checks each exercise's
 * reference solution and each of its known right answers again and again (each must pass every
 * time), then each of its wrong answers again and again (see {@link KnownAnswers}), through the
 * runner's own engine, and reports how many runs caught it, after how many
 * trials and how long a race took to show ("Caught on trial N, after X ms", for the failures a
 * race scenario found), and how long the whole verdict took (compile, discovery and the tests).
 *
 * <p>Run it with {@code bench/verdict-reliability} (which keeps both cores busy meanwhile); the figures
 * of the last run on this project's machine are in {@code bench/RESULTS.md}.
 */
public final class VerdictReliability {

    private static final Pattern CAUGHT = Pattern.compile("Caught on trial (\\d+), after ([\\d.]+) (ms|s)");

    private VerdictReliability() {}

    public static void main(String[] args) throws Exception {
        UnknownName.orExit(() -> measure(args));
    }

    private static void measure(String[] args) throws IOException {
        if (args.length < 1) {
            System.err.println("usage: VerdictReliability <runs> [exercise | exercise/answer ...]   (default: every exercise;"
                    + " an answer is 'solution' or a folder name under src/test/resources/right|wrong/<exercise>/)");
            System.exit(2);
        }
        int runs = Integer.parseInt(args[0]);
        var root = Path.of(System.getProperty("workbook.home", "")).toAbsolutePath();
        var curriculum = Curriculum.load();
        var workbook = new Workbook(root, curriculum);
        var names = args.length > 1 ? List.of(args).subList(1, args.length) : curriculum.names();
        var checker = new Checker(root);
        var known = new KnownAnswers(root);
        boolean allAsExpected = true;
        for (var target : names) {
            var asked = KnownAnswers.Target.parse(workbook, target);
            var exercise = asked.exercise();
            var only = asked.answer().orElse(null);
            if (only == null || only.equals("solution")) {
                allAsExpected &= measureRight(checker, exercise, exercise.solutionFolder(root), "the solution", runs);
            }
            for (var right : known.right(exercise)) {
                if (only == null || only.equals(right.getFileName().toString())) {
                    allAsExpected &= measureRight(checker, exercise, right, "right: " + right.getFileName(), runs);
                }
            }
            for (var wrongAnswer : known.wrong(exercise)) {
                if (only == null || only.equals(wrongAnswer.getFileName().toString())) {
                    allAsExpected &= measure(checker, exercise, wrongAnswer, runs);
                }
            }
        }
        // A wrong answer may leave non-daemon threads behind (that is often its mistake); they must
        // not keep the measurement from ending once its report is complete.
        System.exit(allAsExpected ? 0 : 1);
    }

    /** Whether the answer passed every run. */
    private static boolean measureRight(Checker checker, Exercise exercise, Path answer, String label, int runs) {
        var verdictTimes = new ArrayList<Double>();
        int passed = 0;
        for (int run = 1; run <= runs; run++) {
            var verdict = checker.check(exercise, answer);
            verdictTimes.add(verdict.elapsed().toNanos() / 1e6);
            if (verdict.passed()) {
                passed++;
            } else {
                System.out.printf("  run %d: %s FAILED: %s%n", run, label, verdict.failures());
            }
        }
        System.out.printf("%s / %s: passed in %d of %d runs%n", exercise.name(), label, passed, runs);
        System.out.println("    whole verdict, compile + tests (ms): " + summary(verdictTimes));
        return passed == runs;
    }

    /** Whether every run caught the wrong answer. */
    private static boolean measure(Checker checker, Exercise exercise, Path wrongAnswer, int runs) {
        var trials = new ArrayList<Double>();
        var raceTimes = new ArrayList<Double>();
        var verdictTimes = new ArrayList<Double>();
        int caught = 0;
        int caughtWithin3s = 0;
        for (int run = 1; run <= runs; run++) {
            var verdict = checker.check(exercise, wrongAnswer);
            verdictTimes.add(verdict.elapsed().toNanos() / 1e6);
            if (verdict.status() != Verdict.Status.FAILED) {
                System.out.printf("  run %d: NOT caught (%s)%n", run, verdict.status());
                continue;
            }
            caught++;
            if (verdict.elapsed().toMillis() <= 3_000) {
                caughtWithin3s++;
            }
            var message = verdict.failures().stream().map(f -> f.message()).reduce("", String::concat);
            var matcher = CAUGHT.matcher(message);
            if (matcher.find()) {
                trials.add(Double.parseDouble(matcher.group(1)));
                double amount = Double.parseDouble(matcher.group(2));
                raceTimes.add(matcher.group(3).equals("s") ? amount * 1000 : amount);
            }
        }
        System.out.printf("%s / %s: caught in %d of %d runs, %d of them within 3 s%n",
                exercise.name(), wrongAnswer.getFileName(), caught, runs, caughtWithin3s);
        if (!trials.isEmpty()) {
            System.out.println("    trials until a race showed: " + summary(trials));
            System.out.println("    time until a race showed (ms): " + summary(raceTimes));
        }
        System.out.println("    whole verdict, compile + tests (ms): " + summary(verdictTimes));
        return caught == runs;
    }

    private static String summary(List<Double> millis) {
        if (millis.isEmpty()) {
            return "none";
        }
        var sorted = new ArrayList<>(millis);
        Collections.sort(sorted);
        return "median %.0f, 95th percentile %.0f, worst %.0f".formatted(
                sorted.get(sorted.size() / 2), sorted.get((int) Math.ceil(sorted.size() * 0.95) - 1), sorted.getLast());
    }
}
