package workbook.testkit;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a class's {@code main} in a new JVM, with this JVM's class path and a deadline, and hands
 * back its exit code and output.
 *
 * <p>Some facts about threads can only be seen from outside the JVM: whether a program exits while
 * a thread is still running is decided by the JVM itself, after {@code main} returns. A test that
 * starts a daemon in its own JVM learns nothing, because the test JVM stays up anyway.
 *
 * <pre>{@code
 * var run = ChildJvm.run(HeartbeatProgram.class, Duration.ofSeconds(10));
 * assertThat(run.exitedByItself()).as(run.describe()).isTrue();
 * }</pre>
 *
 * <p>A child still running at the deadline is killed and reported as such; it never outlives
 * the test.
 */
public final class ChildJvm {

    private ChildJvm() {}

    /** What a child JVM did: its exit code (or that it was killed at the deadline) and its output. */
    public record Result(int exitCode, boolean killedAtDeadline, String stdout, String stderr, Duration elapsed) {

        /** True when the JVM ended by itself before the deadline. */
        public boolean exitedByItself() {
            return !killedAtDeadline;
        }

        /** The whole story, to put into a failure message. */
        public String describe() {
            var ending = killedAtDeadline
                    ? "was still running at the deadline and was killed after " + Durations.readable(elapsed)
                    : "exited with code " + exitCode + " after " + Durations.readable(elapsed);
            return "The child JVM " + ending + ".\n--- its output ---\n" + stdout
                    + (stderr.isBlank() ? "" : "--- its error output ---\n" + stderr);
        }
    }

    /** Runs {@code mainClass} with {@code args} in a child JVM; kills it at {@code deadline}. */
    public static Result run(Class<?> mainClass, Duration deadline, String... args) {
        return run(List.of(), mainClass, deadline, args);
    }

    /**
     * Runs {@code mainClass} with {@code args} in a child JVM started with {@code jvmOptions}
     * (nothing else: the parent's JIT exclusion of exercise code does not carry over); kills it at
     * {@code deadline}.
     */
    public static Result run(List<String> jvmOptions, Class<?> mainClass, Duration deadline, String... args) {
        return run(jvmOptions, List.of(), mainClass, deadline, args);
    }

    /**
     * As {@link #run(List, Class, Duration, String...)}, with {@code classPathInFront} (folders or
     * jars made by the test, such as a generated benchmark harness) before everything else on the
     * child's class path.
     */
    public static Result run(List<String> jvmOptions, List<Path> classPathInFront, Class<?> mainClass, Duration deadline,
            String... args) {
        var command = new ArrayList<String>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-cp");
        var classPath = new ArrayList<String>();
        classPathInFront.forEach(entry -> classPath.add(entry.toString()));
        classPath.add(classPathFor(mainClass));
        command.add(String.join(File.pathSeparator, classPath));
        command.add(mainClass.getName());
        command.addAll(List.of(args));
        long start = System.nanoTime();
        try {
            var process = new ProcessBuilder(command).start();
            process.getOutputStream().close();
            var stdout = new Drain(process.getInputStream());
            var stderr = new Drain(process.getErrorStream());
            boolean ended = process.waitFor(deadline.toMillis(), TimeUnit.MILLISECONDS);
            if (!ended) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor();
            }
            var elapsed = Duration.ofNanos(System.nanoTime() - start);
            return new Result(ended ? process.exitValue() : -1, !ended, stdout.text(), stderr.text(), elapsed);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start a child JVM: " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for the child JVM", e);
        }
    }

    /**
     * This JVM's class path, with the folder or jar {@code mainClass} came from in front: an
     * exercise compiled by the runner is loaded from a folder of its own, not from the class path.
     */
    private static String classPathFor(Class<?> mainClass) {
        var ownPath = System.getProperty("java.class.path");
        try {
            var source = mainClass.getProtectionDomain().getCodeSource();
            if (source == null) {
                return ownPath;
            }
            return Path.of(source.getLocation().toURI()) + File.pathSeparator + ownPath;
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot locate the classes of " + mainClass, e);
        }
    }

    /** Reads a stream to its end on a thread of its own, so a chatty child never blocks on a full pipe. */
    private static final class Drain {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final Thread reader;

        Drain(InputStream stream) {
            reader = Thread.ofPlatform().daemon().name("child-jvm-output").start(() -> {
                try (stream) {
                    stream.transferTo(bytes);
                } catch (IOException killed) {
                    // the child was killed at its deadline: what was read so far is kept
                }
            });
        }

        String text() throws InterruptedException {
            reader.join(Duration.ofSeconds(2));
            return bytes.toString(StandardCharsets.UTF_8);
        }
    }
}
