package workbook.mutation;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import workbook.runner.check.Verdict;
import workbook.runner.curriculum.Exercise;

/**
 * Checks mutants in a separate JVM, a {@link MutantWorker}, started with this JVM's options and
 * class path (so exercise code stays out of the JIT there too), and replaced whenever a mutant left
 * threads behind in it. The worker stays up between mutants, so a check costs what it costs in
 * watch mode, not a JVM start.
 *
 * <p>Each check has an outer deadline, far beyond any test's own: if the worker does not answer by
 * then (a mutant that hung the test engine itself), it is killed, the mutant counts as killed
 * (a student's answer that hangs fails too), and a new worker takes over. The run never hangs. A
 * worker that ends before its first answer is an error of the run, never a kill.
 */
final class MutantWorkers implements AutoCloseable {

    private static final Duration OUTER_DEADLINE = Duration.ofMinutes(3);

    private final Path root;
    private Process worker;
    private PrintStream requests;
    private BlockingQueue<String> answers;
    private int answered;
    private Path errors;

    MutantWorkers(Path root) {
        this.root = root;
    }

    MutantCheck check(Exercise exercise, Path replacements) {
        long start = System.nanoTime();
        try {
            if (worker == null || !worker.isAlive()) {
                start();
            }
            requests.println(exercise.name() + "\t" + replacements);
            var answer = answers.poll(OUTER_DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
            if (answer != null && answer.isEmpty() && answered == 0) {
                stop();
                throw new IllegalStateException("the mutant worker JVM ended before its first answer; its error output: "
                        + Files.readString(errors).strip());
            }
            if (answer == null || answer.isEmpty()) {
                stop();
                return new MutantCheck(Verdict.Status.FAILED, Duration.ofNanos(System.nanoTime() - start),
                        answer == null ? "(the worker JVM did not answer within " + OUTER_DEADLINE.toMinutes() + " min and was stopped)"
                                : "(the worker JVM ended during the check)", true, true);
            }
            answered++;
            var check = MutantCheck.decode(answer);
            if (check.leftThreads()) {
                worker.waitFor(10, TimeUnit.SECONDS); // it exits by itself after such an answer
                stop();
            }
            return check;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop();
            throw new IllegalStateException("interrupted while a mutant was checked", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void start() {
        var command = new ArrayList<String>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(MutantWorker.class.getName());
        command.add(root.toString());
        try {
            errors = Files.createTempFile("workbook-mutant-worker-", ".err");
            errors.toFile().deleteOnExit();
            worker = new ProcessBuilder(command).redirectError(errors.toFile()).start();
            answered = 0;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the mutant worker JVM: " + command, e);
        }
        requests = new PrintStream(worker.getOutputStream(), true, StandardCharsets.UTF_8);
        var queue = new ArrayBlockingQueue<String>(16);
        answers = queue;
        var output = new BufferedReader(new InputStreamReader(worker.getInputStream(), StandardCharsets.UTF_8));
        Thread.ofPlatform().daemon().name("mutant-worker-answers").start(() -> {
            try (output) {
                for (var line = output.readLine(); line != null; line = output.readLine()) {
                    if (line.startsWith(MutantWorker.ANSWER)) {
                        queue.put(line.substring(MutantWorker.ANSWER.length()));
                    }
                }
            } catch (IOException | InterruptedException ended) {
                // the worker was stopped; the check waiting for it is told below
            }
            queue.offer("");
        });
    }

    private void stop() {
        if (worker != null) {
            worker.descendants().forEach(ProcessHandle::destroyForcibly);
            worker.destroyForcibly();
            try {
                worker.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            worker = null;
        }
    }

    @Override
    public void close() {
        if (worker != null) {
            requests.close();
            try {
                if (!worker.waitFor(5, TimeUnit.SECONDS)) {
                    stop();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stop();
            }
            worker = null;
        }
    }
}
