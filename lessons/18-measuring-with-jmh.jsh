// Lesson 18 · Measuring with JMH. In JShell: /open lessons/18-measuring-with-jmh.jsh
// Each call runs in a fresh JVM with the JIT fully on, and returns the figure that matters.
import workbook.demos.MeasuringWithJmhDemo;

// A checksum timed with System.nanoTime(), its result used or thrown away. The figure: how many
// times cheaper "thrown away" was in the last round (the loop was deleted).
MeasuringWithJmhDemo.deadCode();

// Eight divisions on constants against the same on values read from arrays: the constants are
// divided at compile time.
MeasuringWithJmhDemo.constantInput();

// The same method, call by call, in a fresh JVM: interpreter, C1, C2.
MeasuringWithJmhDemo.warmUp();

// One call, one long loop: the JIT swaps the running frame for compiled code (on-stack replacement).
MeasuringWithJmhDemo.onStackReplacement();

// The two checksums under JMH: score, error and unit.
MeasuringWithJmhDemo.jmh();

// Try it yourself: run deadCode() a few times. Is round 1 always slow and "thrown away" always
// a dozen nanoseconds from round 2 on? Then look at jmh(): is the error smaller than the score?
// Try it yourself: ./workbook check l18a_checksum_benchmark shows JMH catching the same deleted
// loop in your own benchmark.
