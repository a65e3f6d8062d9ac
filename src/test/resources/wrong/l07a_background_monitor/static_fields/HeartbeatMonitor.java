package l07a_background_monitor;

import java.time.Duration;

/** Wrong: static fields are one for every monitor, so the last monitor made decides what every monitor checks. */
public class HeartbeatMonitor {

    private static Duration interval;
    private static Runnable check;

    public HeartbeatMonitor(Duration interval, Runnable check) {
        HeartbeatMonitor.interval = interval;
        HeartbeatMonitor.check = check;
    }

    public void start() {
        Thread.ofPlatform().name("heartbeat-monitor").daemon().start(this::checkForever);
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
