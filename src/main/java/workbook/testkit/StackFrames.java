package workbook.testkit;

import java.util.ArrayList;
import java.util.List;

/**
 * The frames of a stack trace worth a student's eyes: every frame of their own code (the classes of
 * the exercise packages, named like {@code l04b_self_deadlock}, but not the tests), the frame on top (what the thread is doing
 * now), and the JDK call the student's code made (the one just above their frame, such as
 * {@code Semaphore.acquire}). The JDK's inner workings between those, and everything below the
 * deepest frame of the student's (the test, JUnit, {@code Thread.run}), are counted, not shown. In
 * a trace with no frame of the student's, the first frame outside the JDK takes that place (a
 * program's {@code main}); in one with none outside the JDK either, the top few frames are shown. The JVM's frames for a lambda
 * ({@code Inventory$$Lambda/0x…}) say nothing the next frame does not, and are never shown.
 *
 * <p>Frames are written {@code Class.method(File.java:12)}, without the module and loader names
 * the JDK puts in front ({@code java.base@25.0.3/}).
 */
public final class StackFrames {

    private static final int SHOWN_WITHOUT_OWN_CODE = 4;

    private StackFrames() {}

    /** The lines to print, each {@code at ...} or {@code ... N frames ...}, without indentation. */
    public static List<String> shown(StackTraceElement[] frames) {
        int deepestOwn = -1;
        for (int i = 0; i < frames.length; i++) {
            if (isStudentCode(frames[i])) {
                deepestOwn = i;
            }
        }
        for (int i = 0; deepestOwn < 0 && i < frames.length; i++) {
            if (!isJdk(frames[i]) && !isLambda(frames[i])) {
                deepestOwn = i;
            }
        }
        var lines = new ArrayList<String>();
        if (deepestOwn < 0) {
            for (int i = 0; i < Math.min(SHOWN_WITHOUT_OWN_CODE, frames.length); i++) {
                lines.add("at " + readable(frames[i]));
            }
            more(lines, frames.length - SHOWN_WITHOUT_OWN_CODE, " more frames");
            return lines;
        }
        int hidden = 0;
        for (int i = 0; i <= deepestOwn; i++) {
            if (isLambda(frames[i])) {
                continue;
            }
            boolean worthShowing = i == 0 || i == deepestOwn || !isJdk(frames[i]) || !isJdk(frames[i + 1]);
            if (worthShowing) {
                more(lines, hidden, " frames in the JDK");
                hidden = 0;
                lines.add("at " + readable(frames[i]));
            } else {
                hidden++;
            }
        }
        more(lines, frames.length - deepestOwn - 1, " more frames (the callers)");
        return lines;
    }

    /**
     * A class the student wrote: in an exercise package (named like {@code l02a_lost_update}: a
     * lower-case l, then the lesson's digits), and not one of its tests ({@code *Test}).
     */
    public static boolean isStudentCode(StackTraceElement frame) {
        var name = frame.getClassName();
        boolean exercisePackage = name.length() > 3 && name.charAt(0) == 'l' && Character.isDigit(name.charAt(1))
                && Character.isDigit(name.charAt(2)) && name.indexOf('.') > 0;
        if (!exercisePackage || isLambda(frame)) {
            return false;
        }
        var topLevel = name.substring(name.lastIndexOf('.') + 1).split("\\$")[0];
        return !topLevel.endsWith("Test");
    }

    private static boolean isLambda(StackTraceElement frame) {
        return frame.getClassName().contains("$$Lambda");
    }

    /** {@code Class.method(File.java:12)}, without the module and class-loader names. */
    public static String readable(StackTraceElement frame) {
        var where = frame.isNativeMethod() ? "Native Method"
                : frame.getFileName() == null ? "Unknown Source"
                : frame.getLineNumber() > 0 ? frame.getFileName() + ":" + frame.getLineNumber()
                : frame.getFileName();
        return frame.getClassName() + "." + frame.getMethodName() + "(" + where + ")";
    }

    private static boolean isJdk(StackTraceElement frame) {
        var name = frame.getClassName();
        return name.startsWith("java.") || name.startsWith("jdk.") || name.startsWith("sun.");
    }

    private static void more(List<String> lines, int count, String what) {
        if (count == 1) {
            lines.add("... 1" + what.replace("frames", "frame"));
        } else if (count > 1) {
            lines.add("... " + count + what);
        }
    }
}
