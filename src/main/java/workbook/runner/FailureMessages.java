package workbook.runner;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.concurrent.TimeoutException;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import workbook.testkit.Durations;
import workbook.testkit.StackFrames;

/**
 * Turns what a failed test threw into the text a student reads: an assertion's own message (the
 * exercise tests write those to teach), anything else as what was thrown and where in the student's
 * code ({@link StackFrames}: every frame of theirs, none of JUnit's).
 *
 * <p>Whatever the message, the noise libraries add is taken out before a student sees it: AssertJ's
 * "(N remaining lines not displayed …)" and its bare "Expecting value to be true but was false" when
 * the test gave a description (any other AssertJ message gets its {@code [description]} as a
 * plain first line), the {@code java.util.prefs} INFO lines a child JVM logs, ISO-8601
 * durations ({@code PT2S} reads "2 s"), and the runs of spaces a text block leaves inside a line.
 */
final class FailureMessages {

    private static final Pattern REMAINING_LINES = Pattern.compile("(?m)^[ \\t]*\\.{0,3}\\s*\\(\\d+ remaining lines? not displayed[^)]*\\)[ \\t]*\\R?");
    private static final Pattern PREFS_LOG = Pattern.compile("(?m)^.*java\\.util\\.prefs\\..*\\R(?:(?:INFO|WARNING|FINE|CONFIG): .*\\R?)?");
    private static final Pattern BARE_TRUE = Pattern.compile("(?s)^\\s*\\[(.+?)\\]\\s*\\R\\s*Expecting value to be (true|false) but was (true|false)\\s*$");
    private static final Pattern DESCRIPTION = Pattern.compile("^\\[([^\\]\\n]+)\\] *\\R");
    private static final Pattern ISO_DURATION = Pattern.compile("\\bPT(?:\\d+H)?(?:\\d+M)?(?:\\d+(?:\\.\\d+)?S)?\\b");
    private static final Pattern INNER_SPACES = Pattern.compile("(?<=\\S) {2,}(?=\\S)");

    private FailureMessages() {}

    static String explain(Throwable thrown) {
        if (thrown == null) {
            return "failed without saying why";
        }
        if (thrown instanceof AssertionError && thrown.getMessage() != null) {
            return clean(thrown.getMessage());
        }
        if (thrown instanceof TimeoutException) {
            return clean(thrown.getMessage()) + "\nThe test did not finish within its deadline: something waits forever. "
                    + "Look for a thread waiting for a lock, a condition or another thread that never comes.";
        }
        return clean(thrownWithFrames(thrown));
    }

    /** An exception thrown by the student's code on a thread of its own, which nothing else reported. */
    static String uncaught(Thread thread, Throwable thrown) {
        return "Thread \"" + thread.getName() + "\" ended with an exception that nothing caught:\n"
                + clean(thrownWithFrames(thrown)).lines().map(line -> "  " + line).collect(Collectors.joining("\n"));
    }

    /** The exception, where it was thrown, and its causes the same way. */
    private static String thrownWithFrames(Throwable thrown) {
        var out = new StringBuilder();
        var seen = new ArrayList<Throwable>();
        for (var current = thrown; current != null && !seen.contains(current); current = current.getCause()) {
            if (!seen.isEmpty()) {
                out.append("\ncaused by ");
            }
            seen.add(current);
            out.append(current);
            for (var line : StackFrames.shown(current.getStackTrace())) {
                out.append("\n    ").append(line);
            }
        }
        return out.toString();
    }

    /** The message without the libraries' noise; what the test itself wrote is kept word for word. */
    static String clean(String message) {
        if (message == null) {
            return "";
        }
        var text = REMAINING_LINES.matcher(message).replaceAll("");
        text = PREFS_LOG.matcher(text).replaceAll("");
        var bare = BARE_TRUE.matcher(text);
        if (bare.matches()) {
            text = bare.group(1).strip();
        } else {
            text = DESCRIPTION.matcher(text).replaceFirst(description -> Matcher.quoteReplacement(description.group(1).strip() + ":\n"));
        }
        text = ISO_DURATION.matcher(text).replaceAll(FailureMessages::readableDuration);
        text = INNER_SPACES.matcher(text).replaceAll(" ");
        return text.stripTrailing();
    }

    private static String readableDuration(MatchResult iso) {
        if (iso.group().equals("PT")) {
            return "PT";
        }
        try {
            var duration = Duration.parse(iso.group());
            if (!duration.isZero() && duration.toMillis() == 0) {
                return duration.toNanos() >= 1000 ? duration.toNanos() / 1000 + " µs" : duration.toNanos() + " ns";
            }
            return Matcher.quoteReplacement(Durations.readable(duration));
        } catch (DateTimeParseException e) {
            return Matcher.quoteReplacement(iso.group());
        }
    }
}
