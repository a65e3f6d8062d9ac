package l07a_background_monitor;

import java.time.Duration;

/** Wrong: start() joins the monitor ("always join your threads"), so it never returns: the monitor never ends. */
public class HeartbeatMonitor {

    private final Duration interval;
    private final Runnable check;

    public HeartbeatMonitor(Duration interval, Runnable check) {
        this.interval = interval;
        this.check = check;
    }

    public void start() {
        var monitor = new Thread(this::checkForever, "heartbeat-monitor");
        monitor.setDaemon(true);
        monitor.start();
        try {
            monitor.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
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
