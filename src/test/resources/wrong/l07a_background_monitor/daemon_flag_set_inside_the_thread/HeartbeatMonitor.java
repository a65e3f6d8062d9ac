package l07a_background_monitor;

import java.time.Duration;

/** Wrong: the monitor's thread calls setDaemon(true) on itself, already running, so it dies of IllegalThreadStateException. */
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
    }

    private void checkForever() {
        Thread.currentThread().setDaemon(true);
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
