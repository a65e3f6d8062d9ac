package workbook.runner.report;

/**
 * Colour for the terminal, and none where it would only be noise: not when the output goes to a
 * pipe or a file, and not when the {@code NO_COLOR} environment variable is set (no-color.org).
 * Whether standard output is a terminal is told by the launcher ({@code -Dworkbook.terminal=true}),
 * which can ask the shell; Java 21 cannot tell once a console exists.
 */
public final class Style {

    private static final boolean ENABLED = Boolean.getBoolean("workbook.terminal")
            && System.getenv("NO_COLOR") == null && !"dumb".equals(System.getenv("TERM"));

    private Style() {}

    public static String pass(String text) {
        return paint("32", text);
    }

    public static String fail(String text) {
        return paint("31", text);
    }

    public static String strong(String text) {
        return paint("1", text);
    }

    public static String quiet(String text) {
        return paint("2", text);
    }

    private static String paint(String code, String text) {
        return ENABLED ? "\u001b[" + code + "m" + text + "\u001b[0m" : text;
    }
}
