package workbook.runner;

import java.util.Arrays;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * Turns what a failed test threw into the text a student reads: an assertion's own message as it
 * is (the exercise tests write those to teach), anything else as what was thrown and where in the
 * student's code, since the runner's and JUnit's frames would only hide it.
 */
final class FailureMessages {

    private static final int FRAMES_SHOWN = 5;

    private FailureMessages() {}

    static String explain(Throwable thrown) {
        if (thrown == null) {
            return "failed without saying why";
        }
        if (thrown instanceof AssertionError && thrown.getMessage() != null) {
            return thrown.getMessage();
        }
        if (thrown instanceof TimeoutException) {
            return thrown.getMessage() + "\nThe test did not finish within its deadline: something waits forever. "
                    + "Look for a thread waiting for a lock, a condition or another thread that never comes.";
        }
        var frames = Arrays.stream(thrown.getStackTrace())
                .filter(FailureMessages::isExerciseCode)
                .limit(FRAMES_SHOWN)
                .map(frame -> "    at " + frame)
                .collect(Collectors.joining("\n"));
        return thrown + (frames.isEmpty() ? "" : "\n" + frames)
                + (thrown.getCause() != null ? "\n  caused by " + thrown.getCause() : "");
    }

    /** Exercise packages are named like {@code l02a_lost_update}: a lower-case l, then the lesson. */
    private static boolean isExerciseCode(StackTraceElement frame) {
        var name = frame.getClassName();
        return name.length() > 2 && name.charAt(0) == 'l' && Character.isDigit(name.charAt(1));
    }
}
