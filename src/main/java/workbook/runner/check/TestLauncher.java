package workbook.runner.check;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.platform.engine.CancellationToken;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherExecutionRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

import workbook.runner.report.FailureMessages;

/**
 * Runs an exercise's test classes in this JVM through the JUnit Platform Launcher and collects,
 * for each failed test, a message a student can act on.
 *
 * <p>The settings that keep a test from hanging are passed here explicitly, rather than read from
 * a {@code junit-platform.properties} the student might not have: every test has a deadline, run in
 * a separate thread (a thread stuck entering a monitor ignores interrupts, so a same-thread timeout
 * would never fire), with a thread dump when it fires.
 *
 * <p>An exception that kills a thread the student's code started would otherwise be printed to
 * stderr, above the verdict and apart from the test it broke. While tests run, such exceptions are
 * collected instead, and lead the failure message of the test that was running. (The handler is
 * the JVM's default one, so checks run in parallel in one JVM may see each other's.)
 */
public final class TestLauncher {

    /**
     * A failed test and why it failed.
     *
     * @param method the test method's name, to put failures in the order the test class declares
     *               them (its simplest tests first); empty when the failure is not a method's
     */
    public record Failure(String test, String message, String method) {
        public Failure(String test, String message) {
            this(test, message, "");
        }
    }

    /** How long one test method took, from its start to its end. */
    public record TestTime(String test, Duration took) {}

    /**
     * The outcome of one run: which tests ran and how long each took, and which failed (the rest of
     * a check's time is the runner's own).
     */
    public record Outcome(List<TestTime> testTimes, List<Failure> failures) {
        public int testsRun() {
            return testTimes.size();
        }

        public Duration timeInTests() {
            return testTimes.stream().map(TestTime::took).reduce(Duration.ZERO, Duration::plus);
        }
    }

    static final String TEST_DEADLINE = "20 s";

    private static final Map<String, String> SETTINGS = Map.of(
            "junit.jupiter.execution.timeout.default", TEST_DEADLINE,
            "junit.jupiter.execution.timeout.thread.mode.default", "SEPARATE_THREAD",
            "junit.jupiter.execution.timeout.threaddump.enabled", "true",
            "junit.jupiter.execution.parallel.enabled", "false");

    private final Launcher launcher = LauncherFactory.create();

    /** Runs all tests in {@code testClasses}, with {@code loader} as the context class loader. */
    public Outcome run(List<Class<?>> testClasses, ClassLoader loader) {
        return run(testClasses, loader, false);
    }

    /**
     * Runs the tests in {@code testClasses}; with {@code stopAtFirstFailure}, the tests not started
     * yet are skipped once one has failed (the mutation analysis needs only "does any test fail").
     */
    public Outcome run(List<Class<?>> testClasses, ClassLoader loader, boolean stopAtFirstFailure) {
        var discovery = LauncherDiscoveryRequestBuilder.request()
                .selectors(testClasses.stream().map(c -> selectClass(c)).toList())
                .configurationParameters(SETTINGS)
                .enableImplicitConfigurationParameters(false)
                .build();
        var cancellation = stopAtFirstFailure ? CancellationToken.create() : CancellationToken.disabled();
        var collector = new FailureCollector(cancellation);
        var request = LauncherExecutionRequestBuilder.request(discovery).listeners(collector).cancellationToken(cancellation).build();
        var thread = Thread.currentThread();
        var previous = thread.getContextClassLoader();
        var previousHandler = Thread.getDefaultUncaughtExceptionHandler();
        Thread.UncaughtExceptionHandler handler = collector::uncaught;
        thread.setContextClassLoader(loader);
        Thread.setDefaultUncaughtExceptionHandler(handler);
        try {
            launcher.execute(request);
        } finally {
            // Only when no other run replaced it meanwhile: never reinstate a finished run's handler.
            if (Thread.getDefaultUncaughtExceptionHandler() == handler) {
                Thread.setDefaultUncaughtExceptionHandler(previousHandler);
            }
            thread.setContextClassLoader(previous);
        }
        return new Outcome(List.copyOf(collector.testTimes), List.copyOf(collector.failures));
    }

    private static final class FailureCollector implements TestExecutionListener {
        private final List<TestTime> testTimes = new CopyOnWriteArrayList<>();
        private final Map<TestIdentifier, Long> started = new ConcurrentHashMap<>();
        private final List<Failure> failures = new ArrayList<>();
        private final List<String> uncaught = new ArrayList<>();
        private final CancellationToken cancellation;
        private TestPlan plan;

        FailureCollector(CancellationToken cancellation) {
            this.cancellation = cancellation;
        }

        void uncaught(Thread thread, Throwable thrown) {
            synchronized (uncaught) {
                uncaught.add(FailureMessages.uncaught(thread, thrown));
            }
        }

        @Override
        public void testPlanExecutionStarted(TestPlan testPlan) {
            this.plan = testPlan;
        }

        @Override
        public void executionStarted(TestIdentifier id) {
            if (id.isTest()) {
                synchronized (uncaught) {
                    uncaught.clear();
                }
                started.put(id, System.nanoTime());
            }
        }

        @Override
        public void executionFinished(TestIdentifier id, TestExecutionResult result) {
            if (id.isTest()) {
                testTimes.add(new TestTime(nameOf(id), Duration.ofNanos(System.nanoTime() - started.getOrDefault(id, System.nanoTime()))));
            }
            if (result.getStatus() != TestExecutionResult.Status.SUCCESSFUL) {
                var cause = result.getThrowable().orElse(null);
                var message = FailureMessages.explain(cause);
                synchronized (uncaught) {
                    if (!uncaught.isEmpty()) {
                        message = String.join("\n", uncaught) + "\nWhat the test saw then:\n" + message;
                    }
                }
                var method = id.getSource().filter(MethodSource.class::isInstance).map(source -> ((MethodSource) source).getMethodName()).orElse("");
                synchronized (failures) {
                    failures.add(new Failure(nameOf(id), message, method));
                }
                cancellation.cancel();
            }
        }

        private String nameOf(TestIdentifier id) {
            var parent = plan.getParent(id).filter(p -> p.getSource().isPresent() && !p.isTest());
            var name = id.getDisplayName();
            return parent.filter(p -> !id.isContainer()).map(p -> p.getDisplayName() + " › " + name).orElse(name);
        }
    }
}
