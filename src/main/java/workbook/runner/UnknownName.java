package workbook.runner;

/** A name on the command line that names nothing; the message says what exists instead. */
public final class UnknownName extends RuntimeException {

    /** What exit code a tool ends with when it was given a name that names nothing. */
    public static final int EXIT_CODE = 2;

    /** The body of a command-line tool of its own (the bench tools, the mutation run). */
    @FunctionalInterface
    public interface ToolBody {
        void run() throws Exception;
    }

    public UnknownName(String message) {
        super(message);
    }

    /** Runs {@code body}; a name that names nothing ends the JVM with its message, not a stack trace. */
    public static void orExit(ToolBody body) throws Exception {
        try {
            body.run();
        } catch (UnknownName unknown) {
            System.err.println(unknown.getMessage());
            System.exit(EXIT_CODE);
        }
    }
}
