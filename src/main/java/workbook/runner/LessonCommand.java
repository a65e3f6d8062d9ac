package workbook.runner;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import workbook.runner.report.Style;

/**
 * {@code ./workbook lesson [NN]}: a lesson's text, made readable in a terminal (headings in bold,
 * code indented, the markup that is only there for the tests left out), through a pager when it
 * is longer than the screen.
 */
@Command(name = "lesson", mixinStandardHelpOptions = true,
        description = "Show a lesson in the terminal: the current exercise's lesson, or lesson NN.")
public final class LessonCommand implements Callable<Integer> {

    private static final Pattern BOLD = Pattern.compile("\\*\\*(.+?)\\*\\*");

    @ParentCommand
    private WorkbookCommand parent;

    @Parameters(arity = "0..1", paramLabel = "NN", description = "the lesson number, for example 02")
    private String number;

    @Override
    public Integer call() throws IOException, InterruptedException {
        var lesson = parent.lesson(number);
        var text = render(Files.readString(lesson.text()));
        if (Boolean.getBoolean("workbook.terminal") && page(text)) {
            return 0;
        }
        parent.out().print(text);
        parent.out().flush();
        return 0;
    }

    static String render(String markdown) {
        var out = new StringBuilder();
        boolean inCode = false;
        for (var line : markdown.split("\n", -1)) {
            if (line.startsWith("```")) {
                inCode = !inCode;
            } else if (inCode) {
                out.append("    ").append(line).append('\n');
            } else if (line.startsWith("<!--") && line.endsWith("-->")) {
                continue;
            } else if (line.startsWith("# ")) {
                out.append(Style.strong(line.substring(2).toUpperCase())).append('\n');
            } else if (line.startsWith("## ")) {
                out.append(Style.strong(line.substring(3))).append('\n');
            } else {
                out.append(BOLD.matcher(line).replaceAll(match -> Style.strong(match.group(1)))).append('\n');
            }
        }
        return out.toString().stripTrailing() + "\n";
    }

    /** Shows the text through the student's pager ($PAGER, else less); false when there is none. */
    private static boolean page(String text) throws IOException, InterruptedException {
        var pager = System.getenv().getOrDefault("PAGER", "less -R -F -X");
        Process process;
        try {
            process = new ProcessBuilder("sh", "-c", pager)
                    .redirectOutput(ProcessBuilder.Redirect.INHERIT)
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start();
        } catch (IOException noShell) {
            return false;
        }
        try (var writer = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8)) {
            writer.write(text);
        } catch (IOException pagerQuitEarly) {
            // the student closed the pager before reading to the end
        }
        return process.waitFor() == 0;
    }
}
