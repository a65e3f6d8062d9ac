package l07a_background_monitor;

import java.time.Duration;

/**
 * Right, with a virtual thread: a virtual thread is always a daemon, so it never keeps the JVM
 * alive, and a monitor that mostly sleeps is what virtual threads are cheap for.
 */
public class HeartbeatMonitor {

    private final Duration interval;
    private final Runnable check;

    public HeartbeatMonitor(Duration interval, Runnable check) {
        this.interval = interval;
        this.check = check;
    }

    /** Starts the checks on a virtual thread named "heartbeat-monitor", and returns at once. */
    public void start() {
        Thread.ofVirtual().name("heartbeat-monitor").start(this::checkForever);
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
