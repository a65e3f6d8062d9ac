package l07a_background_monitor;

import java.time.Duration;

/**
 * Runs a check every interval on a background thread for as long as the program runs: a heartbeat,
 * a metrics sample, a look at the free disk space.
 *
 * <p>As shipped it keeps the program from ever ending: the thread that {@link #start()} makes is not
 * a daemon, so when {@code main} returns the JVM waits for it, and its loop never ends.
 */
public class HeartbeatMonitor {

    private final Duration interval;
    private final Runnable check;

    public HeartbeatMonitor(Duration interval, Runnable check) {
        this.interval = interval;
        this.check = check;
    }

    /** Starts the checks on a background thread named "heartbeat-monitor", and returns at once. */
    public void start() {
        // TODO: the monitor must not keep the JVM alive once the program's own work is done.
        var monitor = new Thread(this::checkForever, "heartbeat-monitor");
        monitor.start();
    }

    private void checkForever() {
        try {
            while (true) {
                check.run();
                Thread.sleep(interval);
            }
        } catch (InterruptedException e) {
            // asked to stop: a monitor has nothing to clean up
        }
    }
}
