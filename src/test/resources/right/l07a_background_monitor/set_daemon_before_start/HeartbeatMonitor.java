package l07a_background_monitor;

import java.time.Duration;

/**
 * Right, the classic way: setDaemon(true) on the new thread between its creation and start(), the
 * one moment the flag can be changed. The JVM then does not wait for the monitor.
 */
public class HeartbeatMonitor {

    private final Duration interval;
    private final Runnable check;

    public HeartbeatMonitor(Duration interval, Runnable check) {
        this.interval = interval;
        this.check = check;
    }

    /** Starts the checks on a daemon thread named "heartbeat-monitor", and returns at once. */
    public void start() {
        var monitor = new Thread(this::checkForever, "heartbeat-monitor");
        monitor.setDaemon(true);
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
