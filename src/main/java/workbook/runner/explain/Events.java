package workbook.runner.explain;

import java.util.regex.Pattern;

/**
 * Says a Lincheck trace event in the words of the lessons: {@code count ➜ 0} is "reads count: 0",
 * {@code count = 1} is "writes count = 1", an object's number ({@code Account#2}) stays, since it
 * tells two objects of one class apart.
 */
final class Events {

    private static final Pattern READ = Pattern.compile("^(?:[\\w$]+\\.)*?([\\w$\\[\\]]+) ➜ (.*)$");
    private static final Pattern WRITE = Pattern.compile("^(?:[\\w$]+\\.)*?([\\w$\\[\\]]+) = (.*)$");

    private Events() {}

    static String describe(String event) {
        var read = READ.matcher(event);
        if (read.matches()) {
            return "reads " + read.group(1) + ": " + read.group(2);
        }
        var write = WRITE.matcher(event);
        if (write.matches()) {
            return "writes " + write.group(1) + " = " + write.group(2);
        }
        return event;
    }
}
