package workbook.runner.explain;

import java.io.OutputStream;
import java.io.PrintStream;

/**
 * Keeps Lincheck's own warnings ("[WARN] Failed to get object field offset ...") off the student's
 * screen while it explores: they are about Lincheck's internals, never about the student's code.
 */
final class Console {

    private final PrintStream out;
    private final PrintStream err;

    private Console(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    static Console silenced() {
        var console = new Console(System.out, System.err);
        var nowhere = new PrintStream(OutputStream.nullOutputStream());
        System.setOut(nowhere);
        System.setErr(nowhere);
        return console;
    }

    void restore() {
        System.setOut(out);
        System.setErr(err);
    }
}
