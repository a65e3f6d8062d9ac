// Lesson 08 · Visibility and the memory model. In JShell: /open lessons/08-visibility.jsh
import workbook.demos.VisibilityDemo;

// A thread spins on a plain boolean flag, compiled by the JIT; main sets the flag. Does it stop?
// (It runs in a JVM of its own, with a deadline, so a spinner that never stops cannot hang JShell.)
VisibilityDemo.stopFlag(false);

// The same loop on a volatile flag.
VisibilityDemo.stopFlag(true);

// Lazy initialization the JVM does for you: eight threads at once, one object built.
VisibilityDemo.holderIdiom(8);

// Try it yourself: VisibilityDemo.stopFlagOutcomes(5) counts the outcomes of five runs of each
// flag, in a jcstress-style table. Is "never stopped" for the plain flag every time, or only often?
