package l07a_background_monitor;

import java.time.Duration;

/** Wrong: setDaemon(true) after start() throws IllegalThreadStateException, and the thread runs on as a non-daemon. */
public class HeartbeatMonitor {

    private final Duration interval;
    private final Runnable check;

    public HeartbeatMonitor(Duration interval, Runnable check) {
        this.interval = interval;
        this.check = check;
    }

    public void start() {
        var monitor = new Thread(this::checkForever, "heartbeat-monitor");
        monitor.start();
        monitor.setDaemon(true);
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
