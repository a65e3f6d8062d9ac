package workbook.runner.explain;

import java.util.ArrayList;
import java.util.List;

/**
 * What a real run of a wake-up scenario left when it stalled: the last waits that ended before every
 * thread was waiting, each with the thread that woke it, and where each thread waits now. It travels
 * from the explain run's JVM to the runner as text, one wait a line.
 *
 * @param scenario what the scenario's threads were doing, in its own words (its {@code toString()})
 * @param wakeUps  the last waits that ended, oldest first
 * @param waiting  where each thread waits now, for a wake-up that no thread is left to give
 */
record WakeUpAccount(String scenario, List<Wait> wakeUps, List<Wait> waiting) {

    /**
     * One wait of one thread in the student's code.
     *
     * @param wokenBy the thread whose notify() ended it; empty when it has not ended, or when the
     *                JDK did not say (a Condition's signal(), a timeout)
     */
    record Wait(String thread, String file, int line, String method, String wokenBy) {

        /** Whether it was woken by a thread of the same kind ("producer-2" by "producer-1"). */
        boolean wokenByItsOwnKind() {
            return !wokenBy.isEmpty() && kind(thread).equals(kind(wokenBy));
        }

        private static String kind(String threadName) {
            int dash = threadName.lastIndexOf('-');
            return dash < 0 ? threadName : threadName.substring(0, dash);
        }
    }

    private static final String SCENARIO = "scenario";
    private static final String ENDED = "ended";
    private static final String WAITS = "waits";

    String format() {
        var text = new StringBuilder(SCENARIO + "\t" + scenario.replace('\n', ' ').replace('\t', ' ') + "\n");
        wakeUps.forEach(wait -> text.append(line(ENDED, wait)));
        waiting.forEach(wait -> text.append(line(WAITS, wait)));
        return text.toString();
    }

    private static String line(String kind, Wait wait) {
        return String.join("\t", kind, wait.thread(), wait.file(), String.valueOf(wait.line()), wait.method(), wait.wokenBy()) + "\n";
    }

    static WakeUpAccount parse(String text) {
        var scenario = "";
        var wakeUps = new ArrayList<Wait>();
        var waiting = new ArrayList<Wait>();
        for (var line : text.lines().toList()) {
            var fields = line.split("\t", -1);
            if (fields[0].equals(SCENARIO) && fields.length == 2) {
                scenario = fields[1];
                continue;
            }
            if (fields.length != 6) {
                continue;
            }
            var wait = new Wait(fields[1], fields[2], Integer.parseInt(fields[3]), fields[4], fields[5]);
            (fields[0].equals(ENDED) ? wakeUps : waiting).add(wait);
        }
        return new WakeUpAccount(scenario, List.copyOf(wakeUps), List.copyOf(waiting));
    }
}
