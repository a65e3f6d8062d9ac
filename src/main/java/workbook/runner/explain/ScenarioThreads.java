package workbook.runner.explain;

import java.util.ArrayList;

/**
 * Starts an explain scenario's threads and waits for them, in the one shape Lincheck 3.7 can follow
 * on JDK 25: a {@link Thread} subclass that overrides {@code run()}.
 *
 * <p>On JDK 25, {@code Thread.run()} hands a {@code Runnable} given to the constructor on through a
 * hidden JDK frame, and Lincheck 3.7 then sees none of what that thread does: a racy counter passes
 * every interleaving it explores (bench/RESULTS.md, "Explain mode: choosing the engine"). A scenario
 * therefore never calls {@code new Thread(runnable)} itself; it hands its bodies to {@link #runTogether}.
 *
 * <p>Usage, in an exercise test's {@code ExplainScenario}:
 * <pre>{@code
 * var counter = new Counter();
 * ScenarioThreads.runTogether(counter::increment, counter::increment);
 * }</pre>
 */
public final class ScenarioThreads {

    private ScenarioThreads() {}

    /** A scenario thread's work; it may wait, so it may be interrupted. */
    @FunctionalInterface
    public interface Body {
        void run() throws InterruptedException;
    }

    /** Runs each body in a thread of its own, all started before any is joined; returns when all have ended. */
    public static void runTogether(Body... bodies) {
        var threads = new ArrayList<Thread>();
        for (var body : bodies) {
            threads.add(new BodyThread(body));
        }
        threads.forEach(Thread::start);
        for (var thread : threads) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("the explain scenario was interrupted while its threads ran", e);
            }
        }
    }

    private static final class BodyThread extends Thread {
        private final Body body;

        BodyThread(Body body) {
            this.body = body;
        }

        @Override
        public void run() {
            try {
                body.run();
            } catch (InterruptedException e) {
                throw new IllegalStateException("a scenario thread was interrupted, which no scenario does", e);
            }
        }
    }
}
