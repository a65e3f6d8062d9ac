package workbook.runner;

import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The screen while a check runs: says which exercise is being checked and counts the seconds, so a
 * student who saved sees at once that the save was noticed, and that a slow test is slow rather
 * than stuck.
 *
 * <p>The check itself runs on watch mode's thread; the clock ticks on a daemon thread of its own.
 * Both draw under one lock, and {@link #stop()} returns only when no tick can draw any more, so the
 * verdict drawn next is never overwritten by a late tick.
 */
final class RunningCheck {

    private static final long TICK_MILLIS = 200;

    private final Consumer<String> display;
    private final Consumer<String> tick;
    private final ScheduledExecutorService clock =
            Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("check-clock").factory());
    private final Object drawing = new Object();
    private ScheduledFuture<?> ticking;
    private boolean running;

    RunningCheck(Consumer<String> display, Consumer<String> tick) {
        this.display = display;
        this.tick = tick;
    }

    /** Draws {@code screen} ending in {@code line} and a clock at 0.0 s, then ticks it until {@link #stop()}. */
    void start(String screen, String line) {
        long started = System.nanoTime();
        synchronized (drawing) {
            running = true;
            display.accept(screen + line + seconds(0));
        }
        ticking = clock.scheduleAtFixedRate(() -> {
            synchronized (drawing) {
                if (running) {
                    tick.accept(line + seconds(System.nanoTime() - started));
                }
            }
        }, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
    }

    void stop() {
        synchronized (drawing) {
            running = false;
        }
        ticking.cancel(false);
    }

    private static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.1f s", nanos / 1e9);
    }
}
